package dev.dynamo.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Durable state of the engine. Every write method returns only once the write is durable
 * (it survives kill -9). Implementations are thread-safe.
 */
public interface Store extends AutoCloseable {

    List<StoredSite> loadSites();

    /** Creates or replaces a site definition; keeps its config. */
    void putSite(String siteId, String definitionJson);

    /** Creates or replaces the site's config. */
    void putConfig(String siteId, String configJson, Instant updatedAt);

    List<StoredSession> loadSessions();

    /** Creates or replaces the session in progress on a charger. */
    void putSession(StoredSession session);

    void deleteSession(String siteId, String chargePointId);

    /** Appends decisions in the given order, in one transaction. */
    void appendDecisions(List<DecisionRecord> decisions);

    /** The last decision made strictly before {@code instant} (latest appended wins a tie). */
    Optional<DecisionRecord> decisionBefore(String siteId, Instant instant);

    /** Decisions with {@code from <= decidedAt < to}, oldest first, in append order. */
    void forEachDecision(String siteId, Instant from, Instant to, Consumer<DecisionRecord> action);

    /** Decisions with {@code from <= decidedAt < to}, newest first (same instant: later appended first). */
    List<DecisionRecord> latestDecisions(String siteId, Instant from, Instant to, int limit);

    @Override
    void close();
}
