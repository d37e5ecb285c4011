package dev.dynamo.site;

import dev.dynamo.allocation.Phase;
import dev.dynamo.contract.ChargerDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the site counts for each charger (contract 8, last paragraph): never less than what it may draw now. A
 * decision's shares are the targets the chargers are sent; the count follows each charger apart from them:
 * <ul>
 *   <li>{@link Kind#LOWERING}: its target is below what it may draw (a lowering on its way, refused or timed out
 *       and retried; a new session still under its TxDefaultProfile): counted at what it may draw;</li>
 *   <li>{@link Kind#RAISE_WAITING}: its target is above what it may draw, another charger's lowering is not
 *       accepted yet, and its raise does not fit what the site counts ({@link #clearRaises}), so it waits (the
 *       OCPP pusher holds it back): counted at what it may draw;</li>
 *   <li>{@link Kind#AT_TARGET}: everything else (in sync, a raise that goes out at once or is cleared, a charger not connected
 *       over OCPP, a comm-loss reservation, a charger over its limit): counted at its target.</li>
 * </ul>
 * What an OCPP charger may draw is what its connector last told ({@link MayDraw}: the limit it accepted, else its
 * TxDefaultProfile's, or one on its way when higher), its default limit before that, and at least a raise the site
 * counted in a count the connector has not acknowledged (the connector sends a raise only when a count covers it,
 * so it may be on the wire). The count changes with those notices, not by deciding again: a lowering never costs
 * another decision.
 */
final class Counted {
    /** Below this a limit is not lower (the allocation is on a 0.01 kW grid). */
    static final double EPSILON_KW = 0.001;

    /** How a charger is counted. */
    enum Kind { AT_TARGET, LOWERING, RAISE_WAITING }

    private Counted() {}

    /**
     * The decision (or the allocation in force) with each charger counted as it may draw now; the same snapshot
     * when nothing changes. While a lowering is not accepted, the raises that fit what the site counts are
     * cleared ({@link #clearRaises}) and counted at their targets; the others wait. What a charger may draw
     * includes a raise counted in an earlier count its connector has not acknowledged ({@link MayDraw}): it may
     * be on the wire, so a new target below it is a lowering, counted at that raise.
     */
    static AllocationSnapshot of(LiveSite site, AllocationSnapshot decided) {
        if (!site.anyConnected()) {
            // no charger follows an OCPP connection (the offline simulation, a site without OCPP): none is lowering
            return recount(site, decided, Map.of(), Set.of(), Set.of());
        }
        var mayDraw = new HashMap<String, Double>();
        var lowering = new HashSet<String>();
        Map<String, Double> defaults = null;
        for (var a : decided.allocations()) {
            var charger = followingItsConnector(site, a);
            if (charger == null) continue;
            var cp = a.chargePointId();
            var known = charger.mayDrawIfAny();
            var defaultKw = 0.0;
            if (known == null || known.state() == MayDraw.State.UNTOLD) {
                // until its connector tells, it may draw its TxDefaultProfile limit
                if (defaults == null) defaults = site.defaultLimitsKw();
                defaultKw = Kw.ceil(defaults.getOrDefault(cp, 0.0));
            }
            var kw = known != null ? known.kw(defaultKw) : defaultKw;
            mayDraw.put(cp, kw);
            if (a.targetKw() < kw - EPSILON_KW) lowering.add(cp);
        }
        if (lowering.isEmpty()) return recount(site, decided, mayDraw, lowering, Set.of());
        var waiting = recount(site, decided, mayDraw, lowering, Set.of());
        var cleared = clearRaises(site, waiting, mayDraw, lowering);
        return cleared.isEmpty() ? waiting : recount(site, decided, mayDraw, lowering, cleared);
    }

    /**
     * The site publishes {@code counted} to its listeners (a decision or a recount): its number, and the raises in
     * it its connectors may now send, which stay counted until they acknowledge it ({@link MayDraw#counted}).
     */
    static PublishedCount published(LiveSite site, AllocationSnapshot counted) {
        var number = ++site.counts;
        // no charger follows an OCPP connection nor holds a promise (the offline simulation): nothing to keep
        if (!site.anyConnected() && !site.anyMayDraw()) return new PublishedCount(number, false);
        Map<String, Double> defaults = null;
        if (site.anyConnected()) {
            for (var a : counted.allocations()) {
                var charger = followingItsConnector(site, a);
                if (charger == null) continue;
                var cp = a.chargePointId();
                if (defaults == null) defaults = site.defaultLimitsKw();
                site.mayDraw(charger).counted(a.allocatedKw(), number, Kw.ceil(defaults.getOrDefault(cp, 0.0)));
            }
        }
        // one of a charger lost since is released too by the acknowledgement (its reservation then follows what
        // its connector told)
        var promises = false;
        if (site.anyMayDraw()) {
            for (var charger : site.states().values()) {
                var mayDraw = charger.mayDrawIfAny();
                promises |= mayDraw != null && mayDraw.state() == MayDraw.State.PROMISED;
            }
        }
        return new PublishedCount(number, promises);
    }

    /** {@code decided} with each charger counted by its {@link Kind}; the same snapshot when nothing changes. */
    private static AllocationSnapshot recount(LiveSite site, AllocationSnapshot decided, Map<String, Double> mayDraw,
                                              Set<String> lowering, Set<String> cleared) {
        if (mayDraw.isEmpty() && !anyCountedApart(decided)) return decided;
        Map<String, ChargerDefinition> chargers = null;
        var counted = new ArrayList<ChargerAllocation>(decided.allocations().size());
        var deltas = new LinkedHashMap<ChargerDefinition, ChargerAllocation>();
        for (var a : decided.allocations()) {
            var cp = a.chargePointId();
            var kw = switch (kind(a, mayDraw.get(cp), lowering, cleared)) {
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
     * The waiting raises that fit (contract 8: only the raises that need a lowering's difference wait): with the
     * raise counted at its target and every other charger at what the site counts for it, the budget (rule 1)
     * and every limit on its path, on each phase it draws on (rule 10), still hold. Decided one after the other:
     * the smallest raise first, then by charge point id (one cleared before may be on its way: it is counted in
     * what its charger may draw until its connector acknowledges the count, {@link MayDraw}). Smallest first lets the most chargers have their new
     * limits while a lowering is held up, and is deterministic; a large raise that does not fit waits for the
     * lowering (or the next decision) as before. Currents are compared unrounded: the other loads on a limit
     * are what its shown load leaves beyond its chargers' shown currents, never less than 0.
     *
     * @param waiting the decision counted with every raise waiting
     */
    private static Set<String> clearRaises(LiveSite site, AllocationSnapshot waiting, Map<String, Double> mayDraw,
                                           Set<String> lowering) {
        var raises = new ArrayList<ChargerAllocation>();
        for (var a : waiting.allocations()) {
            if (kind(a, mayDraw.get(a.chargePointId()), lowering, Set.of()) == Kind.RAISE_WAITING) raises.add(a);
        }
        if (raises.isEmpty()) return Set.of();
        var chargers = chargersById(site);
        var parents = new HashMap<String, String>();
        site.definition.circuits().forEach(c -> parents.put(c.circuitId(), c.parentId()));
        var grid = site.definition.gridConnectionCurrentA() != null;
        // every limit's load, per phase, unrounded: its other loads (what its shown load leaves beyond its
        // chargers' shown currents, never below 0) and its chargers' exact currents as counted
        var loads = new HashMap<String, double[]>();
        var chargersA = new HashMap<String, double[]>();
        var maxA = new HashMap<String, Double>();
        for (var load : waiting.circuits()) {
            loads.put(load.circuitId(), new double[] {load.l1A(), load.l2A(), load.l3A()});
            chargersA.put(load.circuitId(), new double[3]);
            maxA.put(load.circuitId(), load.maxCurrentA());
        }
        var paths = new HashMap<String, List<String>>();
        for (var a : waiting.allocations()) {
            var charger = chargers.get(a.chargePointId());
            if (charger == null) continue;
            var path = path(charger, parents, grid);
            paths.put(a.chargePointId(), path);
            var exact = exactCurrents(charger, a.phasesInUse(), a.allocatedKw());
            for (var id : path) {
                var load = loads.get(id);
                if (load == null) continue;
                var exactSum = chargersA.get(id);
                for (var phase : Phase.values()) {
                    var i = phase.ordinal();
                    load[i] -= a.currentA().getOrDefault(phase, 0.0);
                    exactSum[i] += exact[i];
                }
            }
        }
        for (var e : loads.entrySet()) {
            var exactSum = chargersA.get(e.getKey());
            for (int i = 0; i < 3; i++) e.getValue()[i] = Math.max(e.getValue()[i], 0) + exactSum[i];
        }
        raises.sort(Comparator.comparingDouble((ChargerAllocation a) -> a.targetKw() - a.allocatedKw())
                .thenComparing(ChargerAllocation::chargePointId));
        var totalKw = waiting.totalAllocatedKw();
        var cleared = new HashSet<String>();
        for (var a : raises) {
            var charger = chargers.get(a.chargePointId());
            if (charger == null) continue;
            var addKw = a.targetKw() - a.allocatedKw();
            var target = exactCurrents(charger, a.phasesInUse(), a.targetKw());
            var now = exactCurrents(charger, a.phasesInUse(), a.allocatedKw());
            var path = paths.get(a.chargePointId());
            var fits = totalKw + addKw <= waiting.totalBudgetKw() + 1e-9;
            for (var id : path) {
                var load = loads.get(id);
                if (!fits || load == null) continue;
                for (int i = 0; i < 3; i++) {
                    var addA = target[i] - now[i];
                    if (addA > 0 && load[i] + addA > maxA.get(id) + 1e-9) fits = false;
                }
            }
            if (!fits) continue;
            cleared.add(a.chargePointId());
            totalKw += addKw;
            for (var id : path) {
                var load = loads.get(id);
                if (load != null) for (int i = 0; i < 3; i++) load[i] += target[i] - now[i];
            }
        }
        return cleared;
    }

    /** The limits a charger is behind, its own circuit first, the grid connection last (when it has a limit). */
    private static List<String> path(ChargerDefinition charger, Map<String, String> parents, boolean grid) {
        var path = new ArrayList<String>();
        for (var id = charger.circuitId(); id != null && !path.contains(id); id = parents.get(id)) path.add(id);
        if (grid) path.add(DecisionMaker.GRID);
        return path;
    }

    /** The current it draws at {@code kw} on each phase (L1, L2, L3), unrounded. */
    private static double[] exactCurrents(ChargerDefinition charger, int phases, double kw) {
        var currents = new double[3];
        var currentA = kw * 1000 / (phases * charger.voltageV());
        if (phases == 3) java.util.Arrays.fill(currents, currentA);
        else currents[DecisionMaker.phaseOf(charger).ordinal()] = currentA;
        return currents;
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
            for (var id : path(e.getKey(), parents, grid)) {
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

    /**
     * How the charger is counted, given what it may draw (null: it does not follow its connector), who is lowering
     * and whose raise is cleared.
     */
    static Kind kind(ChargerAllocation a, Double mayDrawKw, Set<String> lowering, Set<String> cleared) {
        if (mayDrawKw == null) return Kind.AT_TARGET;
        if (lowering.contains(a.chargePointId())) return Kind.LOWERING;
        // another charger's lowering is not accepted yet: a raise that does not fit waits for it (a charger never
        // waits for its own)
        if (a.targetKw() > mayDrawKw + EPSILON_KW && !lowering.isEmpty() && !cleared.contains(a.chargePointId())) {
            return Kind.RAISE_WAITING;
        }
        return Kind.AT_TARGET;
    }

    /**
     * The state of a charger with a session under a TxProfile of its OCPP connection, whose count follows what it
     * may draw; null for any other.
     */
    private static ChargerState followingItsConnector(LiveSite site, ChargerAllocation a) {
        if (a.status() == ChargerStatus.OFFLINE || a.overLimit() || a.session() == null
                || a.session().transactionId() == null) return null;
        var charger = site.stateOf(a.chargePointId());
        return charger != null && charger.connected() ? charger : null;
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
