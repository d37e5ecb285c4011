package dev.dynamo.allocation;

import java.util.Arrays;

/**
 * Rule 6 without limits, when every rising demand starts from the same floor (one
 * {@code min_power_per_charger_kw}): each gets {@code min(cap, L)} for the one water level {@code L} at
 * which the shares add up to what the floors hold plus the budget left. {@code L} is found by selection on
 * the caps (three-way partitions around a pivot, keeping the side that holds {@code L}) in expected linear
 * time: no sort, no event per cap. Exact: {@code L} is the closed form {@code (B - capped) / rising} once
 * every cap is known to lie below or above it.
 */
final class WaterLevel {
    /** Rounds of partitioning before the rest is sorted instead (guards against a pivot sequence gone bad). */
    private static final int MAX_ROUNDS = 64;

    private WaterLevel() {}

    static void fill(FillState state, int[] candidates, int count) {
        double floorKw = state.floorKw[candidates[0]];
        double[] caps = new double[count];
        for (int c = 0; c < count; c++) caps[c] = state.capKw[candidates[c]];
        double targetKw = floorKw * count + Math.max(0, state.budgetLeftKw);
        double levelKw = Math.max(floorKw, level(caps, targetKw));
        boolean budgetSpent = levelKw != Double.POSITIVE_INFINITY;
        for (int c = 0; c < count; c++) {
            int i = candidates[c];
            double cap = state.capKw[i];
            double kw = Math.min(cap, levelKw);
            state.allocKw[i] = kw;
            state.stop(i, kw, budgetSpent ? FillState.STOPPED_BUDGET : FillState.STOPPED_CAP, -1);
        }
    }

    /**
     * The level {@code L} with {@code sum(min(cap, L)) = targetKw}, or infinity when even every cap adds up to
     * less. {@code caps} is reordered.
     */
    static double level(double[] caps, double targetKw) {
        return level(caps, targetKw, MAX_ROUNDS);
    }

    static double level(double[] caps, double targetKw, int maxRounds) {
        int lo = 0;
        int hi = caps.length;
        double cappedKw = 0; // caps known to lie at or below L
        long rising = 0;     // caps known to lie above L
        for (int round = 0; lo < hi; round++) {
            if (round == maxRounds) return sortedLevel(caps, lo, hi, cappedKw, rising, targetKw);
            double pivot = medianOfThree(caps[lo], caps[(lo + hi) >>> 1], caps[hi - 1]);
            // three-way partition of [lo, hi): [lo, lt) below the pivot, [lt, gt) equal, [gt, hi) above
            int lt = lo;
            int gt = hi;
            int at = lo;
            double belowKw = 0;
            while (at < gt) {
                double cap = caps[at];
                if (cap < pivot) {
                    belowKw += cap;
                    caps[at++] = caps[lt];
                    caps[lt++] = cap;
                } else if (cap > pivot) {
                    caps[at] = caps[--gt];
                    caps[gt] = cap;
                } else {
                    at++;
                }
            }
            long atOrAbove = hi - lt;
            if (cappedKw + belowKw + pivot * (atOrAbove + rising) <= targetKw) {
                cappedKw += belowKw + pivot * (gt - lt); // L >= pivot: the lower part and the pivots are capped
                lo = gt;
            } else {
                rising += atOrAbove; // L < pivot: the pivots and everything above rise
                hi = lt;
            }
        }
        return rising == 0 ? Double.POSITIVE_INFINITY : (targetKw - cappedKw) / rising;
    }

    private static double sortedLevel(double[] caps, int lo, int hi, double cappedKw, long rising, double targetKw) {
        Arrays.sort(caps, lo, hi);
        long above = rising + (hi - lo);
        for (int at = lo; at < hi; at++) {
            // L >= caps[at] exactly when capping it and everything below still leaves room
            if (cappedKw + caps[at] * above > targetKw) break;
            cappedKw += caps[at];
            above--;
        }
        return above == 0 ? Double.POSITIVE_INFINITY : (targetKw - cappedKw) / above;
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
