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
 * The most vehicles full: when the energy bound leaves nobody short, every vehicle (exact). Otherwise the
 * linear relaxation of the mixed-integer program with one "full" variable per vehicle in [0, 1] (energy
 * at least need × full), on the upper bound's program with slots made longer (which only relaxes it
 * further) until it has at most {@link #MAX_VARIABLES} energy variables, rounded down: a bound, labelled
 * {@code lp-relaxation}. (ojAlgo's branch and bound on the binary program answered "optimal" below what
 * a run achieved on the overnight scenario, so it is not used.) The least energy short is the requested
 * energy less the upper bound's energy (its own, finer slots).
 *
 * @param mostFull      the most vehicles that could be full
 * @param method        {@code lp-all-full} (the energy bound leaves nobody short: every vehicle can be full, exact),
 *                      {@code lp-relaxation} (a bound), {@code present} (the relaxation not solved in time:
 *                      every vehicle present, the loosest bound), or
 *                      {@code none} (no vehicle present)
 * @param leastShortKwh the least total energy short any allocation could leave
 */
public record PlannerBound(int mostFull, String method, double leastShortKwh, int slotMinutes) {
    /** The relaxation is given this long; without a proven optimum every vehicle present counts (the loosest bound). */
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
        var model = program.model();
        program.energy().forEach((v, xs) -> {
            var need = vehicles.get(v).energyNeededKwh();
            // how "full" the vehicle is, relaxed to [0, 1]: its energy reaches need × full
            var full = model.addVariable("full-" + v).lower(0).upper(1).weight(1);
            var row = model.addExpression("filled-" + v).lower(-FULL_SLACK_KWH);
            xs.forEach(x -> row.set(x, 1));
            row.set(full, -need);
        });
        // (ojAlgo's branch and bound on binary "full" variables answered "optimal" below what a run achieved
        // on the overnight scenario, measured: it is not used.) Only a proven optimum of the relaxation is a
        // bound; without one, every vehicle present counts.
        var relaxed = model.maximise();
        if (relaxed.getState() != Optimisation.State.OPTIMAL) {
            return new PlannerBound(program.energy().size(), "present", leastShortKwh, slotMinutes);
        }
        var most = (int) Math.floor(relaxed.getValue() + 1e-6);
        return new PlannerBound(most, "lp-relaxation", leastShortKwh, slotMinutes);
    }
}
