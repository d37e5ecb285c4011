package dev.dynamo.simulation;

import java.util.List;

/**
 * The key figures of one run.
 *
 * @param fairness                      Jain's index of delivered/requested over the vehicles: 1 when all got the same share
 * @param longestWaitMin                the longest stretch a vehicle waited without power (queued at 0 kW or in line for a charger)
 * @param longestWaitWithoutRotationMin the same with rotation off (equal to {@code longestWaitMin} when the run has none)
 * @param peakKw                        the highest total drawn at any moment
 * @param budgetUtilisation             energy delivered / energy the budget allowed over the run
 * @param upperBoundKwh                 the most any allocation could deliver ({@link UpperBound})
 * @param upperBoundSlotMin             the slot length of the bound's linear program
 * @param achievedToUpperBound          delivered / upper bound (1 when the bound is 0)
 * @param grid                          with building loads on meters, the grid connection's figures; else null
 * @param worstShortKwh                 the most energy one vehicle left without (contract 10: energy short at departure)
 * @param planner                       what a planner knowing every arrival could do ({@link PlannerBound}), or null
 */
public record Kpis(int vehicles, double requestedKwh, double deliveredKwh, double unmetKwh, int fullyServed,
                   double fairness, double longestWaitMin, double longestWaitWithoutRotationMin, double peakKw,
                   double budgetKwh, double budgetUtilisation, int decisions, double upperBoundKwh,
                   int upperBoundSlotMin, double achievedToUpperBound, Grid grid, double worstShortKwh,
                   PlannerBound planner) {

    /**
     * With building loads on the site's meters (contract 9): the most the grid connection carried, how many
     * times it carried more than its capacity (must be 0), and the energy delivered by the same strategy under
     * the static budget a cautious operator would set without a meter ({@code max_power_kw} at most the capacity
     * minus the building's peak load, PV ignored).
     */
    public record Grid(double peakGridImportKw, int capacityBreaches, double staticBudgetKw, double deliveredWithoutMeterKwh) {}

    public Kpis(int vehicles, double requestedKwh, double deliveredKwh, double unmetKwh, int fullyServed,
                double fairness, double longestWaitMin, double longestWaitWithoutRotationMin, double peakKw,
                double budgetKwh, double budgetUtilisation, int decisions, double upperBoundKwh,
                int upperBoundSlotMin, double achievedToUpperBound) {
        this(vehicles, requestedKwh, deliveredKwh, unmetKwh, fullyServed, fairness, longestWaitMin,
                longestWaitWithoutRotationMin, peakKw, budgetKwh, budgetUtilisation, decisions, upperBoundKwh,
                upperBoundSlotMin, achievedToUpperBound, null, Double.NaN, null);
    }

    public Kpis withUpperBound(UpperBound bound, PlannerBound planner) {
        return new Kpis(vehicles, requestedKwh, deliveredKwh, unmetKwh, fullyServed, fairness, longestWaitMin,
                longestWaitWithoutRotationMin, peakKw, budgetKwh, budgetUtilisation, decisions, bound.energyKwh(),
                bound.slotMinutes(), bound.energyKwh() == 0 ? 1 : deliveredKwh / bound.energyKwh(), grid, worstShortKwh,
                planner);
    }

    /** Vehicles full by departure / the most the planner could fill (1 when it could fill none); NaN without it. */
    public double fullToPlanner() {
        if (planner == null) return Double.NaN;
        return planner.mostFull() == 0 ? 1 : (double) fullyServed / planner.mostFull();
    }

    public Kpis withGrid(Grid value) {
        return new Kpis(vehicles, requestedKwh, deliveredKwh, unmetKwh, fullyServed, fairness, longestWaitMin,
                longestWaitWithoutRotationMin, peakKw, budgetKwh, budgetUtilisation, decisions, upperBoundKwh,
                upperBoundSlotMin, achievedToUpperBound, value, worstShortKwh, planner);
    }

    /** As {@link #jain(List)}, on an array (the same sums in the same order). */
    public static double jain(double[] shares) {
        var sum = 0.0;
        var squares = 0.0;
        for (var x : shares) {
            sum += x;
            squares += x * x;
        }
        return squares == 0 ? 1 : sum * sum / (shares.length * squares);
    }

    /** Jain's fairness index: (Σx)² / (n Σx²); 1 for no vehicles or all at zero, where every share is the same. */
    public static double jain(List<Double> shares) {
        var sum = 0.0;
        var squares = 0.0;
        for (var x : shares) {
            sum += x;
            squares += x * x;
        }
        return squares == 0 ? 1 : sum * sum / (shares.size() * squares);
    }
}
