package dev.dynamo.ocpp;

import dev.dynamo.store.DecisionRecord;
import dev.dynamo.store.Store;
import dev.dynamo.store.StoredSession;
import dev.dynamo.store.StoredSite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A store kept in memory, enough for the connector's tests. */
final class MemoryStore implements Store {
    private final Map<String, StoredSite> sites = new ConcurrentHashMap<>();
    private final Map<String, StoredSession> sessions = new ConcurrentHashMap<>();
    final List<DecisionRecord> decisions = new CopyOnWriteArrayList<>();

    @Override
    public List<StoredSite> loadSites() { return List.copyOf(sites.values()); }

    @Override
    public void putSite(String siteId, String definitionJson) {
        sites.merge(siteId, new StoredSite(siteId, definitionJson, null, null),
                (old, now) -> new StoredSite(siteId, definitionJson, old.configJson(), old.configUpdatedAt()));
    }

    @Override
    public void putConfig(String siteId, String configJson, Instant updatedAt) {
        sites.computeIfPresent(siteId, (id, old) -> new StoredSite(id, old.definitionJson(), configJson, updatedAt));
    }

    @Override
    public List<StoredSession> loadSessions() { return List.copyOf(sessions.values()); }

    @Override
    public void putSession(StoredSession session) { sessions.put(session.siteId() + "/" + session.chargePointId(), session); }

    @Override
    public void deleteSession(String siteId, String chargePointId) { sessions.remove(siteId + "/" + chargePointId); }

    @Override
    public void appendDecisions(List<DecisionRecord> list) { decisions.addAll(list); }

    @Override
    public Optional<DecisionRecord> decisionBefore(String siteId, Instant instant) { return Optional.empty(); }

    @Override
    public void forEachDecision(String siteId, Instant from, Instant to, Consumer<DecisionRecord> action) {}

    @Override
    public List<DecisionRecord> latestDecisions(String siteId, Instant from, Instant to, int limit) {
        return new ArrayList<>();
    }

    @Override
    public void close() {}
}
