package dev.dynamo.console.client;

import java.util.List;

/** Every strategy's run of one scenario, on the same vehicles. */
public record SimulationOutcome(String scenario, int vehicles, List<StrategyKpis> runs) {
    public SimulationOutcome {
        runs = List.copyOf(runs);
    }
}
