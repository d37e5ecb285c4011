package dev.dynamo.testing;

import dev.dynamo.store.DecisionRecord;
import dev.dynamo.store.RotationState;
import dev.dynamo.store.SessionRotation;
import dev.dynamo.store.Store;
import dev.dynamo.store.StoredSession;
import dev.dynamo.store.StoredSite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/** A Store in memory, for tests of the layers above it. */
public final class MemoryStore implements Store {
    private final Map<String, StoredSite> sites = new TreeMap<>();
    private final Map<String, StoredSession> sessions = new TreeMap<>();
    private final List<DecisionRecord> decisions = new ArrayList<>();
    private final Map<String, dev.dynamo.store.StoredLimit> limits = new TreeMap<>();
    private final List<dev.dynamo.store.StoredMeterReading> readings = new ArrayList<>();

    @Override
    public synchronized void putExternalLimit(String siteId, String source, String limitJson) {
        limits.put(siteId + "\u0000" + source, new dev.dynamo.store.StoredLimit(siteId, source, limitJson));
    }

    @Override
    public synchronized void deleteExternalLimit(String siteId, String source) { limits.remove(siteId + "\u0000" + source); }

    @Override
    public synchronized List<dev.dynamo.store.StoredLimit> loadExternalLimits() { return List.copyOf(limits.values()); }

    @Override
    public synchronized void appendMeterReading(dev.dynamo.store.StoredMeterReading reading) { readings.add(reading); }

    @Override
    public synchronized List<dev.dynamo.store.StoredMeterReading> latestMeterReadings() {
        var latest = new java.util.LinkedHashMap<String, dev.dynamo.store.StoredMeterReading>();
        readings.forEach(r -> latest.put(r.siteId() + "\u0000" + r.meterId(), r));
        return List.copyOf(latest.values());
    }

    @Override
    public synchronized List<dev.dynamo.store.StoredMeterReading> meterReadings(String siteId, String meterId, Instant from,
                                                                                Instant to) {
        var mine = readings.stream().filter(r -> r.siteId().equals(siteId) && r.meterId().equals(meterId)).toList();
        var out = new ArrayList<dev.dynamo.store.StoredMeterReading>();
        mine.stream().filter(r -> r.measuredAt().isBefore(from)).reduce((a, b) -> b).ifPresent(out::add);
        mine.stream().filter(r -> !r.measuredAt().isBefore(from) && r.measuredAt().isBefore(to)).forEach(out::add);
        return out;
    }
    private final Map<String, Instant> rotationClocks = new TreeMap<>();
    /** By site/charge point, like {@link #sessions}: a row goes with its session. */
    private final Map<String, SessionRotation> rotations = new TreeMap<>();
    /** Session and rotation writes, each counted as the one transaction a real store makes of it. */
    private int sessionWrites;

    @Override
    public synchronized List<StoredSite> loadSites() { return List.copyOf(sites.values()); }

    @Override
    public synchronized void putSite(String siteId, String definitionJson) {
        var old = sites.get(siteId);
        sites.put(siteId, new StoredSite(siteId, definitionJson, old == null ? null : old.configJson(),
                old == null ? null : old.configUpdatedAt()));
    }

    @Override
    public synchronized void putConfig(String siteId, String configJson, Instant updatedAt) {
        var old = sites.get(siteId);
        sites.put(siteId, new StoredSite(siteId, old.definitionJson(), configJson, updatedAt));
    }

    private long lastTransactionId;

    @Override
    public synchronized long reserveTransactionIds(long atLeastAbove, int count) {
        lastTransactionId = Math.max(lastTransactionId, atLeastAbove) + count;
        return lastTransactionId;
    }

    @Override
    public synchronized List<StoredSession> loadSessions() { return List.copyOf(sessions.values()); }

    @Override
    public synchronized void putSession(StoredSession session) {
        sessionWrites++;
        sessions.put(session.siteId() + "/" + session.chargePointId(), session);
    }

    @Override
    public synchronized void putSession(StoredSession session, RotationState changes) {
        putSession(session);
        applyRotation(changes);
    }

    @Override
    public synchronized void deleteSession(String siteId, String chargePointId, RotationState changes) {
        deleteSession(siteId, chargePointId);
        applyRotation(changes);
    }

    @Override
    public synchronized void deleteSession(String siteId, String chargePointId) {
        sessionWrites++;
        sessions.remove(siteId + "/" + chargePointId);
        rotations.remove(siteId + "/" + chargePointId);
    }

    @Override
    public synchronized List<RotationState> loadRotation() {
        var bySite = new TreeMap<String, Map<String, SessionRotation>>();
        rotationClocks.keySet().forEach(siteId -> bySite.put(siteId, new HashMap<>()));
        rotations.forEach((key, rotation) -> {
            var session = sessions.get(key);
            bySite.computeIfAbsent(session.siteId(), _ -> new HashMap<>()).put(session.chargePointId(), rotation);
        });
        var states = new ArrayList<RotationState>();
        bySite.forEach((siteId, rows) -> states.add(new RotationState(siteId, rotationClocks.get(siteId), rows)));
        return states;
    }

    @Override
    public synchronized void writeRotation(RotationState changes) {
        if (changes.isEmpty()) return;
        sessionWrites++;
        applyRotation(changes);
    }

    private void applyRotation(RotationState changes) {
        if (changes.clockAt() != null && sites.containsKey(changes.siteId())) {
            rotationClocks.put(changes.siteId(), changes.clockAt());
        }
        changes.sessions().forEach((chargePointId, rotation) -> {
            var key = changes.siteId() + "/" + chargePointId;
            if (sessions.containsKey(key)) rotations.put(key, rotation);
        });
    }

    /** How many transactions a real store would have made for sessions and rotation state so far. */
    public synchronized int sessionWrites() { return sessionWrites; }

    @Override
    public synchronized void appendDecisions(List<DecisionRecord> records) { decisions.addAll(records); }

    @Override
    public synchronized Optional<DecisionRecord> decisionBefore(String siteId, Instant instant) {
        return decisions.reversed().stream()
                .filter(d -> d.siteId().equals(siteId) && d.decidedAt().isBefore(instant))
                .max(Comparator.comparing(DecisionRecord::decidedAt));
    }

    @Override
    public synchronized void forEachDecision(String siteId, Instant from, Instant to, Consumer<DecisionRecord> action) {
        decisions.stream().filter(d -> in(d, siteId, from, to))
                .sorted(Comparator.comparing(DecisionRecord::decidedAt)).toList().forEach(action);
    }

    @Override
    public synchronized List<DecisionRecord> latestDecisions(String siteId, Instant from, Instant to, int limit) {
        return decisions.reversed().stream().filter(d -> in(d, siteId, from, to))
                .sorted(Comparator.comparing(DecisionRecord::decidedAt).reversed()).limit(limit).toList();
    }

    public synchronized List<DecisionRecord> decisions() { return List.copyOf(decisions); }

    private static boolean in(DecisionRecord d, String siteId, Instant from, Instant to) {
        return d.siteId().equals(siteId) && !d.decidedAt().isBefore(from) && d.decidedAt().isBefore(to);
    }

    @Override
    public void close() {}
}
