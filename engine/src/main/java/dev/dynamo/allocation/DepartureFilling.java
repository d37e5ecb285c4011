package dev.dynamo.allocation;

import java.util.List;

/**
 * Contract 10 (departure-aware sharing), the stage between reservations and equal filling:
 * floors are admitted in ascending laxity (ties in the admission order given), then each admitted session
 * with a finite laxity rises, least laxity first, to the rate that finishes it by its departure (capped) as
 * far as the budget and every limit-phase of its path allow. Equal filling then starts each demand from the
 * level reached here: a session above the common level keeps what it has.
 */
final class DepartureFilling {
    private DepartureFilling() {}

    /**
     * Admits floors and raises the needed rates. {@code departures} is aligned with the demands, null for a
     * demand without a departure.
     */
    static void fill(FillState state, List<Departure> departures) {
        int[] order = laxityOrder(state, departures);
        state.admitFloors(order);
        for (int i : order) {
            var departure = departures.get(i);
            if (departure == null || !departure.finite() || !state.admitted[i]) continue;
            double targetKw = Math.min(state.capKw[i], departure.neededKw());
            double roomKw = Math.min(targetKw - state.allocKw[i], state.budgetLeftKw);
            if (state.ampsPerKw[i] > 0) roomKw = Math.min(roomKw, state.pathHeadroomA(i) / state.ampsPerKw[i]);
            if (roomKw <= 0) continue;
            state.allocKw[i] += roomKw;
            state.budgetLeftKw -= roomKw;
            state.draw(i, roomKw);
        }
        // equal filling lifts each demand from its start level; here that is what it already holds
        for (int i = 0; i < state.count; i++) {
            if (state.admitted[i] && state.allocKw[i] > state.floorKw[i]) state.floorKw[i] = state.allocKw[i];
        }
    }

    /**
     * Indices by ascending laxity, ties (and every infinite laxity) in the order given. Keys are made
     * non-negative for {@link KeyOrder}: negative laxities are sorted apart by their magnitude, fed in
     * reverse and read back reversed, so that their ties too stay in the order given.
     */
    static int[] laxityOrder(FillState state, List<Departure> departures) {
        int n = state.count;
        double[] key = new double[n];
        int[] negative = new int[n];
        int[] rest = new int[n];
        int negatives = 0;
        int others = 0;
        for (int i = n - 1; i >= 0; i--) {
            var departure = departures.get(i);
            double laxity = departure == null ? Double.POSITIVE_INFINITY : departure.laxityHours(state.capKw[i]);
            if (laxity < 0) {
                key[i] = -laxity;
                negative[negatives++] = i;
            }
        }
        for (int i = 0; i < n; i++) {
            var departure = departures.get(i);
            double laxity = departure == null ? Double.POSITIVE_INFINITY : departure.laxityHours(state.capKw[i]);
            if (!(laxity < 0)) {
                key[i] = laxity + 0.0;
                rest[others++] = i;
            }
        }
        int[] order = new int[n];
        int at = 0;
        if (negatives > 0) {
            int[] sorted = KeyOrder.byKey(key, negative, negatives, n);
            for (int j = negatives - 1; j >= 0; j--) order[at++] = sorted[j];
        }
        if (others > 0) {
            int[] sorted = KeyOrder.byKey(key, rest, others, n);
            System.arraycopy(sorted, 0, order, at, others);
        }
        return order;
    }
}
