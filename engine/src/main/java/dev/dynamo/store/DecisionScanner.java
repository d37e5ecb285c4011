package dev.dynamo.store;

import java.time.Instant;

/**
 * A faster {@link Store#forEachDecision} for long ranges: the same decisions in the same order,
 * handed over without building a record per decision or an object per allocation.
 */
public interface DecisionScanner {

    @FunctionalInterface
    interface Visitor {
        void decision(long decidedAtMs, double totalBudgetKw, double totalAllocatedKw, AllocationView allocations);
    }

    /** Decisions with {@code from <= decidedAt < to}, oldest first, in append order. */
    void scanDecisions(String siteId, Instant from, Instant to, Visitor visitor);
}
