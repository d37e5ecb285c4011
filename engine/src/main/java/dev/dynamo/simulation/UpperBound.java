package dev.dynamo.simulation;

import dev.dynamo.allocation.Phase;
import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.SiteDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The most energy any allocation could deliver: a linear program over time slots with one variable per
 * (vehicle, slot) it is present in (kWh delivered in that slot), bounded by its cap times its presence,
 * its requested energy, the budget of each slot and every per-phase current limit on its path.
 * <p>
 * It stays an upper bound because it only relaxes the real problem: slot totals instead of instants,
 * no floors or queuing, no taper (the untapered cap is the highest), and a vehicle whose charger is "any
 * free" gets the best charger's cap, the grid connection's limit summed over phases, and no circuit.
 * Consecutive slots with the same vehicles wholly present and the same budget are merged, which keeps
 * the program exact and small while nothing changes. Longer slots relax it further (a slot's totals are
 * all it sees), so a bound on coarser slots is never below one on finer slots, and still a bound.
 *
 * @param method {@code lp} (ojAlgo), {@code flow} (a site without current limits: the same program as a
 *               maximum flow), or {@code caps} when the solver did not reach an optimum and the bound falls
 *               back to the sum of min(requested, cap × presence), capped by the budget's energy
 */
public record UpperBound(double energyKwh, int slotMinutes, int variables, String method) {

    /** Above this many (vehicle, slot) variables the slots are made longer: ojAlgo's simplex takes seconds beyond it. */
    public static final int MAX_VARIABLES = 6_000;
    /**
     * Above this many (vehicle, slot) arcs the maximum flow's slots are made longer: about 30 bytes an arc while
     * it is solved, so that a year of a 100-charger site (about 50 million arcs on 1-minute slots) needs
     * some 150 MB on 15-minute slots rather than gigabytes. One day of it (130,000 arcs) keeps 1-minute slots.
     */
    public static final long MAX_FLOW_ARCS = 5_000_000;
    private static final int[] SLOT_CHOICES_MIN = {1, 2, 3, 5, 10, 15, 20, 30, 60, 120, 240, 480, 1440};

    /**
     * The bound with slots of {@code slotMinutes}, or the shortest longer choice (2, 3, 5, 10, 15, … minutes)
     * that keeps the program under {@link #MAX_VARIABLES}; the slot used is in the result.
     */
    public static UpperBound compute(SiteDefinition site, BudgetTimeline budget, List<VehicleSpec> vehicles,
                                     Instant start, Instant end, int slotMinutes) {
        if (site.circuits().isEmpty() && site.gridConnectionCurrentA() == null) {
            var flowSlot = slotMinutes;
            for (var choice : SLOT_CHOICES_MIN) {
                if (choice < slotMinutes) continue;
                flowSlot = choice;
                if (estimatedVariables(vehicles, start, end, choice) <= MAX_FLOW_ARCS) break;
            }
            return solveAsFlow(site, budget, vehicles, start, end, flowSlot);
        }
        var chosen = slotMinutes;
        for (var choice : SLOT_CHOICES_MIN) {
            if (choice < slotMinutes) continue;
            chosen = choice;
            // the estimate is cheap; only a close call needs the slots built and merged to count
            if (estimatedVariables(vehicles, start, end, choice) <= MAX_VARIABLES
                    || Slots.of(budget, vehicles, start, end, choice * 60_000L).variables() <= MAX_VARIABLES) break;
        }
        return solve(site, budget, vehicles, start, end, chosen);
    }

    /** At most one variable per vehicle and slot it is present in (merging identical slots only lowers it). */
    static long estimatedVariables(List<VehicleSpec> vehicles, Instant start, Instant end, int slotMinutes) {
        var slotMs = slotMinutes * 60_000L;
        var count = 0L;
        for (var v : vehicles) {
            var from = Math.max(v.arrival().toEpochMilli(), start.toEpochMilli()) - start.toEpochMilli();
            var to = Math.min(v.departure().toEpochMilli(), end.toEpochMilli()) - start.toEpochMilli();
            if (to > from) count += (to - 1) / slotMs - from / slotMs + 1;
        }
        return count;
    }

    /** The bound with exactly this slot length, however large the program. */
    public static UpperBound solve(SiteDefinition site, BudgetTimeline budget, List<VehicleSpec> vehicles,
                                   Instant start, Instant end, int slotMinutes) {
        var options = new Optimisation.Options();
        options.sparse = false; // measured: ojAlgo's dense tableau is the faster one at these sizes
        var program = program(site, budget, vehicles, start, end, slotMinutes, options, 1);
        if (program.variables() == 0) return new UpperBound(0, slotMinutes, 0, "lp");
        var result = program.model().maximise();
        if (result.getState().isOptimal()) return new UpperBound(result.getValue(), slotMinutes, program.variables(), "lp");
        return new UpperBound(capsBound(site, budget, vehicles, start, end), slotMinutes, program.variables(), "caps");
    }

