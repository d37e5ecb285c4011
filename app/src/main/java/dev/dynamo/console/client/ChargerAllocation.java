package dev.dynamo.console.client;

import java.time.Instant;
import java.util.Map;

/**
 * One active charger's share. {@code maxPowerKw} is its effective cap; {@code measuredKw} is null when
 * no meter value is known; {@code status} is {@code charging}, {@code queued} or {@code offline};
 * {@code currentA} holds the phases it draws on only (contract 7.1).
 */
public record ChargerAllocation(String chargePointId, double allocatedKw, double maxPowerKw, String status,
                                String sessionId, Instant sessionStartedAt, Double measuredKw,
                                String capReason, Instant queuedSince, Integer phasesInUse,
                                Map<String, Double> currentA) {
    public ChargerAllocation {
        currentA = currentA == null ? Map.of() : Map.copyOf(currentA);
    }
}
