package dev.dynamo.api;

/**
 * The body of {@code POST /api/v1/sites/{id}/chargers/{cp}/session} (contract 3, 7.1).
 *
 * @param evMaxPowerKw    what the vehicle can accept, or null when not given
 * @param energyNeededKwh what the vehicle needs, or null when not given
 * @param phasesInUse     1 or 3; the charger's phases when not given
 */
public record SessionStart(Double evMaxPowerKw, Double energyNeededKwh, int phasesInUse) {}
