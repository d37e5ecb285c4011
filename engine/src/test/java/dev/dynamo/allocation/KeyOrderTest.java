package dev.dynamo.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The radix-sorted key order matches a comparison sort by key, ties by index. */
class KeyOrderTest {

    @Property(tries = 2_000)
    void orders_items_by_key_then_index(
            @ForAll @Size(max = 3_000) List<@DoubleRange(min = 0, max = 50) Double> keys) {
        double[] key = keys.stream().mapToDouble(k -> Math.round(k * 10) / 10.0).toArray(); // many ties
        int[] items = IntStream.range(0, key.length).toArray();

        int[] expected = IntStream.range(0, key.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> key[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        assertThat(KeyOrder.byKey(key, items, items.length, key.length)).containsExactly(expected);
    }

    @Test
    void keys_that_differ_only_in_bits_shared_with_the_index_keep_their_order() {
        double[] key = {Math.nextUp(4.2), 4.2, 0.0, Math.nextUp(0.0), 4.2};
        int[] items = {0, 1, 2, 3, 4};
        assertThat(KeyOrder.byKey(key, items, 5, 5)).containsExactly(2, 3, 1, 4, 0);
    }

    @Test
    void keys_crowded_closer_than_the_radix_passes_tell_apart_are_still_ordered() {
        // 5,000 distinct keys within a relative 1e-9 of each other, in descending order: the radix passes see
        // them all as equal, the insertion pass gives up and the sort is made again on every bit
        int n = 5_000;
        double[] key = new double[n];
        for (int i = 0; i < n; i++) key[i] = 7.0 + (n - i) * 1e-12;
        int[] items = IntStream.range(0, n).toArray();
        int[] expected = IntStream.range(0, n).map(j -> n - 1 - j).toArray();
        assertThat(KeyOrder.byKey(key, items, n, n)).containsExactly(expected);
    }

    @Property(tries = 200)
    void orders_items_by_key_then_index_when_keys_crowd(
            @ForAll @Size(min = 49, max = 3_000) List<@DoubleRange(min = 0, max = 1) Double> offsets) {
        // keys 5 + offset x 1e-7: equal in their top bits, different below
        double[] key = offsets.stream().mapToDouble(o -> 5 + Math.round(o * 1000) * 1e-10).toArray();
        int[] items = IntStream.range(0, key.length).toArray();
        int[] expected = IntStream.range(0, key.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> key[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        assertThat(KeyOrder.byKey(key, items, items.length, key.length)).containsExactly(expected);
    }

    @Test
    void radix_sort_orders_non_negative_longs_above_the_low_bits_and_is_stable() {
        long[] values = {(5L << 40) | 1, (3L << 20) | 2, Long.MAX_VALUE & ~7L, (5L << 40), 0L, (3L << 20) | 1};
        assertThat(KeyOrder.radixSortAbove(values, 3))
                .containsExactly(0L, (3L << 20) | 2, (3L << 20) | 1, (5L << 40) | 1, (5L << 40), Long.MAX_VALUE & ~7L);
    }
}
