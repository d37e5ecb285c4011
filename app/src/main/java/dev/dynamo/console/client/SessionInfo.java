package dev.dynamo.console.client;

import java.time.Instant;

/** A charging session (contract section 3); optional values are null when unknown. */
public record SessionInfo(String sessionId, String siteId, String chargePointId, Instant startedAt,
                          Double evMaxPowerKw, Double energyNeededKwh, Integer phasesInUse,
                          String transactionId) {}
