package dev.dynamo.site;

import dev.dynamo.allocation.Budget;
import dev.dynamo.allocation.OtherLoad;
import dev.dynamo.allocation.Phase;
import dev.dynamo.allocation.PhaseCurrent;
import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.ExternalLimit;
import dev.dynamo.contract.MeterDefinition;
import dev.dynamo.contract.MeterReading;
import dev.dynamo.contract.Session;
import dev.dynamo.contract.SiteDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a site knows of its grid connection as it is (contract 9): the last reading of each meter, the
 * external limits in force, and what the last decision saw, so that a reading can tell whether it must
 * decide now (9.2). Touched only on the site's executor.
 */
final class GridState {
    /** A meter seen from the site: never read yet (stale from the start), fresh, or stale. */
    enum Freshness { NEVER_READ, FRESH, STALE }

    /** A meter's last reading; {@code measuredAt} is never later than when it arrived. */
    record Reading(double powerKw, Map<Phase, Double> currentA, Instant measuredAt) {}


    static final double NOMINAL_VOLTAGE_V = 230;
    /** A raise waits this long after the last {@code meter} decision (9.2). */
    static final java.time.Duration RAISE_HOLD = java.time.Duration.ofSeconds(10);

    final Map<String, Reading> readings = new HashMap<>();
    final Map<String, ExternalLimit> limits = new TreeMap<>();
    /** Each meter's freshness as the last decision saw it. */
    final Map<String, Boolean> freshAtDecision = new HashMap<>();
    Instant lastMeterDecisionAt;

    Freshness freshness(MeterDefinition meter, Instant now) {
        var reading = readings.get(meter.meterId());
        if (reading == null) return Freshness.NEVER_READ;
        return reading.measuredAt().isBefore(now.minusSeconds(meter.staleAfterS())) ? Freshness.STALE : Freshness.FRESH;
    }

    boolean fresh(MeterDefinition meter, Instant now) {
        return freshness(meter, now) == Freshness.FRESH;
    }

    /** Remembers what a decision at {@code now} saw. */
    void decided(SiteDefinition site, Instant now, Trigger trigger) {
        freshAtDecision.clear();
        site.meters().forEach(m -> freshAtDecision.put(m.meterId(), fresh(m, now)));
        if (trigger == Trigger.METER) lastMeterDecisionAt = now;
    }

    /** Forgets what belongs to meters the site no longer has. */
    void retainMeters(SiteDefinition site) {
        var ids = site.meters().stream().map(MeterDefinition::meterId).toList();
        readings.keySet().retainAll(ids);
        freshAtDecision.keySet().retainAll(ids);
    }

    /** Stores a reading unless it is older than the latest; returns whether it was taken. */
    boolean take(MeterDefinition meter, MeterReading reading, Instant receivedAt) {
        var measuredAt = reading.measuredAt() == null || reading.measuredAt().isAfter(receivedAt)
                ? receivedAt : reading.measuredAt();
        var last = readings.get(meter.meterId());
        if (last != null && measuredAt.isBefore(last.measuredAt())) return false;
        readings.put(meter.meterId(), new Reading(reading.powerKw(), reading.currentA(), measuredAt));
        return true;
    }

    List<Budget.External> externals(Instant now) {
        return limits.values().stream()
                .filter(l -> l.validUntil() == null || now.isBefore(l.validUntil()))
                .map(l -> new Budget.External(l.source(), l.maxPowerKw())).toList();
    }

    /** The budget in force: config (or window), the grid meter's headroom, the external limits. */
    Budget budget(SiteDefinition site, double configKw, Map<String, Session> sessions,
                  Map<String, ChargerState> chargers, Instant now) {
        var gridMeter = site.meterOf(MeterDefinition.GRID).map(m -> new Budget.GridMeter(
                otherLoadKw(site, m, sessions, chargers, now), m.bufferKw(), !fresh(m, now))).orElse(null);
        return Budget.of(configKw, site.gridConnectionCapacityKw(), gridMeter, externals(now));
    }

