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
    public synchronized boolean sessionStarted(String siteId, String chargePointId, int transactionId) {
        if (sessions.containsValue(chargePointId)) {
            calls.add("concurrent " + chargePointId + " " + transactionId);
            return false;
        }
        sessions.put(transactionId, chargePointId);
        calls.add("start " + chargePointId + " " + transactionId);
        return true;
    }

    @Override
    public synchronized Stop sessionStopped(String siteId, String chargePointId, int transactionId) {
        calls.add("stop " + transactionId);
        var owner = sessions.get(transactionId);
        if (owner == null) return Stop.UNKNOWN;
        if (!owner.equals(chargePointId)) return Stop.OTHER_CHARGE_POINT;
        sessions.remove(transactionId);
        return Stop.STOPPED;
    }

    @Override
    public boolean meterValue(String siteId, String chargePointId, Integer transactionId, double measuredKw, Integer phasesDrawn) {
        if (transactionId != null && !chargePointId.equals(sessions.get(transactionId))) {
            calls.add("meter refused " + chargePointId + " " + transactionId);
            return false;
        }
        calls.add("meter " + chargePointId + " " + measuredKw + " " + phasesDrawn);
        return true;
    }

    @Override
    public void connected(String siteId, String chargePointId) { calls.add("connected " + chargePointId); }

    @Override
    public void disconnected(String siteId, String chargePointId, Double inFlightKw) {
        calls.add("disconnected " + chargePointId + " " + inFlightKw);
    }

    @Override
    public void limitsAcknowledged(String siteId, Map<String, Double> kwByCharger) {
        acknowledgedKw.putAll(kwByCharger);
        kwByCharger.forEach((cp, kw) -> calls.add("acknowledged " + cp + " " + kw));
    }

    final Map<String, dev.dynamo.site.ProfileStatus> profiles = new ConcurrentHashMap<>();

    @Override
    public void profiles(String siteId, Map<String, dev.dynamo.site.ProfileStatus> changed, java.util.Set<String> gone) {
        profiles.putAll(changed);
        gone.forEach(profiles::remove);
    }

    final Map<String, Double> mayDrawKw = new ConcurrentHashMap<>();

    @Override
    public void mayDraw(String siteId, Map<String, Double> kwByCharger, long seenCount) {
        this.seenCount = Math.max(this.seenCount, seenCount);
        mayDraw(siteId, kwByCharger);
    }

    /** The latest count of the site the pusher said it took in, or -1. */
    volatile long seenCount = -1;

    @Override
    public void mayDraw(String siteId, Map<String, Double> kwByCharger) {
        mayDrawKw.putAll(kwByCharger);
    }

    @Override
    public Map<String, Double> defaultLimitsKw(String siteId) { return Map.copyOf(defaultsKw); }

    @Override
    public void onDecision(Consumer<SiteLimits> listener) { listeners.add(listener); }

    @Override
    public void onDefinition(Consumer<dev.dynamo.contract.SiteDefinition> listener) {}
}
