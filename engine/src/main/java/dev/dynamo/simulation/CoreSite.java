package dev.dynamo.simulation;

import dev.dynamo.allocation.AllocationInput;
import dev.dynamo.allocation.AllocationResult;
import dev.dynamo.allocation.Demand;
import dev.dynamo.allocation.Limit;
import dev.dynamo.allocation.Sharing;
import dev.dynamo.site.ChargerDefinition;
import dev.dynamo.site.SiteDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The simulation's thin stand-in for the live {@code site} layer: the active sessions of one site, the
 * budget in force and the admission order (rule 5, rotation of 7.2), turned into an {@link AllocationInput}
 * for the pure allocation core at every rebalance trigger. Each rebalance is one decision.
 */
final class CoreSite {
    private final SiteDefinition site;
    private final Function<AllocationInput, AllocationResult> allocator;
    private final List<Limit> limits = new ArrayList<>();
    private final Map<String, ChargerDefinition> chargers = new HashMap<>();
    private final Map<String, Active> active = new LinkedHashMap<>();
    private BudgetTimeline.Segment budget;
    private List<String> lastOrder = List.of();
    private Map<String, Double> allocation = Map.of();
    private Long rotationAnchorMs;
    private int decisions;

    /** A session in progress as the site sees it. */
    private static final class Active {
        final String chargePointId;
        final long startedMs;
        final double capKw;
        final int phasesInUse;
        Long queuedSinceMs;
        long admittedMs = Long.MIN_VALUE;

        Active(String chargePointId, long startedMs, double capKw, int phasesInUse) {
            this.chargePointId = chargePointId;
            this.startedMs = startedMs;
            this.capKw = capKw;
            this.phasesInUse = phasesInUse;
        }
    }

    CoreSite(SiteDefinition site, BudgetTimeline.Segment initial, Function<AllocationInput, AllocationResult> allocator) {
        this.site = site;
        this.allocator = allocator;
        this.budget = initial;
        site.chargers().forEach(c -> chargers.put(c.chargePointId(), c));
        var grid = site.gridConnectionCurrentA();
        if (grid != null) limits.add(new Limit("grid", null, grid));
        for (var c : site.circuits())
            limits.add(new Limit(c.circuitId(), c.parentId() != null ? c.parentId() : grid != null ? "grid" : null, c.maxCurrentA()));
    }

    Map<String, Double> allocation() { return allocation; }

    int decisions() { return decisions; }

    BudgetTimeline.Segment budget() { return budget; }

    void sessionStarted(String chargePointId, Instant at, double evMaxKw, int phasesInUse) {
        var charger = chargers.get(chargePointId);
        var chargerCapKw = charger.phases() == 3 && phasesInUse == 1 ? charger.maxPowerKw() / 3 : charger.maxPowerKw();
        active.put(chargePointId, new Active(chargePointId, at.toEpochMilli(), Math.min(chargerCapKw, evMaxKw), phasesInUse));
        rebalance(at, false);
    }

    void sessionStopped(String chargePointId, Instant at) {
        active.remove(chargePointId);
        rebalance(at, false);
    }

    void budgetChanged(BudgetTimeline.Segment segment, Instant at) {
        budget = segment;
        rebalance(at, false);
    }

    /** The next rotation tick, or null while rotation is off or nobody waits. */
    Instant nextRotationAt(Instant now) {
        var periodMin = rotationPeriodMin();
        if (periodMin == null || rotationAnchorMs == null) return null;
        var periodMs = periodMin * 60_000L;
        var ticks = (now.toEpochMilli() - rotationAnchorMs) / periodMs + 1;
        return Instant.ofEpochMilli(rotationAnchorMs + ticks * periodMs);
    }

    /** A rotation tick: a decision only when it changes an allocation (7.2). */
    void rotationTick(Instant at) {
        if (rotationPeriodMin() == null || rotationAnchorMs == null) return;
        rebalance(at, true);
    }

