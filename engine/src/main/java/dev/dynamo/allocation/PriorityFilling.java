package dev.dynamo.allocation;

/** Rule 7 under rule 10: in admission order, each admitted demand rises as far as cap, budget and path allow. */
final class PriorityFilling {
    private PriorityFilling() {}

    static void fill(FillState state) {
        for (int i = 0; i < state.count && state.budgetLeftKw > 0; i++) {
            if (!state.admitted[i]) continue;
            double roomKw = Math.min(state.capKw[i] - state.allocKw[i], state.budgetLeftKw);
            roomKw = Math.min(roomKw, state.pathHeadroomA(i) / state.ampsPerKw[i]);
            if (roomKw <= 0) continue;
            state.allocKw[i] += roomKw;
            state.budgetLeftKw -= roomKw;
            state.draw(i, roomKw);
        }
    }
}
