package dev.dynamo.console.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.History;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackedHistoryTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    /** Two buckets; charger i (CP-01..CP-n) draws i kW in each, so CP-n received the most energy. */
    private static HistoryTable table(int chargers, Double otherLoadKw) {
        var buckets = new ArrayList<History.Bucket>();
        for (int b = 0; b < 2; b++) {
            var list = new ArrayList<History.ChargerBucket>();
            var total = 0.0;
            for (int i = 1; i <= chargers; i++) {
                list.add(new History.ChargerBucket("CP-%02d".formatted(i), i, i));
                total += i;
            }
            buckets.add(new History.Bucket(T0.plusSeconds(300L * b), T0.plusSeconds(300L * (b + 1)), 200, total, total, 1,
                    list, otherLoadKw));
        }
        return HistoryTable.of(buckets);
    }

    @Test
    void the_top_ten_chargers_by_energy_are_stacked_the_rest_summed_as_others_each_in_its_own_colour() {
        var stacked = StackedHistory.of(table(13, null));

        assertThat(stacked.layers()).extracting(StackedHistory.Layer::name).containsExactly(
                "CP-13", "CP-12", "CP-11", "CP-10", "CP-09", "CP-08", "CP-07", "CP-06", "CP-05", "CP-04", "Others (3)");
        assertThat(stacked.layers().getLast().kw()).containsExactly(6.0, 6.0);
        var colours = new HashSet<Object>();
        stacked.layers().forEach(l -> colours.add(HistoryPalette.of(l.colour())));
        assertThat(colours).hasSize(11).doesNotContain(HistoryPalette.TOTAL, HistoryPalette.BUDGET);
        // the stack adds up to the site total
        assertThat(stacked.stackTop(0)).isEqualTo(stacked.totalKw()[0]);
        assertThat(stacked.maxKw()).isEqualTo(200.0);
    }

    @Test
    void the_other_load_is_stacked_beneath_the_chargers_when_metered() {
        var stacked = StackedHistory.of(table(2, 30.0));

        assertThat(stacked.layers()).extracting(StackedHistory.Layer::name).containsExactly("Other load", "CP-02", "CP-01");
        assertThat(stacked.readout(1)).containsExactly("Site total         3.0 kW", "Budget           200.0 kW",
                "CP-01              1.0 kW", "CP-02              2.0 kW", "Other load        30.0 kW");
        assertThat(stacked.indexAt(T0.plusSeconds(400))).isEqualTo(1);
        assertThat(stacked.indexAt(T0)).isZero();
    }

    @Test
    void long_ranges_are_averaged_down_for_drawing() {
        var buckets = new ArrayList<History.Bucket>();
        for (int b = 0; b < 1500; b++) {
            buckets.add(new History.Bucket(T0.plusSeconds(60L * b), T0.plusSeconds(60L * (b + 1)), 100, b % 2 == 0 ? 10 : 20,
                    20, 0, List.of(), null));
        }
        var stacked = StackedHistory.of(HistoryTable.of(buckets));

        assertThat(stacked.size()).isLessThanOrEqualTo(StackedHistory.MAX_POINTS);
        assertThat(stacked.totalKw()[0]).isEqualTo(40.0 / 3);
    }
}
