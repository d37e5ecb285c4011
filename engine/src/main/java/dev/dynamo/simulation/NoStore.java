package dev.dynamo.simulation;

import dev.dynamo.store.DecisionRecord;
import dev.dynamo.store.RotationState;
import dev.dynamo.store.StoredSession;
import dev.dynamo.store.StoredSite;
import dev.dynamo.store.Store;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A simulation keeps nothing: the site layer's writes go nowhere, and it starts with no stored sites. */
final class NoStore implements Store {
    @Override public boolean durable() { return false; }
    @Override public List<StoredSite> loadSites() { return List.of(); }
    @Override public void putSite(String siteId, String definitionJson) {}
    @Override public void putConfig(String siteId, String configJson, Instant updatedAt) {}
    @Override public List<StoredSession> loadSessions() { return List.of(); }
    @Override public void putSession(StoredSession session) {}
    @Override public void deleteSession(String siteId, String chargePointId) {}
    @Override public List<RotationState> loadRotation() { return List.of(); }
    @Override public void writeRotation(RotationState changes) {}
    @Override public List<dev.dynamo.store.StoredEnergy> loadEnergy() { return List.of(); }
    @Override public void writeEnergy(List<dev.dynamo.store.StoredEnergy> energies) {}
    @Override public void appendDecisions(List<DecisionRecord> decisions) {}
    @Override public void putExternalLimit(String siteId, String source, String limitJson) {}
    @Override public void deleteExternalLimit(String siteId, String source) {}
    @Override public void appendMeterReading(dev.dynamo.store.StoredMeterReading reading) {}
    @Override public Optional<DecisionRecord> decisionBefore(String siteId, Instant instant) { return Optional.empty(); }
    @Override public void forEachDecision(String siteId, Instant from, Instant to, Consumer<DecisionRecord> action) {}
    @Override public List<DecisionRecord> latestDecisions(String siteId, Instant from, Instant to, int limit) { return List.of(); }
    /** Simulated sessions have no OCPP transactions: a counter in memory is enough. */
    private long lastTransactionId;
    @Override public synchronized long reserveTransactionIds(long atLeastAbove, int count) {
        lastTransactionId = Math.max(lastTransactionId, atLeastAbove) + count;
        return lastTransactionId;
    }
    @Override public void close() {}
}
