package dev.dynamo.site;

import dev.dynamo.contract.Strategy;

import java.time.Instant;
import java.util.List;

/**
 * A site's current allocation, immutable: what {@code GET .../allocation} serves without recomputation
 * and what listeners receive.
 *
 * @param allocations ordered by charge point id
 * @param circuits    the grid limit first (when set), then circuits by id
 */
public record AllocationSnapshot(String siteId, Strategy strategy, double totalBudgetKw, double totalAllocatedKw,
                                 Instant calculatedAt, Trigger trigger, List<ChargerAllocation> allocations,
                                 List<CircuitLoad> circuits) {
    public AllocationSnapshot {
        allocations = List.copyOf(allocations);
        circuits = List.copyOf(circuits);
    }

    public java.util.Optional<ChargerAllocation> charger(String chargePointId) {
        return allocations.stream().filter(a -> a.chargePointId().equals(chargePointId)).findFirst();
    }
}
