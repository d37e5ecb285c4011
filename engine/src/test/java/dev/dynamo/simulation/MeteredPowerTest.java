package dev.dynamo.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Meter values reach the site layer: with redistribute_unused, what a tapering vehicle leaves goes to the other. */
class MeteredPowerTest {
    private static final String SCENARIO = """
            {
              "name": "Taper", "start": "2026-11-23T08:00:00Z", "duration_hours": 1,
              "site": { "site_id": "t", "timezone": "UTC", "grid_connection_capacity_kw": 50,
                        "chargers": [ { "charge_point_id": "CP-1", "max_power_kw": 22 },
                                      { "charge_point_id": "CP-2", "max_power_kw": 22 } ] },
              "config": { "max_power_kw": 22, "strategy": "equal", "redistribute_unused": REDISTRIBUTE },
              "vehicles": [
                { "id": "nearly-full", "arrival": "2026-11-23T08:00:00Z", "departure": "2026-11-23T10:00:00Z",
                  "energy_needed_kwh": 2.9, "max_acceptance_kw": 11, "charge_point_id": "CP-1", "battery_kwh": 60, "arrival_soc": 0.95 },
                { "id": "empty", "arrival": "2026-11-23T08:00:00Z", "departure": "2026-11-23T10:00:00Z",
                  "energy_needed_kwh": 50, "max_acceptance_kw": 22, "charge_point_id": "CP-2", "battery_kwh": 80, "arrival_soc": 0.1 }
              ]
            }""";

    private static RunResult run(boolean redistribute) {
        var scenario = ScenarioReader.read(SCENARIO.replace("REDISTRIBUTE", Boolean.toString(redistribute)));
        return new Simulator().compare(scenario, List.of(StrategyChoice.scenario()), Simulator.Progress.NONE).runs().getFirst();
    }

    private static double delivered(RunResult run, String id) {
        return run.vehicles().stream().filter(v -> v.vehicleId().equals(id)).findFirst().orElseThrow().deliveredKwh();
    }

    @Test
    void power_a_tapering_vehicle_cannot_take_goes_to_the_other_once_metered() {
        var without = run(false);
        var with = run(true);
        // without it the empty vehicle keeps its 11 kW half for the hour while the other tapers from 2.75 kW
        assertThat(delivered(without, "empty")).isCloseTo(11, org.assertj.core.api.Assertions.within(1e-6));
        // with it, the first meter value (after a minute) lowers the tapering one's cap and the rest goes over
        assertThat(delivered(with, "empty")).isGreaterThan(delivered(without, "empty") + 4);
        assertThat(with.kpis().decisions()).isGreaterThan(without.kpis().decisions());
    }
}
