package dev.dynamo.ocpp;

import dev.dynamo.site.ProfileStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The outbox of one {@link ProfilePusher}: what it has to tell its site and has not told yet, one
 * {@link Pending} per charger, taken in one go by a flush so that a burst of answers is one site event.
 * Filled on the pusher's executor, drained on the notices' executor: every method holds the outbox's lock.
 */
final class SiteNotices {
    /** What one charger has to tell the site. */
    static final class Pending {
        /** Its TxProfile state (contract 11) as the site is to learn it. */
        enum Profile {
            /** Nothing new to tell. */
            UNCHANGED,
            /** A new state: {@link #status}. */
            CHANGED,
            /** Its connection is gone: the site shows no state for it. */
            GONE
        }

        /** What it may draw now, kW, or null when that did not change. */
        Double mayDrawKw;
        /** The latest limit it accepted, kW, or null for none since the last flush. */
        Double acceptedKw;
        Profile profile = Profile.UNCHANGED;
        ProfileStatus status;

        void mayDraw(double kw) {
            mayDrawKw = kw;
        }

        void accepted(double kw) {
            acceptedKw = kw;
        }

        void shows(ProfileStatus state) {
            profile = state != null ? Profile.CHANGED : Profile.GONE;
            status = state;
        }
    }

    /** The notices taken by one flush, and the site's latest count the pusher had taken in when they were noted (-1: none new). */
    record Drained(Map<String, Pending> pending, long seenCount) {}

    private Map<String, Pending> pending = new LinkedHashMap<>();
    /** A flush is queued and has not taken the notices yet. */
    private boolean flushQueued;
    /** The latest count of the site the pusher took in and has not told yet, or -1. */
    private long seenCount = -1;

    /** Notes a notice for the charger; true when a flush must be queued (none is yet). */
    synchronized boolean note(String chargePointId, Consumer<Pending> notice) {
        notice.accept(pending.computeIfAbsent(chargePointId, _ -> new Pending()));
        if (flushQueued) return false;
        flushQueued = true;
        return true;
    }

    /**
     * The pusher took in count {@code count} of the site, and everything it noted on it is noted: the flush that
     * takes those notices tells the site so. True when a flush must be queued (none is yet).
     */
    synchronized boolean seen(long count) {
        seenCount = Math.max(seenCount, count);
        if (flushQueued) return false;
        flushQueued = true;
        return true;
    }

    /** Takes every notice noted so far, in the order the chargers were first noted; a later note queues a new flush. */
    synchronized Drained drain() {
        var taken = new Drained(pending, seenCount);
        pending = new LinkedHashMap<>();
        seenCount = -1;
        flushQueued = false;
        return taken;
    }
}
