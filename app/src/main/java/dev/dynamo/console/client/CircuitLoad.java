package dev.dynamo.console.client;

import java.util.Map;

/**
 * What one limit carries in an allocation (contract 7.1): {@code grid} for the grid connection, else a
 * circuit; {@code currentA} by phase ({@code L1}..{@code L3}), against the per-phase {@code maxCurrentA}.
 */
public record CircuitLoad(String circuitId, double maxCurrentA, Map<String, Double> currentA) {
    public static final String GRID = "grid";

    public CircuitLoad {
        currentA = currentA == null ? Map.of() : Map.copyOf(currentA);
    }
}
