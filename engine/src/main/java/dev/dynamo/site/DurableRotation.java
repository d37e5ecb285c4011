package dev.dynamo.site;

import dev.dynamo.store.RotationState;
import dev.dynamo.store.SessionRotation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What of a site's rotation state (7.2) is stored, so that a decision writes only what it changed and a
 * restart takes up the queue, the admission order and the rotation clock where they were. Ranks of the
 * admission order are kept sparse: a newcomer at the end takes the next rank and a charger that leaves
 * takes its rank with it, so only a real reordering (a rotation tick) renumbers. Used on the site's thread.
 */
final class DurableRotation {
    private final String siteId;
    private final Map<String, SessionRotation> stored = new HashMap<>();
    private Instant storedClockAt;

    DurableRotation(String siteId) {
        this.siteId = siteId;
    }

    /**
     * The rotation state that differs from what is stored, for the sessions in progress.
     *
     * @param admissionOrder the order to store, or null to keep the stored ranks (rotation is off: the order
     *                       is rule 5's, which the sessions themselves give again)
     * @param clockAt when the rotation clock runs from after this decision, or null when it does not run
     */
    RotationState changes(Set<String> sessions, Map<String, Instant> queuedSince, Map<String, Instant> admittedAt,
                          List<String> admissionOrder, Instant clockAt) {
        var ranks = admissionOrder != null ? ranks(admissionOrder) : null;
        var changed = new HashMap<String, SessionRotation>();
        for (var cp : sessions) {
            var rank = ranks != null ? ranks.get(cp) : stored.getOrDefault(cp, SessionRotation.NONE).admissionRank();
            var rotation = new SessionRotation(queuedSince.get(cp), admittedAt.get(cp), rank);
            if (!rotation.equals(stored.getOrDefault(cp, SessionRotation.NONE))) changed.put(cp, rotation);
        }
        var clockChanged = clockAt != null && !clockAt.equals(storedClockAt);
        return new RotationState(siteId, clockChanged ? clockAt : null, changed);
    }

    /** The changes are durable now. */
    void written(RotationState changes) {
        stored.putAll(changes.sessions());
        if (changes.clockAt() != null) storedClockAt = changes.clockAt();
    }

    /** The session ended: its stored row is gone with it. */
    void forget(String chargePointId) {
        stored.remove(chargePointId);
    }

    /**
     * Takes up the stored state after a restart: fills the site's queue, admission times and order, and
     * returns the rotation clock to go on with, or null when no charger was queued (the clock was not running).
     */
    Instant restore(RotationState state, LiveSite live) {
        var kept = new HashMap<String, SessionRotation>();
        state.sessions().forEach((cp, rotation) -> {
            if (live.sessions.containsKey(cp)) kept.put(cp, rotation);
        });
        stored.putAll(kept);
        storedClockAt = state.clockAt();
        kept.forEach((cp, rotation) -> {
            if (rotation.queuedSince() != null) live.queuedSince.put(cp, rotation.queuedSince());
            if (rotation.admittedAt() != null) live.admittedAt.put(cp, rotation.admittedAt());
            // charging at the restart: admitted and not queued since (nobody is offline after a restart)
            if (rotation.admittedAt() != null && rotation.queuedSince() == null) live.chargingAtRestore.add(cp);
        });
        live.admissionOrder = new ArrayList<>(kept.entrySet().stream()
                .filter(e -> e.getValue().admissionRank() != null)
                .sorted(Comparator.comparing((Map.Entry<String, SessionRotation> e) -> e.getValue().admissionRank())
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).toList());
        return live.queuedSince.isEmpty() ? null : state.clockAt();
    }

    /** The stored ranks where they already follow the order; otherwise the order renumbered from 0. */
    private Map<String, Integer> ranks(List<String> order) {
        var ranks = new HashMap<String, Integer>();
        var last = -1;
        var seen = new HashSet<String>();
        for (var cp : order) {
            var rank = stored.getOrDefault(cp, SessionRotation.NONE).admissionRank();
            // a stored rank out of order, or one after a newcomer: renumber
            if (rank != null && (rank <= last || seen.size() > ranks.size())) return renumbered(order);
            if (rank != null) {
                ranks.put(cp, rank);
                last = rank;
            }
            seen.add(cp);
        }
        var next = last + 1;
        for (var cp : order) {
            if (!ranks.containsKey(cp)) ranks.put(cp, next++);
        }
        return ranks;
    }

    private static Map<String, Integer> renumbered(List<String> order) {
        var ranks = new HashMap<String, Integer>();
        for (int i = 0; i < order.size(); i++) ranks.put(order.get(i), i);
        return ranks;
    }
}
