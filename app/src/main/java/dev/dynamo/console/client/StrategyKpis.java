package dev.dynamo.console.client;

/**
 * The key figures of one strategy's run of a scenario, as the Simulation screen shows them.
 *
 * @param fairness                      Jain's index of delivered/requested over the vehicles (1 = all the same share)
 * @param budgetUtilisation             delivered / the energy the budget allowed, 0..1
 * @param achievedToUpperBound          delivered / the most any allocation could deliver, 0..1
 */
public record StrategyKpis(String strategy, int vehicles, double requestedKwh, double deliveredKwh, int fullyServed,
                           double unmetKwh, double peakKw, double budgetUtilisation, double fairness,
                           double longestWaitMin, double longestWaitWithoutRotationMin, int decisions,
                           double upperBoundKwh, double achievedToUpperBound) {}
