package dev.dynamo.console.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.ChargerAllocation;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChargerGaugeTest {
    private static ChargerAllocation allocation(ChargerAllocation.ProfileState profile, Boolean overLimit, Boolean atRisk) {
        return new ChargerAllocation("CP-1", 11, 22, "charging", "s", Instant.EPOCH, 12.0, "charger", null, 3, Map.of(),
                "budget", profile, overLimit, atRisk);
    }

    @Test
    void a_tile_says_what_is_wrong_with_its_charger_from_profile_over_limit_and_at_risk() {
        var refused = new ChargerAllocation.ProfileState("refused", 7.0, Instant.EPOCH);
        var inSync = new ChargerAllocation.ProfileState("in_sync", 11.0, Instant.EPOCH);

        var gauge = new ChargerGauge("CP-1");
        gauge.update(allocation(refused, false, false));
        assertThat(gauge.troubleProperty().get()).isEqualTo("limit refused");
        gauge.update(allocation(inSync, true, true));
        assertThat(gauge.troubleProperty().get()).isEqualTo("over its limit");
        assertThat(gauge.atRiskProperty().get()).isTrue();
        // at risk has a state of its own (a red frame and "⚠ AT RISK" on the tile), not a trouble of the charger
        gauge.update(allocation(inSync, false, true));
        assertThat(gauge.troubleProperty().get()).isNull();
        assertThat(gauge.atRiskProperty().get()).isTrue();
        gauge.update(allocation(null, null, null));
        assertThat(gauge.troubleProperty().get()).isNull();
        assertThat(gauge.atRiskProperty().get()).isFalse();
    }
}
