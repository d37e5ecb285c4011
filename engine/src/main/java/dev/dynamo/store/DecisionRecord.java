package dev.dynamo.store;

import java.time.Instant;
import java.util.List;

/**
 * One allocation decision as recorded in the history (contract 7.4).
 *
 * @param budgetJson the budget's parts as the contract writes them (9.4), or null when not recorded
 */
public record DecisionRecord(String siteId, Instant decidedAt, String trigger, String strategy,
                             double totalBudgetKw, double totalAllocatedKw, List<Entry> allocations,
                             String budgetJson) {
    public DecisionRecord {
        allocations = List.copyOf(allocations);
    }

    /** A decision without its budget's parts (recorded before contract 9, or by a caller that has none). */
    public DecisionRecord(String siteId, Instant decidedAt, String trigger, String strategy, double totalBudgetKw,
                          double totalAllocatedKw, List<Entry> allocations) {
        this(siteId, decidedAt, trigger, strategy, totalBudgetKw, totalAllocatedKw, allocations, null);
    }

    /** One active charger's part of a decision. */
    public record Entry(String chargePointId, double allocatedKw, String status) {}
}
