package dev.dynamo.console.client;

import java.time.Instant;
import java.util.List;

/** The live allocation of a site (contract 2.3), with what each circuit carries (7.1). */
public record Allocation(String siteId, String strategy, double totalBudgetKw, double totalAllocatedKw,
                         Instant calculatedAt, List<ChargerAllocation> allocations,
                         List<CircuitLoad> circuits) {
    public Allocation {
        allocations = allocations == null ? List.of() : List.copyOf(allocations);
        circuits = circuits == null ? List.of() : List.copyOf(circuits);
    }
}
