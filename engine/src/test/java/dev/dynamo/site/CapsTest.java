package dev.dynamo.site;

import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.Session;

import static dev.dynamo.testing.TestSites.charger;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The effective cap and what sets it (contract 7.1, 7.3): on equal values measured, phases, vehicle, charger. */
class CapsTest {
    private static final ChargerDefinition CHARGER = charger("CP-001", 22);

    private static Session session(Double evMaxPowerKw, int phasesInUse) {
        return new Session("s", "depot", "CP-001", Instant.EPOCH, evMaxPowerKw, null, phasesInUse, null);
    }

    @Test
    void the_lowest_limit_sets_the_cap() {
        assertThat(Caps.of(CHARGER, session(null, 3), null, 0)).isEqualTo(new Caps(22, CapReason.CHARGER, 0));
        assertThat(Caps.of(CHARGER, session(11.0, 3), null, 0).reason()).isEqualTo(CapReason.VEHICLE);
        assertThat(Caps.of(CHARGER, session(11.0, 1), null, 0)).isEqualTo(new Caps(7.33, CapReason.PHASES, 0));
        assertThat(Caps.of(CHARGER, session(11.0, 1), 5.0, 0)).isEqualTo(new Caps(5, CapReason.MEASURED, 0));
        // a lowered cap above the others sets nothing
        assertThat(Caps.of(CHARGER, session(11.0, 3), 12.0, 0).reason()).isEqualTo(CapReason.VEHICLE);
    }

    @Test
    void on_equal_values_measured_comes_before_phases_before_vehicle_before_charger() {
        assertThat(Caps.of(CHARGER, session(22.0, 3), null, 0).reason()).isEqualTo(CapReason.VEHICLE);
        assertThat(Caps.of(CHARGER, session(7.33, 1), null, 0).reason()).isEqualTo(CapReason.PHASES);
        assertThat(Caps.of(CHARGER, session(7.33, 1), 7.33, 0).reason()).isEqualTo(CapReason.MEASURED);
        assertThat(Caps.of(CHARGER, session(null, 3), 22.0, 0).reason()).isEqualTo(CapReason.MEASURED);
    }

    @Test
    void a_lowered_cap_never_goes_below_the_floor_which_counts_from_the_cap_without_it() {
        var caps = Caps.of(CHARGER, session(null, 3), 2.0, 7);
        assertThat(caps).isEqualTo(new Caps(7, CapReason.MEASURED, 7));
        // the floor is min(floor, cap): a 3.7 kW vehicle with a 7 kW floor has a 3.7 kW floor
        assertThat(Caps.of(CHARGER, session(3.7, 3), null, 7)).isEqualTo(new Caps(3.7, CapReason.VEHICLE, 3.7));
    }
}
