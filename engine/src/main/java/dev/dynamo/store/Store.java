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

    /**
     * False for a store that keeps nothing and is never read back (the offline simulation's): the site layer then
     * makes none of the records only a store needs (the rotation state and energy a decision changed).
     */
    default boolean durable() {
        return true;
    }

    /** Creates or replaces a site definition; keeps its config. */
    void putSite(String siteId, String definitionJson);

    /** Creates or replaces the site's config. */
    void putConfig(String siteId, String configJson, Instant updatedAt);

    /**
     * The config and the rotation state its decision changed, in one transaction where the store can: a
     * failed write leaves both as they were.
     */
    default void putConfig(String siteId, String configJson, Instant updatedAt, RotationState changes) {
        putConfig(siteId, configJson, updatedAt);
        writeRotation(changes);
    }

    /**
     * A site definition, the sessions it ends (chargers it no longer has) and the rotation state its
     * decision changed, in one transaction where the store can.
     */
    default void putSite(String siteId, String definitionJson, List<String> endedSessions, RotationState changes) {
        putSite(siteId, definitionJson);
        endedSessions.forEach(chargePointId -> deleteSession(siteId, chargePointId));
        writeRotation(changes);
    }

    List<StoredSession> loadSessions();

    /** Creates or replaces the session in progress on a charger. */
    void putSession(StoredSession session);

    void deleteSession(String siteId, String chargePointId);

    /** The rotation state of every site that has any (a clock, or a session with some rotation state). */
    List<RotationState> loadRotation();

    /**
     * Writes the rotation state that changed, in one transaction; a session with no row (none in progress)
     * is skipped. Writes nothing when {@code changes} is empty. A session stored with
     * {@link #putSession(StoredSession)} alone keeps the rotation state it had.
     */
    void writeRotation(RotationState changes);

    /** {@link #putSession(StoredSession)} and {@link #writeRotation}, in one transaction where the store can. */
    default void putSession(StoredSession session, RotationState changes) {
        putSession(session);
        writeRotation(changes);
    }

    /** {@link #deleteSession(String, String)} and {@link #writeRotation}, in one transaction where the store can. */
    default void deleteSession(String siteId, String chargePointId, RotationState changes) {
        deleteSession(siteId, chargePointId);
        writeRotation(changes);
    }

    /** The stored energy of every session in progress that has any (contract 10). */
    List<StoredEnergy> loadEnergy();

    /** Writes the sessions' energy in one transaction; a session with no row (none in progress) is skipped. */
    void writeEnergy(List<StoredEnergy> energies);

    /**
     * Reserves the next {@code count} OCPP transaction ids, durably, and returns the highest of them: the ids
     * {@code result - count + 1 .. result}, every one above {@code atLeastAbove} and above every id reserved
     * before, also by an engine killed since (contract 8.1: an id is never reused).
     */
    default long reserveTransactionIds(long atLeastAbove, int count) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no OCPP transaction ids");
    }

    /** Appends decisions in the given order, in one transaction. */
    void appendDecisions(List<DecisionRecord> decisions);

    /** The last decision made strictly before {@code instant} (latest appended wins a tie). */
    Optional<DecisionRecord> decisionBefore(String siteId, Instant instant);

    /** Decisions with {@code from <= decidedAt < to}, oldest first, in append order. */
    void forEachDecision(String siteId, Instant from, Instant to, Consumer<DecisionRecord> action);

    /** Decisions with {@code from <= decidedAt < to}, newest first (same instant: later appended first). */
    List<DecisionRecord> latestDecisions(String siteId, Instant from, Instant to, int limit);

    /**
     * Deletes at most {@code batch} of the site's oldest decisions made before {@code before}; returns how
     * many it deleted (fewer than {@code batch}: none older are left).
     */
    default int pruneDecisions(String siteId, Instant before, int batch) {
        return 0;
    }

    /**
     * Empty while the store answers and its last write succeeded; otherwise what is wrong, for a person
     * (what {@code /health} reports). Bounded by the store's time-outs.
     */
    default Optional<String> problem() {
        return Optional.empty();
    }

    // Contract 9: external limits in force and meter readings. A store without them refuses to keep them.

    /** Creates or replaces the site's external limit from {@code source}. */
    default void putExternalLimit(String siteId, String source, String limitJson) {
        throw new UnsupportedOperationException("this store keeps no external limits");
    }

    default void deleteExternalLimit(String siteId, String source) {
        throw new UnsupportedOperationException("this store keeps no external limits");
    }

    /** {@link #putExternalLimit(String, String, String)} and {@link #writeRotation}, in one transaction where the store can. */
    default void putExternalLimit(String siteId, String source, String limitJson, RotationState changes) {
        putExternalLimit(siteId, source, limitJson);
        writeRotation(changes);
    }

    /** {@link #deleteExternalLimit(String, String)} and {@link #writeRotation}, in one transaction where the store can. */
    default void deleteExternalLimit(String siteId, String source, RotationState changes) {
        deleteExternalLimit(siteId, source);
        writeRotation(changes);
    }

    default List<StoredLimit> loadExternalLimits() { return List.of(); }

    /** Appends a meter reading (one compact row). */
    default void appendMeterReading(StoredMeterReading reading) {
        throw new UnsupportedOperationException("this store keeps no meter readings");
    }

    /** The latest reading of every meter of every site. */
    default List<StoredMeterReading> latestMeterReadings() { return List.of(); }

    /** The meter's last reading before {@code from} and those in {@code [from, to)}, oldest first. */
    default List<StoredMeterReading> meterReadings(String siteId, String meterId, Instant from, Instant to) {
        return List.of();
    }

    @Override
    void close();
}
