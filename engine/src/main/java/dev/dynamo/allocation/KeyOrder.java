package dev.dynamo.allocation;

import java.util.Arrays;

/** Orders indices by a non-negative double key (ties by index) with one primitive sort. */
final class KeyOrder {
    private KeyOrder() {}

    /**
     * Returns {@code items[0..length)} sorted by {@code key[item]}. The sort packs each item into the
     * low bits of its key's bit pattern (monotone for keys &gt;= +0.0); the few keys that then compare
     * equal but differ are put right by an insertion pass, which costs O(n) on sorted input.
     */
    static int[] byKey(double[] key, int[] items, int length, int itemBound) {
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, itemBound));
        long mask = (1L << bits) - 1;
        long[] packed = new long[length];
        for (int j = 0; j < length; j++) {
            packed[j] = (Double.doubleToRawLongBits(key[items[j]]) & ~mask) | items[j];
        }
        Arrays.sort(packed);
        int[] order = new int[length];
        for (int j = 0; j < length; j++) order[j] = (int) (packed[j] & mask);
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
}
