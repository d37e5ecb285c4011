package dev.dynamo.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Contract 10 in the simulator, on the shipped depots: departure_aware sessions are told their departure,
 * the planner bound is a bound (nobody fills more vehicles than it says or leaves less energy short), and
 * departure_aware fills as many vans as it.
 */
class DepartureScenarioTest {

    @Test
    void departure_aware_fills_more_vans_than_equal_and_the_planner_bounds_every_run() {
        var scenario = Scenarios.shipped("van-depot");
        var choices = List.of(StrategyChoice.parse("equal"), StrategyChoice.parse("equal:departure_aware"),
                StrategyChoice.parse("priority"));
        var report = new Simulator().withPlanner().compare(scenario, choices, Simulator.Progress.NONE);
        var equal = report.runs().get(0).kpis();
        var aware = report.runs().get(1).kpis();
        assertThat(equal.vehicles()).isEqualTo(40);
        assertThat(aware.fullyServed()).isGreaterThan(equal.fullyServed());
        assertThat(aware.unmetKwh()).isLessThan(equal.unmetKwh());
        assertThat(aware.worstShortKwh()).isLessThan(equal.worstShortKwh());
        for (var run : report.runs()) {
            var k = run.kpis();
            assertThat(k.planner()).isNotNull();
            assertThat(k.fullyServed()).as(run.strategy()).isLessThanOrEqualTo(k.planner().mostFull());
            assertThat(k.unmetKwh()).as(run.strategy()).isGreaterThanOrEqualTo(k.planner().leastShortKwh() - 1e-6);
            assertThat(k.worstShortKwh()).isGreaterThanOrEqualTo(0);
        }
        // the night holds every van's energy: the planner fills all 40, exactly, and so does departure_aware
        assertThat(aware.planner().method()).isEqualTo("lp-all-full");
        assertThat(aware.planner().mostFull()).isEqualTo(40);
        assertThat(aware.fullyServed()).isEqualTo(40);
        assertThat(aware.unmetKwh()).isLessThan(0.01);
    }

    @Test
    void when_the_night_is_short_departure_aware_fills_as_many_vans_as_the_exact_planner() {
        var scenario = Scenarios.shipped("overnight-depot");
        var report = new Simulator().withPlanner().compare(scenario,
                List.of(StrategyChoice.scenario(), StrategyChoice.parse("scenario:departure_aware")), Simulator.Progress.NONE);
        for (var run : report.runs()) {
            var k = run.kpis();
            assertThat(k.planner().method()).isEqualTo("exact");
            assertThat(k.fullyServed()).as(run.strategy()).isLessThanOrEqualTo(k.planner().mostFull());
            assertThat(k.planner().mostFull()).isLessThan(k.vehicles());
            assertThat(k.unmetKwh()).as(run.strategy()).isGreaterThanOrEqualTo(k.planner().leastShortKwh() - 1e-6);
        }
        // least laxity first alone spread the shortfall over all twelve (0 full); the vans that can finish first
        // leaves one short, as the planner does
        var aware = report.runs().get(1).kpis();
        assertThat(aware.fullyServed()).isEqualTo(aware.planner().mostFull());
        assertThat(aware.fullyServed()).isGreaterThan(report.runs().get(0).kpis().fullyServed());
    }

    @Test
    void only_departure_aware_runs_re_decide_every_five_minutes() {
        var scenario = Scenarios.shipped("van-depot");
        var report = new Simulator().compare(scenario, List.of(StrategyChoice.parse("equal"),
                StrategyChoice.parse("equal:departure_aware")), Simulator.Progress.NONE);
        assertThat(report.runs().get(0).kpis().planner()).isNull();
        // equal: the config and one decision per arrival and per departure or completion
        assertThat(report.runs().get(0).kpis().decisions()).isLessThanOrEqualTo(81);
        assertThat(report.runs().get(1).kpis().decisions()).isGreaterThan(200);
    }

    @Test
    void departure_aware_is_an_option_of_a_strategy_and_refused_with_priority() {
        var choice = StrategyChoice.parse("equal:rotation=15:departure_aware");
        assertThat(choice.departureAware()).isTrue();
        assertThat(choice.rotationMin()).isEqualTo(15);
        assertThat(StrategyChoice.parse("equal:departure_aware=off").departureAware()).isFalse();
        assertThatThrownBy(() -> StrategyChoice.parse("priority:departure_aware")).isInstanceOf(IllegalArgumentException.class);
    }
}
