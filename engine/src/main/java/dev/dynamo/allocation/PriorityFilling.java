package dev.dynamo.allocation;

/**
 * Rule 7 under rule 10: in admission order, each admitted demand rises as far as cap, budget and path allow;
 * whichever of the three gives the least room is what stops it.
 */
final class PriorityFilling {
    private PriorityFilling() {}

    static void fill(FillState state) {
        for (int i = 0; i < state.count; i++) {
            if (!state.admitted[i]) continue;
            if (state.budgetLeftKw <= 0) {
                state.stop(i, state.allocKw[i], FillState.STOPPED_BUDGET, -1);
                continue;
            }
            double budgetRoomKw = state.budgetLeftKw;
            double roomKw = Math.min(state.capKw[i] - state.allocKw[i], budgetRoomKw);
            int fullest = state.fullestOnPath(i);
            double pathRoomKw = fullest < 0 ? Double.POSITIVE_INFINITY : state.headroomA[fullest] / state.ampsPerKw[i];
            roomKw = Math.min(roomKw, pathRoomKw);
            if (roomKw > 0) {
                state.allocKw[i] += roomKw;
                state.budgetLeftKw -= roomKw;
                state.draw(i, roomKw);
            }
            boolean budgetStops = budgetRoomKw <= roomKw + FillState.TOLERANCE;
            state.stop(i, state.allocKw[i], budgetStops ? FillState.STOPPED_BUDGET : FillState.STOPPED_LIMIT, fullest);
        }
    }
}
