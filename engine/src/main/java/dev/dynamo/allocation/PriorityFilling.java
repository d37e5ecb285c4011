package dev.dynamo.allocation;

/**
 * Rule 7 under rule 10: in admission order, each admitted demand rises as far as cap, budget and path allow;
 * whichever of the three gives the least room is what stops it.
 *
 * <p>The fullest limit-phase of a path changes only when something draws: each class keeps the one it found
 * and the draw count it was found at. Why: once the limits are full (common under circuits: the grid fills
 * part-way down the order), nothing draws any more and every later demand is a lookup, not a walk of its path.
 */
final class PriorityFilling {
    private PriorityFilling() {}

    static void fill(FillState state) {
        int[] fullestOf = new int[state.classCount];
        // per class, 1 + the number of draws there had been when its fullest limit-phase was found (0: never)
        int[] foundAt = new int[state.classCount];
        int draws = 0;
        for (int i = 0; i < state.count; i++) {
            if (!state.admitted[i]) continue;
            if (state.budgetLeftKw <= 0) {
                state.stop(i, state.allocKw[i], FillState.STOPPED_BUDGET, -1);
                continue;
            }
            double budgetRoomKw = state.budgetLeftKw;
            double roomKw = Math.min(state.capKw[i] - state.allocKw[i], budgetRoomKw);
            int c = state.drawClass[i];
            if (foundAt[c] != draws + 1) {
                fullestOf[c] = state.fullestOnPath(i);
                foundAt[c] = draws + 1;
            }
            int fullest = fullestOf[c];
            double pathRoomKw = fullest < 0 ? Double.POSITIVE_INFINITY : state.headroomA[fullest] / state.ampsPerKw[i];
            roomKw = Math.min(roomKw, pathRoomKw);
            if (roomKw > 0) {
                state.allocKw[i] += roomKw;
                state.budgetLeftKw -= roomKw;
                state.draw(i, roomKw);
                draws++;
            }
            boolean budgetStops = budgetRoomKw <= roomKw + FillState.TOLERANCE;
            state.stop(i, state.allocKw[i], budgetStops ? FillState.STOPPED_BUDGET : FillState.STOPPED_LIMIT, fullest);
        }
    }
}
