package dev.dynamo.allocation;

import java.util.Arrays;

/** Orders indices by a non-negative double key (ties by index) with one primitive sort. */
final class KeyOrder {
    private static final int DIGIT_BITS = 10;
    private static final int BUCKETS = 1 << DIGIT_BITS;
    /** Up to this many items an insertion sort beats the radix sort's fixed cost (its 1,024-bucket counts). */
    private static final int SMALL = 48;
    /**
     * The radix passes sort on this many top bits of a key (sign excluded): its exponent and 19 bits of mantissa,
     * keys within a relative 2e-6 of each other are ordered by the insertion pass. Three passes instead of five.
     */
    private static final int KEY_BITS = 30;
    /** The insertion pass gives up past this many moves per item on average (keys crowded closer than KEY_BITS tell). */
    private static final int MOVES_PER_ITEM = 8;

    private KeyOrder() {}

    /**
     * Returns {@code items[0..length)} sorted by {@code key[item]}, ties in the order given (by index
     * for ascending items). The sort packs each item into the low bits of the top {@link #KEY_BITS} bits of its
     * key's bit pattern (monotone for keys &gt;= +0.0), three radix passes; the few keys that then compare equal
     * but differ are put right by an insertion pass, which costs O(n) on sorted input. Should the keys crowd
     * so closely that the insertion pass has too much to move, the sort is made again on every bit of the keys.
     */
    static int[] byKey(double[] key, int[] items, int length, int itemBound) {
        if (length <= SMALL) return insertionSorted(key, Arrays.copyOf(items, length), Long.MAX_VALUE);
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, itemBound));
        // the key's bits below the top KEY_BITS (of the 63 of a non-negative double) are left to the insertion pass
        int dropped = Math.max(0, 63 - bits - KEY_BITS);
        int[] order = radixOrder(key, items, length, bits, dropped);
        int[] sorted = insertionSorted(key, order, MOVES_PER_ITEM * (long) length);
        if (sorted != null) return sorted;
        return insertionSorted(key, radixOrder(key, items, length, bits, 0), Long.MAX_VALUE);
    }

    /** The items by their keys' bits above the lowest {@code dropped} (ties in the order given). */
    private static int[] radixOrder(double[] key, int[] items, int length, int bits, int dropped) {
        long mask = (1L << bits) - 1;
        long[] packed = new long[length];
        for (int j = 0; j < length; j++) {
            packed[j] = ((Double.doubleToRawLongBits(key[items[j]]) >>> dropped) & ~mask) | items[j];
        }
        packed = radixSort(packed, bits, 63 - dropped);
        int[] order = new int[length];
        for (int j = 0; j < length; j++) order[j] = (int) (packed[j] & mask);
        return order;
    }

    /**
     * Stable insertion sort of {@code order} by {@code key}: O(n) on input that is sorted already. Gives up (null)
     * once it has moved more than {@code maxMoves} items.
     */
    private static int[] insertionSorted(double[] key, int[] order, long maxMoves) {
        int length = order.length;
        long moves = 0;
        for (int j = 1; j < length; j++) {
            int item = order[j];
            double itemKey = key[item];
            int m = j - 1;
            if (key[order[m]] <= itemKey) continue;
            while (m >= 0 && key[order[m]] > itemKey) {
                order[m + 1] = order[m];
                m--;
                moves++;
            }
            order[m + 1] = item;
            if (moves > maxMoves) return null;
        }
        return order;
    }

    /** As {@link #radixSort(long[], int, int)} on every bit up to the sign. */
    static long[] radixSortAbove(long[] values, int lowBit) {
        return radixSort(values, lowBit, 63);
    }

    /**
     * Stable LSD radix sort of non-negative longs on bits {@code [lowBit, highBit)}, 10 bits a pass (the bits above
     * {@code highBit} must be 0). Why: for
     * 10,000 keys a handful of linear passes beat the comparison sort (~2.5x), and the index bits
     * below {@code lowBit} need no pass since stability keeps ties in the order given. A pass whose
     * digit is the same for every value (common: caps share their exponent) is skipped.
     */
    static long[] radixSort(long[] values, int lowBit, int highBit) {
        int n = values.length;
        int passes = (highBit - lowBit + DIGIT_BITS - 1) / DIGIT_BITS;
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
