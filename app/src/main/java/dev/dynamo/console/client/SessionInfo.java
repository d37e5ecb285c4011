package dev.dynamo.console.client;

import java.time.Instant;

/**
 * A charging session (contract section 3); optional values are null when unknown, and the fields of
 * section 10 ({@code energyDeliveredKwh}, {@code departureAt}) from an engine that does not send them.
 */
public record SessionInfo(String sessionId, String siteId, String chargePointId, Instant startedAt,
                          Double evMaxPowerKw, Double energyNeededKwh, Integer phasesInUse,
                          String transactionId, Double energyDeliveredKwh, Instant departureAt) {}