    /**
     * The program's rows and variables: one variable per (vehicle, slot) it is present in (kWh), weighted
     * {@code energyWeight} in the objective; {@code energy} holds each vehicle's variables, by vehicle index.
     */
    record Program(ExpressionsBasedModel model, Map<Integer, List<Variable>> energy, int variables) {}

    static Program program(SiteDefinition site, BudgetTimeline budget, List<VehicleSpec> vehicles, Instant start,
                           Instant end, int slotMinutes, Optimisation.Options options, double energyWeight) {
        var slots = Slots.of(budget, vehicles, start, end, slotMinutes * 60_000L);
        var model = new ExpressionsBasedModel(options);
        var energy = new HashMap<Integer, List<Variable>>();
        var limits = new LimitTree(site);
        var perVehicle = new HashMap<Integer, Expression>();
        var variables = 0;
        var anyCharger = vehicles.stream().anyMatch(VehicleSpec::anyCharger);
        var maxVoltageV = site.chargers().stream().mapToDouble(ChargerDefinition::voltageV).max().orElse(230);
        for (int g = 0; g < slots.groups.size(); g++) {
            var group = slots.groups.get(g);
            var slot = g;
            if (group.vehicles.length == 0) continue;
            var budgetRow = model.addExpression("budget-" + g).upper(group.budgetKwh);
            var currentRows = new HashMap<String, Expression>();
            Expression gridSum = anyCharger && limits.gridCurrentA != null
                    ? model.addExpression("grid-sum-" + g).upper(3 * limits.gridCurrentA * group.hours) : null;
            for (int i = 0; i < group.vehicles.length; i++) {
                var v = group.vehicles[i];
                var vehicle = vehicles.get(v);
                var x = model.addVariable().lower(0).upper(ChargerFit.bestCapKw(vehicle, site) * group.presentHours[i])
                        .weight(energyWeight);
                energy.computeIfAbsent(v, _ -> new ArrayList<>()).add(x);
                variables++;
                budgetRow.set(x, 1);
                perVehicle.computeIfAbsent(v, k -> model.addExpression("vehicle-" + k).upper(vehicles.get(k).energyNeededKwh())).set(x, 1);
                if (vehicle.anyCharger()) {
                    if (gridSum != null) gridSum.set(x, 1000 / maxVoltageV);
                    continue;
                }
                var charger = ChargerFit.charger(site, vehicle.chargePointId());
                var phases = ChargerFit.phasesInUse(vehicle, charger);
                var ampHoursPerKwh = 1000 / (phases * charger.voltageV());
                if (gridSum != null) gridSum.set(x, 1000 / charger.voltageV());
                for (var limit : limits.path(charger)) {
                    for (var phase : phases == 3 ? List.of(Phase.values()) : List.of(charger.phase())) {
                        var row = currentRows.computeIfAbsent(limit + "/" + phase,
                                key -> model.addExpression("limit-" + slot + "-" + key).upper(limits.maxCurrentA(limit) * group.hours));
                        row.set(x, ampHoursPerKwh);
                    }
                }
            }
        }
        return new Program(model, energy, variables);
    }

    /**
     * Without current limits the program is a transportation problem, so a maximum flow reaches the
     * same optimum in a fraction of the time, on 1-minute slots at any size.
     */
    static UpperBound solveAsFlow(SiteDefinition site, BudgetTimeline budget, List<VehicleSpec> vehicles,
                                  Instant start, Instant end, int slotMinutes) {
        var slots = Slots.of(budget, vehicles, start, end, slotMinutes * 60_000L);
        int source = 0, sink = 1, firstVehicle = 2, firstGroup = 2 + vehicles.size();
        var flow = new MaxFlow(firstGroup + slots.groups.size());
        for (int v = 0; v < vehicles.size(); v++) flow.addEdge(source, firstVehicle + v, vehicles.get(v).energyNeededKwh());
        var caps = vehicles.stream().mapToDouble(v -> ChargerFit.bestCapKw(v, site)).toArray();
        for (int g = 0; g < slots.groups.size(); g++) {
            var group = slots.groups.get(g);
            if (group.vehicles.length == 0) continue;
            flow.addEdge(firstGroup + g, sink, group.budgetKwh);
            for (int i = 0; i < group.vehicles.length; i++)
                flow.addEdge(firstVehicle + group.vehicles[i], firstGroup + g, caps[group.vehicles[i]] * group.presentHours[i]);
        }
        return new UpperBound(flow.solve(source, sink), slotMinutes, (int) Math.min(Integer.MAX_VALUE, slots.variables()), "flow");
    }

