package dev.dynamo.console.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.Allocation;
import dev.dynamo.console.client.ChargerAllocation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreviewComparisonTest {
    private static Allocation allocation(ChargerAllocation... chargers) {
        return new Allocation("s", "equal", 30, 30, Instant.EPOCH, List.of(chargers), List.of(), null, List.of());
    }

    private static ChargerAllocation share(String id, double kw) {
        return new ChargerAllocation(id, kw, 22, kw > 0 ? "charging" : "queued", "s", Instant.EPOCH, null, "charger",
                null, 3, Map.of(), null, null, null, null);
    }

    @Test
    void rows_follow_the_given_order_and_show_both_sides_and_the_difference_and_idle_chargers_stay_blank() {
        var rows = PreviewComparison.rows(List.of("B", "A", "C"), allocation(share("A", 15), share("B", 15)),
                allocation(share("A", 8), share("B", 22)));

        assertThat(rows).extracting(r -> r.chargePointId() + " | " + r.liveText() + " | " + r.previewText() + " | " + r.diffText())
                .containsExactly("B | 15.0 kW | 22.0 kW | +7.0 kW", "A | 15.0 kW | 8.0 kW | −7.0 kW", "C | idle |  | ");
    }

    @Test
    void without_a_preview_only_the_live_side_is_shown() {
        var rows = PreviewComparison.rows(List.of("A"), allocation(share("A", 0)), null);

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.liveText()).isEqualTo("0.0 kW queued");
            assertThat(r.previewText()).isEmpty();
            assertThat(r.diffText()).isEmpty();
        });
    }
}
