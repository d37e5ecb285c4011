package dev.dynamo.testing;

import dev.dynamo.store.DecisionRecord;
import dev.dynamo.store.Store;
import dev.dynamo.store.StoredSession;
import dev.dynamo.store.StoredSite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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

    @Override
    public synchronized List<StoredSession> loadSessions() { return List.copyOf(sessions.values()); }

    @Override
    public synchronized void putSession(StoredSession session) {
        sessions.put(session.siteId() + "/" + session.chargePointId(), session);
    }

    @Override
    public synchronized void deleteSession(String siteId, String chargePointId) {
        sessions.remove(siteId + "/" + chargePointId);
    }

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
