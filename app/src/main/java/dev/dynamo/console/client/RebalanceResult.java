package dev.dynamo.console.client;

import java.time.Instant;
import java.util.List;

/** The answer to {@code POST …/rebalance} (contract 2.5). */
public record RebalanceResult(String siteId, Instant appliedAt, int chargersRecalculated,
                              List<ChargerAllocation> allocations) {
    public RebalanceResult {
        allocations = allocations == null ? List.of() : List.copyOf(allocations);
    }
}
