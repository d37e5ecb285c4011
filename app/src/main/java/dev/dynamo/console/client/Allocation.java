package dev.dynamo.console.client;

import java.time.Instant;
import java.util.List;

/**
 * The live allocation of a site (contract 2.3), with what each circuit carries (7.1); {@code budget} and
 * {@code meters} (section 9) are null and empty from an engine that does not send them.
 */
public record Allocation(String siteId, String strategy, double totalBudgetKw, double totalAllocatedKw,
                         Instant calculatedAt, List<ChargerAllocation> allocations,
                         List<CircuitLoad> circuits, BudgetParts budget, List<MeterState> meters) {
    public Allocation {
        allocations = allocations == null ? List.of() : List.copyOf(allocations);
        circuits = circuits == null ? List.of() : List.copyOf(circuits);
        meters = meters == null ? List.of() : List.copyOf(meters);
    }

    /** What the budget is made of (contract 9.4); {@code binding} names the part that sets it. */
    public record BudgetParts(Double configKw, Double gridHeadroomKw, Double externalKw, String binding) {
        public boolean external() { return binding != null && binding.startsWith("external:"); }
    }

    /** A site meter's last reading (contract 9.4). */
    public record MeterState(String meterId, String node, Double powerKw, Double otherLoadKw, Instant measuredAt,
                             boolean stale) {}
}
