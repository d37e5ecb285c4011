package dev.dynamo.console.client;

import java.time.Instant;
import java.util.Map;

/**
 * One active charger's share. {@code maxPowerKw} is its effective cap; {@code measuredKw} is null when
 * no meter value is known; {@code status} is {@code charging}, {@code queued} or {@code offline};
 * {@code currentA} holds the phases it draws on only (contract 7.1). The fields of sections 10 and 11
 * ({@code limitedBy}, {@code profile}, {@code overLimit}, {@code atRisk}) are null from an engine that
 * does not send them yet.
 */
public record ChargerAllocation(String chargePointId, double allocatedKw, double maxPowerKw, String status,
                                String sessionId, Instant sessionStartedAt, Double measuredKw,
                                String capReason, Instant queuedSince, Integer phasesInUse,
                                Map<String, Double> currentA, String limitedBy, ProfileState profile,
                                Boolean overLimit, Boolean atRisk) {
    public ChargerAllocation {
        currentA = currentA == null ? Map.of() : Map.copyOf(currentA);
    }

    /** Whether its latest limit is accepted ({@code in_sync}), on its way ({@code sending}) or {@code refused} (contract 11). */
    public record ProfileState(String state, Double limitKw, Instant since) {
        public boolean refused() { return "refused".equals(state); }
    }

    public boolean offline() { return "offline".equals(status); }

    public boolean queued() { return "queued".equals(status); }
}
