package dev.dynamo.allocation;

import java.util.List;

/**
 * Everything one allocation decision depends on. The caller has already resolved the budget in force,
 * the sharing rule, caps, floors and the admission order: {@code demands} are in admission order
 * (rule 5, or the rotation order of 7.2), which for {@link Sharing#PRIORITY} is also the fill order.
 * {@code budgetKw} already holds rule 11's grid headroom ({@link Budget}); {@code otherLoads} lower the
 * limits of metered nodes before anything is filled.
 */
public record AllocationInput(double budgetKw, Sharing sharing, List<Limit> limits,
                              List<Reservation> reservations, List<Demand> demands, List<OtherLoad> otherLoads) {
    public AllocationInput {
        limits = List.copyOf(limits);
        reservations = List.copyOf(reservations);
        demands = List.copyOf(demands);
        otherLoads = List.copyOf(otherLoads);
    }

    /** A site without metered nodes. */
    public AllocationInput(double budgetKw, Sharing sharing, List<Limit> limits, List<Reservation> reservations,
                           List<Demand> demands) {
        this(budgetKw, sharing, limits, reservations, demands, List.of());
    }
}
