package dev.dynamo.allocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The allocation core: one pure function from an input to a result (contract rules 1-11).
 * Steps: other load on metered nodes (rule 11), reservations (rule 9), floors first-fit (rule 5; with
 * departures, in laxity order and followed by the needed rates of contract 10), sharing (rules 6/7 under rule 10),
 * rounding down to 0.01 kW, then the limit loads of the rounded values.
 */
public final class Allocator {
    /** Lifts values that are a hundredth in exact arithmetic (4.2 computed as 4.19999...) by at most 1e-9 kW. */
    private static final double ROUNDING_SLACK_HUNDREDTHS = 1e-7;

    private Allocator() {}

    public static AllocationResult allocate(AllocationInput input) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(input.sharing(), "sharing");
        double budgetKw = input.budgetKw();
        if (!(budgetKw >= 0) || Double.isInfinite(budgetKw)) {
            throw new IllegalArgumentException("budgetKw must be finite and >= 0, was " + budgetKw);
        }
        var tree = LimitTree.of(input.limits());
        var state = new FillState(tree, input.demands(), budgetKw);
        otherLoads(state, input.otherLoads());
        reserve(state, input.reservations());
        DepartureFilling.Hundredths hundredths = null;
        if (input.departures().isEmpty()) state.admitFloors();
        else hundredths = DepartureFilling.fill(state, input.departures());
        switch (input.sharing()) {
            case EQUAL -> EqualFilling.fill(state);
            case PRIORITY -> PriorityFilling.fill(state);
        }
        double[] roundedKw = state.allocKw; // rounded in place: the state ends here
        if (hundredths != null) hundredths.round(state);
        else for (int i = 0; i < state.count; i++) roundedKw[i] = roundDownKw(roundedKw[i]);
        var shares = new Shares(input.demands(), roundedKw, limitedBy(state));
        return new AllocationResult(shares, loads(tree, state, roundedKw, input.reservations()));
    }

    // one LimitedBy per limit-phase that stopped someone, shared by the demands it stopped
    private static LimitedBy[] limitedBy(FillState state) {
        var byDemand = new LimitedBy[state.count];
        LimitedBy[] byLimitPhase = null;
        for (int i = 0; i < state.count; i++) {
            byDemand[i] = switch (state.stoppedBy[i]) {
                case FillState.STOPPED_CAP -> LimitedBy.CAP;
                case FillState.STOPPED_BUDGET -> LimitedBy.BUDGET;
                case FillState.STOPPED_FLOOR -> LimitedBy.FLOOR;
                case FillState.STOPPED_LIMIT -> {
                    if (byLimitPhase == null) byLimitPhase = new LimitedBy[state.tree.size * 3];
                    int k = state.stoppedAt[i];
                    if (byLimitPhase[k] == null) byLimitPhase[k] = LimitedBy.limit(state.tree.ids[k / 3], Phase.values()[k % 3]);
                    yield byLimitPhase[k];
                }
                default -> throw new IllegalStateException("demand " + i + " stopped for no reason");
            };
        }
        return byDemand;
    }

    /** {@code kw} rounded down to 0.01 kW, forgiving the floating-point error of an exact hundredth. */
    public static double roundDownKw(double kw) {
        if (!(kw > 0)) return 0;
        return Math.floor(kw * 100 + ROUNDING_SLACK_HUNDREDTHS) / 100;
    }

    // Rule 11: a metered node's limit leaves room for what it carries besides the chargers, on each phase.
    private static void otherLoads(FillState state, List<OtherLoad> otherLoads) {
        for (var other : otherLoads) {
            int l = state.tree.indexOf(other.limitId());
            if (l < 0) continue;
            for (int p = 0; p < 3; p++) {
                double otherA = other.onPhase(p);
                if (!Double.isFinite(otherA)) {
                    throw new IllegalArgumentException("other load on " + other.limitId() + " must be finite");
                }
                double maxA = state.tree.maxCurrentA[l];
                state.headroomA[l * 3 + p] = Math.min(maxA, Math.max(0, state.headroomA[l * 3 + p] - otherA));
            }
        }
    }

    // Rule 9: reservations come off the budget and their path whatever is left, even below zero.
    private static void reserve(FillState state, List<Reservation> reservations) {
        for (var reservation : reservations) {
            double kw = reservation.kw();
            if (!(kw >= 0) || Double.isInfinite(kw)) {
                throw new IllegalArgumentException("reservation " + reservation.chargePointId() + ": kw must be >= 0");
            }
            int mask = FillState.mask(reservation.phasesInUse(), reservation.phase(), reservation.chargePointId());
            double ampsPerKw = PhaseCurrent.ampsPerKw(reservation.phasesInUse(), reservation.voltageV());
            state.budgetLeftKw -= kw;
            state.draw(state.tree.indexOf(reservation.limitId()), mask, ampsPerKw, kw);
        }
    }

    private static List<LimitLoad> loads(LimitTree tree, FillState state, double[] roundedKw,
                                         List<Reservation> reservations) {
        if (tree.size == 0) return List.of();
        double[] loadA = new double[tree.size * 3];
        // the amperes of each draw class, then each class's path once
        double[] classA = new double[state.classCount];
        for (int i = 0; i < state.count; i++) classA[state.drawClass[i]] += roundedKw[i] * state.ampsPerKw[i];
        for (int c = 0; c < state.classCount; c++) {
            double amps = classA[c];
            for (int j = state.pathStart[c], end = state.pathStart[c + 1]; j < end; j++) loadA[state.path[j]] += amps;
        }
        for (var reservation : reservations) {
            double amps = PhaseCurrent.perPhaseA(reservation.kw(), reservation.phasesInUse(), reservation.voltageV());
            int mask = FillState.mask(reservation.phasesInUse(), reservation.phase(), reservation.chargePointId());
            addLoad(tree, loadA, tree.indexOf(reservation.limitId()), mask, amps);
        }
        var loads = new ArrayList<LimitLoad>(tree.size);
        for (int l = 0; l < tree.size; l++) {
            loads.add(new LimitLoad(tree.ids[l], tree.maxCurrentA[l], loadA[l * 3], loadA[l * 3 + 1], loadA[l * 3 + 2]));
        }
        return loads;
    }

    private static void addLoad(LimitTree tree, double[] loadA, int leaf, int mask, double amps) {
        for (int l = leaf; l >= 0; l = tree.parent[l]) {
            for (int p = 0; p < 3; p++) {
                if ((mask & (1 << p)) != 0) loadA[l * 3 + p] += amps;
            }
        }
    }
}
