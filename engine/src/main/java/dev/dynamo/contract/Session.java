package dev.dynamo.contract;

import java.time.Instant;

/**
 * A vehicle charging on a charger (contract sections 3 and 10). Nullable fields are absent values.
 *
 * @param departureAt when the vehicle leaves (contract 10), or null
 */
public record Session(String sessionId, String siteId, String chargePointId, Instant startedAt,
                      Double evMaxPowerKw, Double energyNeededKwh, int phasesInUse, Integer transactionId,
                      Instant departureAt) {

    /** A session without a departure. */
    public Session(String sessionId, String siteId, String chargePointId, Instant startedAt,
                   Double evMaxPowerKw, Double energyNeededKwh, int phasesInUse, Integer transactionId) {
        this(sessionId, siteId, chargePointId, startedAt, evMaxPowerKw, energyNeededKwh, phasesInUse, transactionId, null);
    }

    public Session withPhasesInUse(int phases) {
        return new Session(sessionId, siteId, chargePointId, startedAt, evMaxPowerKw, energyNeededKwh, phases,
                transactionId, departureAt);
    }

    /** The same session with its energy need and departure replaced (contract 10's PATCH). */
    public Session withNeed(Double energyKwh, Instant departure) {
        return new Session(sessionId, siteId, chargePointId, startedAt, evMaxPowerKw, energyKwh, phasesInUse,
                transactionId, departure);
    }
}
