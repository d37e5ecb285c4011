package dev.dynamo.contract;

import java.time.Instant;

/** A vehicle charging on a charger (contract section 3). Nullable fields are absent values. */
public record Session(String sessionId, String siteId, String chargePointId, Instant startedAt,
                      Double evMaxPowerKw, Double energyNeededKwh, int phasesInUse, Integer transactionId) {}