    private Integer rotationPeriodMin() {
        var config = budget.config();
        return budget.sharing() == Sharing.EQUAL && config.minPowerPerChargerKw() > 0 ? config.rotationPeriodMin() : null;
    }

    private void rebalance(Instant at, boolean tick) {
        var nowMs = at.toEpochMilli();
        var order = admissionOrder(tick);
        var floorKw = budget.config().minPowerPerChargerKw();
        var demands = new ArrayList<Demand>(order.size());
        for (var id : order) {
            var session = active.get(id);
            var charger = chargers.get(id);
            var limitId = charger.circuitId() != null ? charger.circuitId() : site.gridConnectionCurrentA() != null ? "grid" : null;
            demands.add(new Demand(id, session.capKw, Math.min(floorKw, session.capKw), session.phasesInUse, charger.phase(),
                    charger.voltageV(), limitId));
        }
        var result = allocator.apply(new AllocationInput(budget.budgetKw(), budget.sharing(), limits, List.of(), demands));
        var next = new LinkedHashMap<String, Double>();
        result.shares().forEach(s -> next.put(s.chargePointId(), s.allocatedKw()));
        if (tick && next.equals(allocation)) return;
        var queueWasEmpty = active.values().stream().noneMatch(s -> s.queuedSinceMs != null);
        for (var session : active.values()) {
            var kw = next.getOrDefault(session.chargePointId, 0.0);
            if (kw == 0 && session.queuedSinceMs == null) session.queuedSinceMs = nowMs;
            if (kw > 0 && session.queuedSinceMs != null) session.queuedSinceMs = null;
            if (kw > 0 && allocation.getOrDefault(session.chargePointId, 0.0) == 0) session.admittedMs = nowMs;
        }
        var anyQueued = active.values().stream().anyMatch(s -> s.queuedSinceMs != null);
        if (!anyQueued) rotationAnchorMs = null;
        else if (queueWasEmpty || rotationAnchorMs == null) rotationAnchorMs = nowMs;
        allocation = next;
        lastOrder = order;
        decisions++;
    }

    private List<String> admissionOrder(boolean tick) {
        var sessions = new ArrayList<>(active.values());
        Comparator<Active> byStart = Comparator.<Active>comparingLong(s -> s.startedMs).thenComparing(s -> s.chargePointId);
        if (budget.sharing() == Sharing.PRIORITY) {
            var rank = new HashMap<String, Integer>();
            var listed = budget.config().priorityOrder();
            for (int i = 0; i < listed.size(); i++) rank.put(listed.get(i), i);
            sessions.sort(Comparator.<Active>comparingInt(s -> rank.getOrDefault(s.chargePointId, Integer.MAX_VALUE)).thenComparing(byStart));
            return sessions.stream().map(s -> s.chargePointId).toList();
        }
        if (rotationPeriodMin() == null) {
            sessions.sort(byStart);
            return sessions.stream().map(s -> s.chargePointId).toList();
        }
        if (tick) {
            // queued first, longest waiting first; then the charging ones, most recently admitted first
            sessions.sort(Comparator.<Active, Boolean>comparing(s -> s.queuedSinceMs == null)
                    .thenComparingLong(s -> s.queuedSinceMs != null ? s.queuedSinceMs : -s.admittedMs)
                    .thenComparing(s -> s.chargePointId));
            return sessions.stream().map(s -> s.chargePointId).toList();
        }
        // sticky between ticks: those charging keep their place ahead of the queued, newcomers come last
        var order = new ArrayList<String>();
        var known = new java.util.HashSet<>(lastOrder);
        for (var id : lastOrder) if (active.containsKey(id) && allocation.getOrDefault(id, 0.0) > 0) order.add(id);
        for (var id : lastOrder) if (active.containsKey(id) && allocation.getOrDefault(id, 0.0) == 0) order.add(id);
        sessions.stream().filter(s -> !known.contains(s.chargePointId)).sorted(byStart).forEach(s -> order.add(s.chargePointId));
        return order;
    }
}
