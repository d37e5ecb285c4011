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
    void radix_sort_orders_non_negative_longs_above_the_low_bits_and_is_stable() {
        long[] values = {(5L << 40) | 1, (3L << 20) | 2, Long.MAX_VALUE & ~7L, (5L << 40), 0L, (3L << 20) | 1};
        assertThat(KeyOrder.radixSortAbove(values, 3))
                .containsExactly(0L, (3L << 20) | 2, (3L << 20) | 1, (5L << 40) | 1, (5L << 40), Long.MAX_VALUE & ~7L);
    }
}
