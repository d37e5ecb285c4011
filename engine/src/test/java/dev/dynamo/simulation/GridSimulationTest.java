package dev.dynamo.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Building load and PV on a metered node in simulation (contract 9): the budget follows the meter, safely. */
class GridSimulationTest {

    @Test
    void the_office_with_pv_never_exceeds_its_connection_and_the_meter_beats_a_cautious_static_budget() {
        var scenario = Scenarios.shipped("office-pv");
        var report = new Simulator().compare(scenario, List.of(StrategyChoice.parse("equal"), StrategyChoice.parse("priority")),
                Simulator.Progress.NONE);
        for (var run : report.runs()) {
            var grid = run.kpis().grid();
            assertThat(grid).isNotNull();
            assertThat(grid.capacityBreaches()).as(run.strategy()).isZero();
            assertThat(grid.peakGridImportKw()).as(run.strategy())
                    .isLessThanOrEqualTo(scenario.site().gridConnectionCapacityKw());
            // 150 kW − the building's peak of 108 kW − the 5 kW buffer
            assertThat(grid.staticBudgetKw()).isEqualTo(37);
            assertThat(run.kpis().deliveredKwh()).as(run.strategy()).isGreaterThan(grid.deliveredWithoutMeterKwh() * 1.1);
            assertThat(run.kpis().deliveredKwh()).isLessThanOrEqualTo(run.kpis().upperBoundKwh() + 1e-6);
        }
        // the meter's readings made decisions (trigger meter) through the site layer
        assertThat(report.runs().getFirst().kpis().decisions()).isGreaterThan(50);
    }

    @Test
    void the_same_seed_gives_the_same_grid_figures() {
        var scenario = Scenarios.shipped("office-pv");
        var vehicles = Simulator.vehicles(scenario);
        var a = new Simulator().simulate(scenario, vehicles, StrategyChoice.parse("equal")).kpis().grid();
        var b = new Simulator().simulate(scenario, vehicles, StrategyChoice.parse("equal")).kpis().grid();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void a_building_load_must_name_a_meter_and_hold_24_hours() {
        var text = Scenarios.text("/dynamo/scenarios/office-pv.dynamo-scenario.json");
        assertThatThrownBy(() -> ScenarioReader.read(text.replace("\"meter_id\": \"main\",\n      \"load_kw_by_hour\"",
                "\"meter_id\": \"nope\",\n      \"load_kw_by_hour\""))).hasMessageContaining("building_loads[0].meter_id");
        assertThatThrownBy(() -> ScenarioReader.read(text.replace("\"load_kw_by_hour\": [\n        22,",
                "\"load_kw_by_hour\": [")))
                .hasMessageContaining("building_loads[0].load_kw_by_hour: must hold 24 values");
    }
}
