package dev.dynamo.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two 22 kW chargers sharing 11 kW equally, batteries far below the taper: A (CP-1, 15 kWh) alone from
 * 08:00, B (CP-2, 20 kWh, leaves 10:00) from 09:00, C (any charger, 5 kWh) from 09:30 waits in line until
 * A is full. Every figure below is worked out by hand from those rules.
 */
class HandComputedScenarioTest {
    private static final double KWH = 1e-3;
    private static RunResult run;

    @BeforeAll
    static void simulate() {
        var scenario = Scenarios.twoChargers();
        run = new Simulator().compare(scenario, List.of(StrategyChoice.scenario()), Simulator.Progress.NONE).runs().getFirst();
    }

    private static RunResult.VehicleOutcome vehicle(String id) {
        return run.vehicles().stream().filter(v -> v.vehicleId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void energy_per_vehicle_follows_the_equal_shares() {
        // A: 11 kWh alone 08-09, then 4 kWh at 5.5 kW (43.64 min): full at 09:43:38
        assertThat(vehicle("A").deliveredKwh()).isCloseTo(15, within(KWH));
        assertThat(vehicle("A").endReason()).isEqualTo("energy_delivered");
        assertThat(vehicle("A").endedAt().toString()).startsWith("2026-11-23T09:43:38");
        // B: 5.5 kW from 09:00 to its departure at 10:00
        assertThat(vehicle("B").deliveredKwh()).isCloseTo(5.5, within(KWH));
        assertThat(vehicle("B").endReason()).isEqualTo("departed");
        // C: on CP-1 at 5.5 kW until 10:00 (1.5 kWh), then 11 kW for the remaining 3.5 kWh
        assertThat(vehicle("C").chargePointId()).isEqualTo("CP-1");
        assertThat(vehicle("C").deliveredKwh()).isCloseTo(5, within(KWH));
        assertThat(vehicle("C").endedAt().toString()).startsWith("2026-11-23T10:19:05");
    }

    @Test
    void totals_unmet_and_fully_served() {
        var kpis = run.kpis();
        assertThat(kpis.vehicles()).isEqualTo(3);
        assertThat(kpis.requestedKwh()).isCloseTo(40, within(KWH));
        assertThat(kpis.deliveredKwh()).isCloseTo(25.5, within(KWH));
        assertThat(kpis.unmetKwh()).isCloseTo(14.5, within(KWH));
        assertThat(kpis.fullyServed()).isEqualTo(2);
        assertThat(kpis.peakKw()).isCloseTo(11, within(1e-9));
        assertThat(kpis.budgetKwh()).isCloseTo(44, within(KWH));
        assertThat(kpis.budgetUtilisation()).isCloseTo(25.5 / 44, within(1e-4));
    }

    @Test
    void fairness_is_jains_index_of_delivered_over_requested() {
        double a = 1, b = 5.5 / 20, c = 1;
        var expected = (a + b + c) * (a + b + c) / (3 * (a * a + b * b + c * c));
        assertThat(run.kpis().fairness()).isCloseTo(expected, within(1e-4));
    }

    @Test
    void longest_wait_is_c_in_line_until_a_is_full() {
        var waitMin = 13 + 38.182 / 60; // 09:30 to 09:43:38.182
        assertThat(vehicle("C").longestWaitMin()).isCloseTo(waitMin, within(0.001));
        assertThat(run.kpis().longestWaitMin()).isCloseTo(waitMin, within(0.001));
        assertThat(run.kpis().longestWaitWithoutRotationMin()).isEqualTo(run.kpis().longestWaitMin());
        assertThat(vehicle("A").longestWaitMin()).isZero();
    }

    @Test
    void one_decision_per_trigger_config_then_each_session_start_and_stop() {
        // config at 08:00, starts of A, B, C, stops of A, B, C
        assertThat(run.kpis().decisions()).isEqualTo(7);
    }

    @Test
    void upper_bound_gives_b_the_whole_budget_during_its_hour() {
        // B can take at most 11 kWh (11 kW for its one hour), A 15 and C 5 fit in the rest of the budget
        assertThat(run.kpis().upperBoundKwh()).isCloseTo(31, within(KWH));
        assertThat(run.kpis().achievedToUpperBound()).isCloseTo(25.5 / 31, within(1e-4));
    }
}
