package dev.dynamo.console.client;

import java.time.Instant;
import java.util.List;

/**
 * Every strategy's run of one scenario, on the same vehicles, and how much power the site drew over the
 * run under each (in {@code runs} order; empty when not known).
 */
public record SimulationOutcome(String scenario, int vehicles, List<StrategyKpis> runs, List<DrawOverTime> draws) {
    public SimulationOutcome {
        runs = List.copyOf(runs);
        draws = List.copyOf(draws);
    }

    public SimulationOutcome(String scenario, int vehicles, List<StrategyKpis> runs) {
        this(scenario, vehicles, runs, List.of());
    }

    /** The site's total draw (kW) at evenly spaced instants of one strategy's run. */
    public record DrawOverTime(String strategy, List<Instant> at, List<Double> drawKw) {
        public DrawOverTime {
            at = List.copyOf(at);
            drawKw = List.copyOf(drawKw);
        }
    }
}
