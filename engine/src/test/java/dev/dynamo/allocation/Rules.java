package dev.dynamo.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Assertions of the contract's rules on a result, shared by the property classes. */
final class Rules {
    private static final double SLACK = 1e-9;
    private static final double HUNDREDTH = 0.01;

    private Rules() {}

    static double[] shares(AllocationResult result) {
        return result.shares().stream().mapToDouble(ChargerShare::allocatedKw).toArray();
    }

    static double hundredthsBelow(double kw) {
        return Math.floor(kw * 100 + 1e-7) / 100;
    }

    /** Rules 1-3, the 0.01 kW rounding and the shape of the result. */
    static void rulesOneToThreeHold(AllocationInput input, AllocationResult result) {
        var demands = input.demands();
        assertThat(result.shares()).extracting(ChargerShare::chargePointId)
                .containsExactlyElementsOf(demands.stream().map(Demand::chargePointId).toList());
        double[] kw = shares(result);
        double availableKw = Math.max(0, input.budgetKw() - References.reservedKw(input));
        assertThat(References.sum(kw)).as("rule 1: sum within the budget left by reservations")
                .isLessThanOrEqualTo(availableKw + demands.size() * SLACK);
        for (int i = 0; i < kw.length; i++) {
            var d = demands.get(i);
            assertThat(Math.abs(kw[i] * 100 - Math.round(kw[i] * 100))).as("a multiple of 0.01 kW").isLessThan(1e-6);
            assertThat(kw[i]).as("rule 3: %s within its cap", d.chargePointId()).isLessThanOrEqualTo(d.capKw() + SLACK);
            if (kw[i] != 0) {
                assertThat(kw[i]).as("rule 2: %s at least its floor", d.chargePointId())
                        .isGreaterThanOrEqualTo(hundredthsBelow(d.floorKw()) - SLACK);
            }
        }
    }

    /** Rule 5: the demands a first-fit pass admits get at least their floor; the others get 0. */
    static void floorsAreFirstFit(AllocationInput input, AllocationResult result) {
        boolean[] admitted = References.admitted(input);
        double[] kw = shares(result);
        for (int i = 0; i < kw.length; i++) {
            var d = input.demands().get(i);
            if (admitted[i]) {
                assertThat(kw[i]).as("%s admitted with floor %s", d.chargePointId(), d.floorKw())
                        .isGreaterThanOrEqualTo(hundredthsBelow(d.floorKw()) - SLACK);
            } else {
                assertThat(kw[i]).as("%s queued: its floor %s does not fit", d.chargePointId(), d.floorKw()).isZero();
            }
        }
    }

    /** Rule 10: every limit-phase carries what the result says, within its limit (or what reservations hold). */
    static void limitsHold(AllocationInput input, AllocationResult result) {
        double[] kw = shares(result);
        List<LimitLoad> loads = result.limits();
        assertThat(loads).extracting(LimitLoad::limitId)
                .containsExactlyElementsOf(input.limits().stream().map(Limit::id).toList());
        for (int l = 0; l < loads.size(); l++) {
            var limit = input.limits().get(l);
            var load = loads.get(l);
            double[] reported = {load.l1A(), load.l2A(), load.l3A()};
            assertThat(load.maxCurrentA()).isEqualTo(limit.maxCurrentA());
            for (int p = 0; p < 3; p++) {
                double amps = References.loadA(input, kw, limit, p);
                assertThat(reported[p]).as("reported load of %s on L%d", limit.id(), p + 1).isCloseTo(amps, org.assertj.core.api.Assertions.within(1e-6));
                double allowed = Math.max(limit.maxCurrentA(), References.reservedA(input, limit, p));
                assertThat(amps).as("rule 10: %s on L%d", limit.id(), p + 1).isLessThanOrEqualTo(allowed + 1e-6);
            }
        }
    }

    /**
     * Rule 4 under rule 10: an admitted demand below its cap has a full limit-phase on its path, or the budget
     * is spent; "full" forgives what rounding down each share (less than 0.01 kW) leaves.
     */
    static void workIsConserved(AllocationInput input, AllocationResult result) {
        var demands = input.demands();
        boolean[] admitted = References.admitted(input);
        double[] kw = shares(result);
        double leftKw = input.budgetKw() - References.reservedKw(input) - References.sum(kw);
        boolean budgetSpent = leftKw < HUNDREDTH * demands.size() + SLACK;
        for (int i = 0; i < kw.length; i++) {
            var d = demands.get(i);
            if (!admitted[i] || kw[i] >= d.capKw() - HUNDREDTH - SLACK || budgetSpent) continue;
            assertThat(hasFullLimitPhase(input, kw, d))
                    .as("%s at %s below its cap %s with %s kW left and headroom on its path", d.chargePointId(), kw[i],
                            d.capKw(), leftKw)
                    .isTrue();
        }
    }

    static boolean hasFullLimitPhase(AllocationInput input, double[] kw, Demand demand) {
        for (var limit : input.limits()) {
            if (!References.under(input.limits(), demand.limitId(), limit.id())) continue;
            for (int p = 0; p < 3; p++) {
                if (!References.draws(demand.phasesInUse(), demand.phase(), p)) continue;
                double roundingA = SLACK;
                for (var other : input.demands()) {
                    if (References.under(input.limits(), other.limitId(), limit.id())
                            && References.draws(other.phasesInUse(), other.phase(), p)) {
                        roundingA += HUNDREDTH * References.ampsPerKw(other.phasesInUse(), other.voltageV());
                    }
                }
                if (limit.maxCurrentA() - References.loadA(input, kw, limit, p) < roundingA) return true;
            }
        }
        return false;
    }

    /** Each share is the reference value rounded down to 0.01 kW (either neighbour when it sits on a hundredth). */
    static void matchesReference(AllocationInput input, AllocationResult result, double[] referenceKw) {
        double[] kw = shares(result);
        for (int i = 0; i < kw.length; i++) {
            double hundredths = referenceKw[i] * 100;
            long nearest = Math.round(hundredths);
            String what = input.demands().get(i).chargePointId() + " against reference " + referenceKw[i];
            if (Math.abs(hundredths - nearest) < 1e-6) {
                assertThat(kw[i]).as(what).isIn(nearest / 100.0, (nearest - 1) / 100.0);
            } else {
                assertThat(kw[i]).as(what).isEqualTo(Math.floor(hundredths) / 100);
            }
        }
    }
}
