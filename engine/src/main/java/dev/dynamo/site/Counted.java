package dev.dynamo.site;

import dev.dynamo.allocation.Phase;
import dev.dynamo.contract.ChargerDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * What the site counts for each charger (contract 8, last paragraph): never less than what it may draw now. A
 * decision's shares are the targets the chargers are sent; the count follows each charger apart from them:
 * <ul>
 *   <li>{@link Kind#LOWERING}: its target is below what it may draw (a lowering on its way, refused or timed out
 *       and retried; a new session still under its TxDefaultProfile): counted at what it may draw;</li>
 *   <li>{@link Kind#RAISE_WAITING}: its target is above what it may draw and another charger's lowering is not
 *       accepted yet, so its raise waits (the OCPP pusher holds it back): counted at what it may draw;</li>
 *   <li>{@link Kind#AT_TARGET}: everything else (in sync, a raise that goes out at once, a charger not connected
 *       over OCPP, a comm-loss reservation, a charger over its limit): counted at its target.</li>
 * </ul>
 * What an OCPP charger may draw is what its connector last told ({@code LiveSite.mayDrawKw}: the limit it
 * accepted, else its TxDefaultProfile's, or one on its way when higher), its default limit before that. The
 * count changes with those notices, not by deciding again: a lowering never costs another decision.
 */
final class Counted {
    /** Below this a limit is not lower (the allocation is on a 0.01 kW grid). */
    static final double EPSILON_KW = 0.001;

    /** How a charger is counted. */
    enum Kind { AT_TARGET, LOWERING, RAISE_WAITING }

    private Counted() {}

    /** The decision (or the allocation in force) with each charger counted as it may draw now; the same snapshot when nothing changes. */
    static AllocationSnapshot of(LiveSite site, AllocationSnapshot decided) {
        var mayDraw = new HashMap<String, Double>();
        var lowering = new HashSet<String>();
        Map<String, Double> defaults = null;
        for (var a : decided.allocations()) {
            if (!followsItsConnector(site, a)) continue;
            var cp = a.chargePointId();
            var told = site.mayDrawKw.get(cp);
            if (told == null) {
                // until its connector tells, it may draw its TxDefaultProfile limit
                if (defaults == null) defaults = site.defaultLimitsKw();
                told = defaults.getOrDefault(cp, 0.0);
            }
            var kw = Kw.ceil(told);
            mayDraw.put(cp, kw);
            if (a.targetKw() < kw - EPSILON_KW) lowering.add(cp);
        }
        if (mayDraw.isEmpty() && !anyCountedApart(decided)) return decided;
        Map<String, ChargerDefinition> chargers = null;
        var counted = new ArrayList<ChargerAllocation>(decided.allocations().size());
        var deltas = new java.util.LinkedHashMap<ChargerDefinition, ChargerAllocation>();
        for (var a : decided.allocations()) {
            var cp = a.chargePointId();
            var kw = switch (kind(a, mayDraw.get(cp), lowering)) {
                case AT_TARGET -> a.status() == ChargerStatus.OFFLINE || a.overLimit() ? a.allocatedKw() : a.targetKw();
                case LOWERING, RAISE_WAITING -> mayDraw.get(cp);
            };
            if (kw == a.allocatedKw()) {
                counted.add(a);
                continue;
            }
            if (chargers == null) chargers = chargersById(site);
            var charger = chargers.get(cp);
            if (charger == null) {
                counted.add(a);
                continue;
            }
            var recounted = a.counted(kw, DecisionMaker.currents(charger, a.phasesInUse(), kw));
            deltas.put(charger, recounted);
            counted.add(recounted);
        }
        if (deltas.isEmpty()) return decided;
        var totalKw = Kw.round(counted.stream().mapToDouble(ChargerAllocation::allocatedKw).sum());
        return decided.withCounted(counted, totalKw, circuits(site, decided, deltas));
    }

    /**
     * The loads of the grid and the circuits with the recounted chargers' currents in place of what they were
     * counted at before (rule 10 shows what the site counts, like rule 1).
     */
    private static List<CircuitLoad> circuits(LiveSite site, AllocationSnapshot before,
                                              Map<ChargerDefinition, ChargerAllocation> recounted) {
        if (before.circuits().isEmpty()) return before.circuits();
        var parents = new HashMap<String, String>();
        site.definition.circuits().forEach(c -> parents.put(c.circuitId(), c.parentId()));
        var grid = site.definition.gridConnectionCurrentA() != null;
        var addA = new HashMap<String, double[]>();
        for (var e : recounted.entrySet()) {
            var old = before.charger(e.getValue().chargePointId()).orElseThrow().currentA();
            var now = e.getValue().currentA();
            var delta = new double[3];
            for (var phase : Phase.values()) {
                delta[phase.ordinal()] = now.getOrDefault(phase, 0.0) - old.getOrDefault(phase, 0.0);
            }
            var path = new ArrayList<String>();
            for (var id = e.getKey().circuitId(); id != null && !path.contains(id); id = parents.get(id)) path.add(id);
            if (grid) path.add(DecisionMaker.GRID);
            for (var id : path) {
                var sum = addA.computeIfAbsent(id, _ -> new double[3]);
                for (int i = 0; i < 3; i++) sum[i] += delta[i];
            }
        }
        var loads = new ArrayList<CircuitLoad>(before.circuits().size());
        for (var load : before.circuits()) {
            var add = addA.get(load.circuitId());
            loads.add(add == null ? load : new CircuitLoad(load.circuitId(), load.maxCurrentA(),
                    Kw.round(load.l1A() + add[0]), Kw.round(load.l2A() + add[1]), Kw.round(load.l3A() + add[2])));
        }
        return loads;
    }

    /** How the charger is counted, given what it may draw (null: it does not follow its connector) and who is lowering. */
    static Kind kind(ChargerAllocation a, Double mayDrawKw, java.util.Set<String> lowering) {
        if (mayDrawKw == null) return Kind.AT_TARGET;
        if (lowering.contains(a.chargePointId())) return Kind.LOWERING;
        // another charger's lowering is not accepted yet: a raise waits for it (a charger never waits for its own)
        if (a.targetKw() > mayDrawKw + EPSILON_KW && !lowering.isEmpty()) return Kind.RAISE_WAITING;
        return Kind.AT_TARGET;
    }

    /** A charger with a session under a TxProfile of its OCPP connection: its count follows what it may draw. */
    private static boolean followsItsConnector(LiveSite site, ChargerAllocation a) {
        return a.status() != ChargerStatus.OFFLINE && !a.overLimit() && a.session() != null
                && a.session().transactionId() != null && site.connected.contains(a.chargePointId());
    }

    /** Some charger is counted apart from its target (a reservation or one over its limit is counted as decided). */
    private static boolean anyCountedApart(AllocationSnapshot snapshot) {
        for (var a : snapshot.allocations()) {
            if (a.status() != ChargerStatus.OFFLINE && !a.overLimit() && a.allocatedKw() != a.targetKw()) return true;
        }
        return false;
    }

    private static Map<String, ChargerDefinition> chargersById(LiveSite site) {
        var byId = new HashMap<String, ChargerDefinition>();
        for (var charger : site.definition.chargers()) byId.put(charger.chargePointId(), charger);
        return byId;
    }
}