    /** Rule 11 per phase, for every metered node with a current limit ({@code limitIds}). */
    List<OtherLoad> otherLoads(SiteDefinition site, java.util.Set<String> limitIds, Map<String, Session> sessions,
                               Map<String, ChargerState> chargers, Instant now) {
        var loads = new ArrayList<OtherLoad>();
        for (var meter : site.meters()) {
            if (!limitIds.contains(meter.node())) continue;
            var amps = otherCurrentA(site, meter, sessions, chargers, now);
            loads.add(new OtherLoad(meter.node(), amps.get(Phase.L1), amps.get(Phase.L2), amps.get(Phase.L3)));
        }
        return loads;
    }

    /** {@code power_kw − Σ measured_kw} of the chargers below with a fresh meter value; the fallback while stale. */
    double otherLoadKw(SiteDefinition site, MeterDefinition meter, Map<String, Session> sessions,
                       Map<String, ChargerState> chargers, Instant now) {
        if (!fresh(meter, now)) return meter.fallbackLoadKw();
        double kw = readings.get(meter.meterId()).powerKw();
        for (var charger : below(site, meter.node())) {
            var measured = freshChargerMeter(charger, meter, chargers, now);
            if (measured != null && sessions.containsKey(charger.chargePointId())) kw -= measured.kw();
        }
        return kw;
    }

    /**
     * Per phase likewise: the reading's {@code current_a} minus the chargers' fresh draw; a reading without
     * currents (and a stale meter's fallback) counts its power spread evenly on three phases at 230 V.
     */
    Map<Phase, Double> otherCurrentA(SiteDefinition site, MeterDefinition meter, Map<String, Session> sessions,
                                     Map<String, ChargerState> chargers, Instant now) {
        var amps = new EnumMap<Phase, Double>(Phase.class);
        var reading = fresh(meter, now) ? readings.get(meter.meterId()) : null;
        if (reading == null || reading.currentA() == null) {
            double perPhase = PhaseCurrent.perPhaseA(otherLoadKw(site, meter, sessions, chargers, now), 3,
                    NOMINAL_VOLTAGE_V);
            for (var p : Phase.values()) amps.put(p, perPhase);
            return amps;
        }
        for (var p : Phase.values()) amps.put(p, reading.currentA().getOrDefault(p, 0.0));
        for (var charger : below(site, meter.node())) {
            var session = sessions.get(charger.chargePointId());
            var measured = freshChargerMeter(charger, meter, chargers, now);
            if (session == null || measured == null) continue;
            double a = PhaseCurrent.perPhaseA(measured.kw(), session.phasesInUse(), charger.voltageV());
            if (session.phasesInUse() == 3) for (var p : Phase.values()) amps.merge(p, -a, Double::sum);
            else amps.merge(DecisionMaker.phaseOf(charger), -a, Double::sum);
        }
        return amps;
    }

    List<MeterStatus> statuses(SiteDefinition site, Map<String, Session> sessions,
                               Map<String, ChargerState> chargers, Instant now) {
        var statuses = new ArrayList<MeterStatus>();
        for (var meter : site.meters()) {
            var reading = readings.get(meter.meterId());
            statuses.add(new MeterStatus(meter.meterId(), meter.node(), reading == null ? null : reading.powerKw(),
                    otherLoadKw(site, meter, sessions, chargers, now), reading == null ? null : reading.currentA(),
                    reading == null ? null : reading.measuredAt(), !fresh(meter, now)));
        }
        return statuses;
    }

    private static LiveSite.MeterReading freshChargerMeter(ChargerDefinition charger, MeterDefinition meter,
                                                           Map<String, ChargerState> chargers, Instant now) {
        var state = chargers.get(charger.chargePointId());
        var measured = state == null ? null : state.meter;
        if (measured == null || measured.at().isBefore(now.minusSeconds(meter.staleAfterS()))) return null;
        return measured;
    }

    /** The chargers in the subtree of a node ({@code grid}: all of them). */
    static List<ChargerDefinition> below(SiteDefinition site, String node) {
        if (MeterDefinition.GRID.equals(node)) return site.chargers();
        var parents = new HashMap<String, String>();
        site.circuits().forEach(c -> parents.put(c.circuitId(), c.parentId()));
        var below = new ArrayList<ChargerDefinition>();
        for (var charger : site.chargers()) {
            for (var at = charger.circuitId(); at != null; at = parents.get(at)) {
                if (at.equals(node)) {
                    below.add(charger);
                    break;
                }
            }
        }
        return below;
    }
}
