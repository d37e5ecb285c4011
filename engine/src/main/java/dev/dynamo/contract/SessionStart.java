package dev.dynamo.contract;

/**
 * What a session start may say about the vehicle (contract section 3 and 7.1); null = not given.
 *
 * @param phasesInUse 1 or 3, or null for the charger's phases
 */
public record SessionStart(Double evMaxPowerKw, Double energyNeededKwh, Integer phasesInUse) {
    public static final SessionStart NONE = new SessionStart(null, null, null);
}