    static double capsBound(SiteDefinition site, BudgetTimeline budget, List<VehicleSpec> vehicles, Instant start, Instant end) {
        var total = 0.0;
        for (var v : vehicles) {
            var from = Math.max(v.arrival().toEpochMilli(), start.toEpochMilli());
            var to = Math.min(v.departure().toEpochMilli(), end.toEpochMilli());
            if (to > from) total += Math.min(v.energyNeededKwh(), ChargerFit.bestCapKw(v, site) * (to - from) / 3_600_000.0);
        }
        return Math.min(total, budget.energyKwh(start, end));
    }

    /** The site's current limits as a tree: "grid" (when set) at the root, circuits under it. */
    private static final class LimitTree {
        final Double gridCurrentA;
        final Map<String, String> parents = new HashMap<>();
        final Map<String, Double> maxCurrentA = new HashMap<>();

        LimitTree(SiteDefinition site) {
            gridCurrentA = site.gridConnectionCurrentA();
            for (var c : site.circuits()) {
                parents.put(c.circuitId(), c.parentId());
                maxCurrentA.put(c.circuitId(), c.maxCurrentA());
            }
        }

        List<String> path(ChargerDefinition charger) {
            var path = new ArrayList<String>();
            for (var at = charger.circuitId(); at != null; at = parents.get(at)) path.add(at);
            if (gridCurrentA != null) path.add("grid");
            return path;
        }

        double maxCurrentA(String limit) { return limit.equals("grid") ? gridCurrentA : maxCurrentA.get(limit); }
    }

    /** Time slots of the run, merged while nothing changes. */
    private record Slots(List<Group> groups) {
        record Group(double hours, double budgetKwh, int[] vehicles, double[] presentHours) {}

        long variables() { return groups.stream().mapToLong(g -> g.vehicles.length).sum(); }

        static Slots of(BudgetTimeline budget, List<VehicleSpec> vehicles, Instant start, Instant end, long slotMs) {
            var startMs = start.toEpochMilli();
            var endMs = end.toEpochMilli();
            int count = (int) ((endMs - startMs + slotMs - 1) / slotMs);
            var present = new ArrayList<List<long[]>>();
            for (int k = 0; k < count; k++) present.add(new ArrayList<>());
            for (int v = 0; v < vehicles.size(); v++) {
                var from = Math.max(vehicles.get(v).arrival().toEpochMilli(), startMs);
                var to = Math.min(vehicles.get(v).departure().toEpochMilli(), endMs);
                if (to <= from) continue;
                for (long k = (from - startMs) / slotMs; k <= (to - 1 - startMs) / slotMs; k++) {
                    var a = Math.max(from, startMs + k * slotMs);
                    var b = Math.min(to, Math.min(endMs, startMs + (k + 1) * slotMs));
                    present.get((int) k).add(new long[] {v, b - a});
                }
            }
            var groups = new ArrayList<Group>();
            int[] lastIds = null;
            boolean lastFull = false;
            double lastBudgetKw = -1;
            for (int k = 0; k < count; k++) {
                var a = startMs + k * slotMs;
                var b = Math.min(endMs, a + slotMs);
                var hours = (b - a) / 3_600_000.0;
                var budgetKwh = budget.energyKwh(Instant.ofEpochMilli(a), Instant.ofEpochMilli(b));
                var ids = present.get(k).stream().mapToInt(p -> (int) p[0]).toArray();
                var presentHours = present.get(k).stream().mapToDouble(p -> p[1] / 3_600_000.0).toArray();
                var full = present.get(k).stream().allMatch(p -> p[1] == b - a);
                var budgetKw = budgetKwh / hours;
                if (full && lastFull && budgetKw == lastBudgetKw && Arrays.equals(ids, lastIds)) {
                    var last = groups.removeLast();
                    var merged = last.presentHours().clone();
                    for (int i = 0; i < merged.length; i++) merged[i] += presentHours[i];
                    groups.add(new Group(last.hours() + hours, last.budgetKwh() + budgetKwh, ids, merged));
                } else {
                    groups.add(new Group(hours, budgetKwh, ids, presentHours));
                }
                lastIds = ids;
                lastFull = full;
                lastBudgetKw = budgetKw;
            }
            return new Slots(groups);
        }
    }
}
