package dev.dynamo.console.client;

import java.time.Instant;
import java.util.List;

/**
 * The live allocation of a site (contract 2.3), with what each circuit carries (7.1), and the budget's parts
 * and meters (9.4; {@code budget} null from an engine without section 9).
 */
public record Allocation(String siteId, String strategy, double totalBudgetKw, double totalAllocatedKw,
                         Instant calculatedAt, List<ChargerAllocation> allocations,
                         List<CircuitLoad> circuits, GridBudget budget, List<GridMeter> meters) {
    public Allocation {
        allocations = allocations == null ? List.of() : List.copyOf(allocations);
        circuits = circuits == null ? List.of() : List.copyOf(circuits);
        meters = meters == null ? List.of() : List.copyOf(meters);
    }
}
