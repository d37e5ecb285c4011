package dev.dynamo.console.client;

import java.time.Instant;

/**
 * One active charger's share. {@code maxPowerKw} is its effective cap; {@code measuredKw} is null when
 * no meter value is known; {@code status} is {@code charging}, {@code queued} or {@code offline}.
 */
public record ChargerAllocation(String chargePointId, double allocatedKw, double maxPowerKw, String status,
                                String sessionId, Instant sessionStartedAt, Double measuredKw,
                                String capReason, Instant queuedSince) {}
