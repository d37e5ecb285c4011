package dev.dynamo.store;

import java.time.Instant;
import java.util.Map;

/**
 * A site's rotation state (contract 7.2): when its rotation clock last started or ticked, and the
 * rotation state of its sessions in progress, by charge point. Loaded, it is all that is stored; written,
 * only what changed: {@code clockAt} null leaves the clock as it is, and sessions not named keep theirs.
 * A decision's write also carries the energy of the sessions whose allocation it changed (contract 10), so
 * that the integral of the allocation is stored in the same transaction ({@code energy} is never loaded here).
 */
public record RotationState(String siteId, Instant clockAt, Map<String, SessionRotation> sessions,
                            Map<String, SessionEnergy> energy) {
    public RotationState {
        sessions = Map.copyOf(sessions);
        energy = Map.copyOf(energy);
    }

    public RotationState(String siteId, Instant clockAt, Map<String, SessionRotation> sessions) {
        this(siteId, clockAt, sessions, Map.of());
    }

    public RotationState withEnergy(Map<String, SessionEnergy> changed) {
        return new RotationState(siteId, clockAt, sessions, changed);
    }

    /** A write that changes nothing. */
    public static RotationState unchanged(String siteId) {
        return new RotationState(siteId, null, Map.of());
    }

    public boolean isEmpty() {
        return clockAt == null && sessions.isEmpty() && energy.isEmpty();
    }
}
