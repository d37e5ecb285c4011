package dev.dynamo.simulation;

import dev.dynamo.contract.SiteDefinition;
import java.time.Instant;
import java.util.List;
import org.ojalgo.optimisation.Optimisation;

/**
 * What a planner knowing every arrival in advance could do (contract 10's goal): the most vehicles it
 * could fill by their departures under the budget and every current limit, and the least total energy
 * short. Both on the time slots of {@link UpperBound}, which only relax the real problem, so both are
 * bounds: nobody can fill more vehicles or leave less energy short.
 * <p>
 * The most vehicles full is a mixed-integer program (one binary per vehicle: full or not) on the
 * upper bound's program; when ojAlgo does not prove it optimal within {@link #TIME_LIMIT_MS}, the
 * linear relaxation (each vehicle "full" by a fraction), rounded down, stands in: still a bound, labelled
 * {@code lp-relaxation}. The least energy short is the requested energy less the upper bound's energy.
 *
 * @param mostFull      the most vehicles that could be full
 * @param method        {@code milp} (exact on the slots), {@code lp-relaxation} (a looser bound), or
 *                      {@code none} (no vehicle present)
 * @param leastShortKwh the least total energy short any allocation could leave
 */
public record PlannerBound(int mostFull, String method, double leastShortKwh, int slotMinutes) {
    /** ojAlgo's branch and bound is given this long before the relaxation stands in. */
    static final long TIME_LIMIT_MS = 20_000;
    private static final double FULL_SLACK_KWH = 1e-6;

    public static PlannerBound compute(SiteDefinition site, BudgetTimeline budget, List<VehicleSpec> vehicles,
                                       Instant start, Instant end, UpperBound energyBound) {
        var requestedKwh = vehicles.stream().mapToDouble(VehicleSpec::energyNeededKwh).sum();
        var leastShortKwh = Math.max(0, requestedKwh - energyBound.energyKwh());
        var slotMinutes = energyBound.slotMinutes();
        var options = new Optimisation.Options();
        options.time_abort = TIME_LIMIT_MS;
        options.time_suffice = TIME_LIMIT_MS;
        var program = UpperBound.program(site, budget, vehicles, start, end, slotMinutes, options, 0);
        if (program.variables() == 0) return new PlannerBound(0, "none", leastShortKwh, slotMinutes);
        var model = program.model();
        var full = new java.util.ArrayList<org.ojalgo.optimisation.Variable>();
        program.energy().forEach((v, xs) -> {
            var need = vehicles.get(v).energyNeededKwh();
            var z = model.addVariable("full-" + v).binary().weight(1);
            full.add(z);
            // full only when its energy reaches its need
            var row = model.addExpression("filled-" + v).lower(-FULL_SLACK_KWH);
            xs.forEach(x -> row.set(x, 1));
            row.set(z, -need);
        });
        var result = model.maximise();
        if (result.getState().isOptimal()) {
            return new PlannerBound((int) Math.round(result.getValue()), "milp", leastShortKwh, slotMinutes);
        }
        full.forEach(z -> z.integer(false));
        var relaxed = model.maximise();
        var most = relaxed.getState().isFeasible() ? (int) Math.floor(relaxed.getValue() + 1e-6) : program.energy().size();
        return new PlannerBound(most, "lp-relaxation", leastShortKwh, slotMinutes);
    }
}
