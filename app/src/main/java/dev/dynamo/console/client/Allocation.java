package dev.dynamo.console.client;

import java.time.Instant;
import java.util.List;

/** The live allocation of a site (contract 2.3). */
public record Allocation(String siteId, String strategy, double totalBudgetKw, double totalAllocatedKw,
                         Instant calculatedAt, List<ChargerAllocation> allocations) {
    public Allocation {
        allocations = allocations == null ? List.of() : List.copyOf(allocations);
    }
}
