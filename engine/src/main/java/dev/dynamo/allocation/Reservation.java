package dev.dynamo.allocation;

/**
 * Power held for a charger that cannot be reached (rule 9): counted first, on the budget and on
 * every limit of its path, whatever is left.
 */
public record Reservation(String chargePointId, double kw, int phasesInUse, Phase phase, double voltageV,
                          String limitId) {}
