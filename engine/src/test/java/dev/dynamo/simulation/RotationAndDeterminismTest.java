package dev.dynamo.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dynamo.allocation.Allocator;
import java.util.List;
import org.junit.jupiter.api.Test;

class RotationAndDeterminismTest {

    @Test
    void rotation_bounds_the_wait_that_runs_all_day_without_it() {
        var scenario = ScenarioReader.read(Scenarios.text("/scenarios/rotation.dynamo-scenario.json"));
        var report = new Simulator().compare(scenario, List.of(StrategyChoice.scenario(), StrategyChoice.parse("equal:rotation=off")),
                Simulator.Progress.NONE);
        var withRotation = report.runs().get(0).kpis();
        var without = report.runs().get(1).kpis();
        // without rotation A keeps the only slot: B waits from 08:01 to its departure at 12:00
        assertThat(without.longestWaitMin()).isCloseTo(239, within(1e-6));
        // with it, they swap at every tick (08:31, 09:01, ...): no one waits longer than a period
        assertThat(withRotation.longestWaitMin()).isCloseTo(30, within(1e-6));
        assertThat(withRotation.longestWaitWithoutRotationMin()).isCloseTo(239, within(1e-6));
        // 11 kW for 4 hours either way, shared out differently
        assertThat(withRotation.deliveredKwh()).isCloseTo(44, within(1e-3));
        assertThat(without.deliveredKwh()).isCloseTo(44, within(1e-3));
        assertThat(withRotation.fairness()).isGreaterThan(without.fairness());
    }

    @Test
    void the_same_seed_gives_the_same_report_byte_for_byte() {
        var scenario = Scenarios.shipped("public-hub");
        var choices = List.of(StrategyChoice.scenario(), StrategyChoice.parse("priority"));
        // 15-minute bound slots keep the test quick; the bound is part of the bytes compared
        var simulator = new Simulator(Allocator::allocate, 15);
        var first = ReportJson.write(simulator.compare(scenario, choices, Simulator.Progress.NONE));
        var second = ReportJson.write(new Simulator(Allocator::allocate, 15).compare(Scenarios.shipped("public-hub"), choices, Simulator.Progress.NONE));
        assertThat(second).isEqualTo(first);
        var reseeded = new Scenario(scenario.name(), scenario.description(), scenario.site(), scenario.config(),
                scenario.configChanges(), scenario.start(), scenario.duration(), scenario.seed() + 1, scenario.vehicles(), scenario.model());
        assertThat(ReportJson.write(simulator.compare(reseeded, choices, Simulator.Progress.NONE))).isNotEqualTo(first);
    }
}
