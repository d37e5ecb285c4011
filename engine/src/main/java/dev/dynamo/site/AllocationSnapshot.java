package dev.dynamo.site;

import dev.dynamo.allocation.Budget;
import dev.dynamo.contract.Strategy;

import java.time.Instant;
import java.util.List;

/**
 * A site's current allocation, immutable: what {@code GET .../allocation} serves without recomputation
 * and what listeners receive.
 *
 * @param allocations ordered by charge point id
 * @param circuits    the grid limit first (when set), then circuits by id
 * @param budget      the budget's parts and what binds it (contract 9.4)
 */
public record AllocationSnapshot(String siteId, Strategy strategy, double totalBudgetKw, double totalAllocatedKw,
                                 Instant calculatedAt, Trigger trigger, List<ChargerAllocation> allocations,
                                 List<CircuitLoad> circuits, Budget budget) {
    public AllocationSnapshot {
        allocations = List.copyOf(allocations);
        circuits = List.copyOf(circuits);
    }

    /** A snapshot whose budget is the config's alone (no meter, no external limit). */
    public AllocationSnapshot(String siteId, Strategy strategy, double totalBudgetKw, double totalAllocatedKw,
                              Instant calculatedAt, Trigger trigger, List<ChargerAllocation> allocations,
                              List<CircuitLoad> circuits) {
        this(siteId, strategy, totalBudgetKw, totalAllocatedKw, calculatedAt, trigger, allocations, circuits,
                Budget.ofConfig(totalBudgetKw, totalBudgetKw));
    }

    /** The same decision with other allocations shown (a new measured power). */
    AllocationSnapshot withAllocations(List<ChargerAllocation> shown) {
        return new AllocationSnapshot(siteId, strategy, totalBudgetKw, totalAllocatedKw, calculatedAt, trigger, shown,
                circuits, budget);
    }

    /** The same decision with its chargers counted otherwise (what they may draw now changed): new totals. */
    AllocationSnapshot withCounted(List<ChargerAllocation> counted, double totalCountedKw, List<CircuitLoad> loads) {
        return new AllocationSnapshot(siteId, strategy, totalBudgetKw, totalCountedKw, calculatedAt, trigger, counted,
                loads, budget);
    }

    public java.util.Optional<ChargerAllocation> charger(String chargePointId) {
        return allocations.stream().filter(a -> a.chargePointId().equals(chargePointId)).findFirst();
    }
}
