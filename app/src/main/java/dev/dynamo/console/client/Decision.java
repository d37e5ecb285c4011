package dev.dynamo.console.client;

import java.time.Instant;
import java.util.List;

/** One allocation decision as the decisions endpoint returns it (contract 7.4; {@code budget} from 9.4, or null). */
public record Decision(Instant decidedAt, String trigger, String strategy, double totalBudgetKw,
                       double totalAllocatedKw, List<Share> allocations, Allocation.BudgetParts budget) {
    public Decision {
        allocations = allocations == null ? List.of() : List.copyOf(allocations);
    }

    public record Share(String chargePointId, double allocatedKw, String status) {}
}
