package dev.dynamo.ocpp;

import dev.dynamo.allocation.Phase;
import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.RateUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An in-memory site layer for the connector's unit tests: records what it is told, decides nothing. */
final class FakeSitePort implements OcppSitePort {
    final Map<String, ChargePointInfo> chargers = new HashMap<>();
    final Map<Integer, String> sessions = new ConcurrentHashMap<>();
    final Map<String, Double> defaultsKw = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final Map<String, Double> acknowledgedKw = new ConcurrentHashMap<>();
    private final List<Consumer<SiteLimits>> listeners = new ArrayList<>();
    private int lastTransactionId = 100;

    FakeSitePort charger(String siteId, String id, double maxKw, RateUnit unit, int phases) {
        chargers.put(id, new ChargePointInfo(siteId, new ChargerDefinition(id, maxKw, phases, 230, unit, null, null, Phase.L1)));
        defaultsKw.put(id, maxKw);
        return this;
    }

    void decide(SiteLimits limits) {
        listeners.forEach(l -> l.accept(limits));
    }

    @Override
    public Optional<ChargePointInfo> chargePoint(String chargePointId) { return Optional.ofNullable(chargers.get(chargePointId)); }

    @Override
    public synchronized int nextTransactionId() { return ++lastTransactionId; }

    @Override
    public void sessionStarted(String chargePointId, int transactionId) {
        sessions.put(transactionId, chargePointId);
        calls.add("start " + chargePointId + " " + transactionId);
    }

    @Override
    public boolean sessionStopped(int transactionId) {
        calls.add("stop " + transactionId);
        return sessions.remove(transactionId) != null;
    }

    @Override
    public void meterValue(String chargePointId, double measuredKw, Integer phasesDrawn) {
        calls.add("meter " + chargePointId + " " + measuredKw + " " + phasesDrawn);
    }

    @Override
    public void connected(String chargePointId) { calls.add("connected " + chargePointId); }

    @Override
    public void disconnected(String chargePointId) { calls.add("disconnected " + chargePointId); }

    @Override
    public void limitsAcknowledged(String siteId, Map<String, Double> kwByCharger, java.util.Set<String> settled) {
        acknowledgedKw.putAll(kwByCharger);
        kwByCharger.forEach((cp, kw) -> calls.add("acknowledged " + cp + " " + kw));
    }

    @Override
    public void limitNotAccepted(String chargePointId) { calls.add("not accepted " + chargePointId); }

    @Override
    public Map<String, Double> defaultLimitsKw(String siteId) { return Map.copyOf(defaultsKw); }

    @Override
    public void onDecision(Consumer<SiteLimits> listener) { listeners.add(listener); }
}
