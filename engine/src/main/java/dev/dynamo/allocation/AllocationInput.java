package dev.dynamo.allocation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything one allocation decision depends on. The caller has already resolved the budget in force,
 * the sharing rule, caps, floors and the admission order: {@code demands} are in admission order
 * (rule 5, or the rotation order of 7.2), which for {@link Sharing#PRIORITY} is also the fill order.
 * {@code budgetKw} already holds rule 11's grid headroom ({@link Budget}); {@code otherLoads} lower the
 * limits of metered nodes before anything is filled.
 *
 * @param departures empty when departure-aware sharing is off; else one per demand, aligned with
 *                   {@code demands}, null for a demand without a departure (contract 10, {@link Sharing#EQUAL} only)
 */
public record AllocationInput(double budgetKw, Sharing sharing, List<Limit> limits,
                              List<Reservation> reservations, List<Demand> demands, List<OtherLoad> otherLoads,
                              List<Departure> departures) {
    public AllocationInput {
        limits = List.copyOf(limits);
        reservations = List.copyOf(reservations);
        demands = List.copyOf(demands);
        otherLoads = List.copyOf(otherLoads);
        departures = departures.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(departures));
        if (!departures.isEmpty() && departures.size() != demands.size()) {
            throw new IllegalArgumentException("departures must be empty or one per demand: " + departures.size()
                    + " for " + demands.size() + " demands");
        }
        if (!departures.isEmpty() && sharing == Sharing.PRIORITY) {
            throw new IllegalArgumentException("departure-aware sharing applies to equal sharing only");
        }
    }

    /** Departure-aware sharing off. */
    public AllocationInput(double budgetKw, Sharing sharing, List<Limit> limits, List<Reservation> reservations,
                           List<Demand> demands, List<OtherLoad> otherLoads) {
        this(budgetKw, sharing, limits, reservations, demands, otherLoads, List.of());
    }

    /** A site without metered nodes, departure-aware sharing off. */
    public AllocationInput(double budgetKw, Sharing sharing, List<Limit> limits, List<Reservation> reservations,
                           List<Demand> demands) {
        this(budgetKw, sharing, limits, reservations, demands, List.of(), List.of());
    }
}
