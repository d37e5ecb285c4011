package dev.dynamo.allocation;

import java.util.Arrays;

/** Orders indices by a non-negative double key (ties by index) with one primitive sort. */
final class KeyOrder {
    private static final int DIGIT_BITS = 10;
    private static final int BUCKETS = 1 << DIGIT_BITS;
    /** Up to this many items an insertion sort beats the radix sort's fixed cost (its 1,024-bucket counts). */
    private static final int SMALL = 48;

    private KeyOrder() {}

    /**
     * Returns {@code items[0..length)} sorted by {@code key[item]}, ties in the order given (by index
     * for ascending items). The sort packs each item into the low bits of its key's bit pattern
     * (monotone for keys &gt;= +0.0); the few keys that then compare equal but differ are put right by
     * an insertion pass, which costs O(n) on sorted input.
     */
    static int[] byKey(double[] key, int[] items, int length, int itemBound) {
        if (length <= SMALL) return insertionSorted(key, Arrays.copyOf(items, length));
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, itemBound));
        long mask = (1L << bits) - 1;
        long[] packed = new long[length];
        for (int j = 0; j < length; j++) {
            packed[j] = (Double.doubleToRawLongBits(key[items[j]]) & ~mask) | items[j];
        }
        packed = radixSortAbove(packed, bits);
        int[] order = new int[length];
        for (int j = 0; j < length; j++) order[j] = (int) (packed[j] & mask);
        return insertionSorted(key, order);
    }

    /** Stable insertion sort of {@code order} by {@code key}: O(n) on input that is sorted already. */
    private static int[] insertionSorted(double[] key, int[] order) {
        int length = order.length;
        for (int j = 1; j < length; j++) {
            int item = order[j];
            double itemKey = key[item];
            int m = j - 1;
            if (key[order[m]] <= itemKey) continue;
            while (m >= 0 && key[order[m]] > itemKey) {
                order[m + 1] = order[m];
                m--;
            }
            order[m + 1] = item;
        }
        return order;
    }

    /**
     * Stable LSD radix sort of non-negative longs on bits {@code [lowBit, 63)}, 10 bits a pass. Why: for
     * 10,000 keys a handful of linear passes beat the comparison sort (~2.5x), and the index bits
     * below {@code lowBit} need no pass since stability keeps ties in the order given. A pass whose
     * digit is the same for every value (common: caps share their exponent) is skipped.
     */
    static long[] radixSortAbove(long[] values, int lowBit) {
        int n = values.length;
        int passes = (63 - lowBit + DIGIT_BITS - 1) / DIGIT_BITS;
        int[] counts = new int[passes * BUCKETS];
        for (long value : values) {
            for (int p = 0; p < passes; p++) counts[p * BUCKETS + digit(value, lowBit + p * DIGIT_BITS)]++;
        }
        long[] from = values;
        long[] to = new long[n];
        for (int p = 0; p < passes; p++) {
            int base = p * BUCKETS;
            int shift = lowBit + p * DIGIT_BITS;
            if (n == 0 || counts[base + digit(from[0], shift)] == n) continue;
            int start = 0;
            for (int b = base; b < base + BUCKETS; b++) {
                int c = counts[b];
                counts[b] = start;
                start += c;
            }
            for (long value : from) to[counts[base + digit(value, shift)]++] = value;
            long[] swap = from;
            from = to;
            to = swap;
        }
        return from;
    }

    private static int digit(long value, int shift) {
        return (int) (value >>> shift) & (BUCKETS - 1);
    }
}
