package dev.dynamo.store;

import java.time.Instant;
import java.util.List;

/** One allocation decision as recorded in the history (contract 7.4). */
public record DecisionRecord(String siteId, Instant decidedAt, String trigger, String strategy,
                             double totalBudgetKw, double totalAllocatedKw, List<Entry> allocations) {
    public DecisionRecord {
        allocations = List.copyOf(allocations);
    }

    /** One active charger's part of a decision. */
    public record Entry(String chargePointId, double allocatedKw, String status) {}
}
