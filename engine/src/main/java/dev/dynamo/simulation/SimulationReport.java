package dev.dynamo.simulation;

import java.time.Instant;
import java.util.List;

/** Every run of a scenario, each strategy on the same vehicles. */
public record SimulationReport(String scenario, long seed, Instant start, Instant end, int vehicles,
                               List<RunResult> runs) {
    public SimulationReport {
        runs = List.copyOf(runs);
    }
}
