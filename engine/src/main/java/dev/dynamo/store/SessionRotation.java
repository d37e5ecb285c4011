package dev.dynamo.store;

import java.time.Instant;

/**
 * A session's rotation state (contract 7.2); each part null when it has none.
 *
 * @param queuedSince    since when it waits, while queued
 * @param admittedAt     when it last went from 0 to above 0
 * @param admissionRank  its place in the site's admission order: lower is admitted first
 */
public record SessionRotation(Instant queuedSince, Instant admittedAt, Integer admissionRank) {
    public static final SessionRotation NONE = new SessionRotation(null, null, null);
}
