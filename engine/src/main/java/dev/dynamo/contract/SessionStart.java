package dev.dynamo.contract;

import java.time.Instant;

/**
 * What a session start may say about the vehicle (contract sections 3, 7.1 and 10); null = not given.
 *
 * @param phasesInUse 1 or 3, or null for the charger's phases
 * @param departureAt when the vehicle leaves, or null
 */
public record SessionStart(Double evMaxPowerKw, Double energyNeededKwh, Integer phasesInUse, Instant departureAt) {
    public static final SessionStart NONE = new SessionStart(null, null, null, null);

    public SessionStart(Double evMaxPowerKw, Double energyNeededKwh, Integer phasesInUse) {
        this(evMaxPowerKw, energyNeededKwh, phasesInUse, null);
    }
}
