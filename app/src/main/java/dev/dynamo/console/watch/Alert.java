package dev.dynamo.console.watch;

import java.time.Instant;

/**
 * One condition that needs a person: {@code subject} is the charger, breaker or meter it is about;
 * {@code since} when the engine says it began, or null when only its first sighting tells.
 */
public record Alert(AlertKind kind, String subject, String message, Instant since) {
    /** The same condition seen again keeps its key (and its first sighting). */
    public String key() { return kind.name() + ":" + subject; }
}
