package dev.dynamo.store;

import java.time.Instant;
import java.util.Map;

/**
 * A site's rotation state (contract 7.2): when its rotation clock last started or ticked, and the
 * rotation state of its sessions in progress, by charge point. Loaded, it is all that is stored; written,
 * only what changed: {@code clockAt} null leaves the clock as it is, and sessions not named keep theirs.
 */
public record RotationState(String siteId, Instant clockAt, Map<String, SessionRotation> sessions) {
    public RotationState {
        sessions = Map.copyOf(sessions);
    }

    /** A write that changes nothing. */
    public static RotationState unchanged(String siteId) {
        return new RotationState(siteId, null, Map.of());
    }

    public boolean isEmpty() {
        return clockAt == null && sessions.isEmpty();
    }
}
