package dev.dynamo.simulation;

import dev.dynamo.contract.SiteDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * What a planner knowing every arrival in advance could do (contract 10's goal): the most vehicles it
 * could fill by their departures under the budget and every current limit, and the least total energy
 * short. Both on the time slots of {@link UpperBound}, which only relax the real problem, so both are
 * bounds: nobody can fill more vehicles or leave less energy short.
 * <p>
 * The most vehicles full: when the energy bound leaves nobody short, every vehicle (exact). Otherwise a
 * branch and bound over the vehicles ({@link Search}) on the program with one "full" variable per vehicle
 * (energy at least need × full), on the upper bound's program with slots made longer (which only relaxes it
 * further) until it has at most {@link #MAX_VARIABLES} energy variables: exact for that program, labelled
 * {@code exact}, and still a bound on the real site (its slots only relax it). When the search does not finish
 * within {@link #TIME_LIMIT_MS}, the linear relaxation rounded down, labelled {@code lp-relaxation} (a bound).
 * (ojAlgo's own branch and bound on the binary program answered "optimal" below what a run achieved on the
 * overnight scenario, so only its linear programs are used.) The least energy short is the requested energy
 * less the upper bound's energy (its own, finer slots).
 *
 * @param mostFull      the most vehicles that could be full
 * @param method        {@code lp-all-full} (the energy bound leaves nobody short: every vehicle can be full, exact),
 *                      {@code exact} (branch and bound on the slots' program), {@code lp-relaxation} (the search
 *                      ran out of time: a bound), {@code present} (the relaxation not solved in time:
 *                      every vehicle present, the loosest bound), or
 *                      {@code none} (no vehicle present)
 * @param leastShortKwh the least total energy short any allocation could leave
 */
public record PlannerBound(int mostFull, String method, double leastShortKwh, int slotMinutes) {
    /** The search is given this long (the relaxation alone, each solve); past it the relaxation's count is the bound. */
    static final long TIME_LIMIT_MS = 60_000;
    /** Branch and bound stays quick below this many energy variables (measured on the shipped scenarios). */
    static final int MAX_VARIABLES = 2_500;
    private static final int[] SLOT_CHOICES_MIN = {1, 5, 10, 15, 30, 60, 120, 240};
    private static final double FULL_SLACK_KWH = 1e-6;

    public static PlannerBound compute(SiteDefinition site, BudgetTimeline budget, List<VehicleSpec> vehicles,
                                       Instant start, Instant end, UpperBound energyBound) {
        var requestedKwh = vehicles.stream().mapToDouble(VehicleSpec::energyNeededKwh).sum();
        var leastShortKwh = Math.max(0, requestedKwh - energyBound.energyKwh());
        var slotMinutes = energyBound.slotMinutes();
        for (var choice : SLOT_CHOICES_MIN) {
            if (choice < slotMinutes) continue;
            slotMinutes = choice;
            if (UpperBound.estimatedVariables(vehicles, start, end, choice) <= MAX_VARIABLES) break;
        }
        var options = new Optimisation.Options();
        options.time_abort = TIME_LIMIT_MS;
        var program = UpperBound.program(site, budget, vehicles, start, end, slotMinutes, options, 0);
        if (program.variables() == 0) return new PlannerBound(0, "none", leastShortKwh, slotMinutes);
        if (energyBound.method().equals("lp") || energyBound.method().equals("flow")) {
            // the most energy leaves nobody short: that allocation fills every vehicle at once, exactly
            if (leastShortKwh <= FULL_SLACK_KWH * Math.max(1, vehicles.size())) {
                return new PlannerBound(program.energy().size(), "lp-all-full", 0, energyBound.slotMinutes());
            }
        }
        var vehicleIds = new ArrayList<>(program.energy().keySet());
        var chosenSlot = slotMinutes;
        // each node a program of its own: re-solving one ojAlgo model with changed bounds answered "infeasible"
        // for a branch that is feasible (measured), so nothing is re-used between solves
        var search = new Search(vehicleIds.size(), fixed -> {
            var node = UpperBound.program(site, budget, vehicles, start, end, chosenSlot, options, 0);
            var fulls = new ArrayList<Variable>();
            for (int k = 0; k < vehicleIds.size(); k++) {
                var v = vehicleIds.get(k);
                var need = vehicles.get(v).energyNeededKwh();
                // how "full" the vehicle is, relaxed to [0, 1]: its energy reaches need × full
                var full = node.model().addVariable("full-" + v).lower(fixed[k] == 1 ? 1 : 0).upper(fixed[k] == 0 ? 0 : 1).weight(1);
                var row = node.model().addExpression("filled-" + v).lower(-FULL_SLACK_KWH);
                node.energy().get(v).forEach(x -> row.set(x, 1));
                row.set(full, -need);
                fulls.add(full);
            }
            return new Search.Program(node.model(), fulls);
        }, System.nanoTime() + TIME_LIMIT_MS * 1_000_000L);
        var root = search.relax(search.free());
        if (root == null) return new PlannerBound(program.energy().size(), "present", leastShortKwh, slotMinutes);
        var relaxedMost = (int) Math.floor(root.value() + 1e-6);
        search.branch(root, search.free());
        if (search.exact) return new PlannerBound(search.best, "exact", leastShortKwh, slotMinutes);
        return new PlannerBound(relaxedMost, "lp-relaxation", leastShortKwh, slotMinutes);
    }

    /**
     * Branch and bound over the vehicles' "full" variables, each node a linear program (fixed to 0 or 1
     * where branched, relaxed in [0, 1] elsewhere): its optimum, rounded down, bounds the node; the vehicles
     * at 1 in a node's optimum are full in that very schedule, a count any planner reaches. Depth first, the
     * "full" branch first (a good count early prunes the rest), on the most fractional vehicle. Exact unless
     * a solve has no proven answer or the time runs out.
     */
    static final class Search {
        private static final double INTEGRAL = 1e-6;
        record Program(ExpressionsBasedModel model, List<Variable> fulls) {}
        record Node(double value, double[] full) {}

        private final int vehicles;
        private final java.util.function.Function<int[], Program> build;
        private final long deadlineNanos;
        int best;
        boolean exact = true;
        int nodes;
        private Optimisation.State lastState;

        Search(int vehicles, java.util.function.Function<int[], Program> build, long deadlineNanos) {
            this.vehicles = vehicles;
            this.build = build;
            this.deadlineNanos = deadlineNanos;
        }

        /** No vehicle fixed: -1 each (0 or 1 once fixed). */
        int[] free() {
            var fixed = new int[vehicles];
            java.util.Arrays.fill(fixed, -1);
            return fixed;
        }

        /** The relaxation with these vehicles fixed, or null when it has no proven optimum. */
        Node relax(int[] fixed) {
            nodes++;
            var program = build.apply(fixed);
            var result = program.model().maximise();
            lastState = result.getState();
            if (!lastState.isOptimal()) return null;
            var full = new double[vehicles];
            for (int k = 0; k < vehicles; k++) full[k] = program.fulls().get(k).getValue().doubleValue();
            return new Node(result.getValue(), full);
        }

        void branch(Node node, int[] fixed) {
            if (System.nanoTime() > deadlineNanos) {
                exact = false;
                return;
            }
            if (Math.floor(node.value() + 1e-6) <= best) return;
            int split = -1;
            double mostFractional = 0;
            int integralFull = 0;
            for (int k = 0; k < vehicles; k++) {
                double f = node.full()[k];
                if (f >= 1 - INTEGRAL) integralFull++;
                else if (f > INTEGRAL && Math.min(f, 1 - f) > mostFractional) {
                    mostFractional = Math.min(f, 1 - f);
                    split = k;
                }
            }
            best = Math.max(best, integralFull);
            if (split < 0) return;
            for (int value = 1; value >= 0 && exact; value--) {
                var child = fixed.clone();
                child[split] = value;
                var relaxed = relax(child);
                if (relaxed != null) branch(relaxed, child);
                // with it full the node may be infeasible (pruned); with it empty it never is: no proven answer
                else if (value == 0 || lastState != Optimisation.State.INFEASIBLE) exact = false;
            }
        }
    }
}
