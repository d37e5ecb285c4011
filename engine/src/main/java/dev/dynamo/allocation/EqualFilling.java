package dev.dynamo.allocation;

/**
 * Rules 6 and 10: exact max-min fair progressive filling, event by event. A water level rises; every
 * rising demand sits at the level (it joins when the level reaches its floor) and freezes at its cap,
 * when a limit-phase it draws on saturates, or when the budget is spent.
 *
 * <p>Each limit-phase keeps its headroom as of the level it last changed rate at, and its rate (amperes
 * per kW of level); it saturates at {@code since + headroom / rate}. A freeze only lowers rates, so it
 * may leave a heap entry too early, never too late: the top entry is checked before it fires.
 */
final class EqualFilling {
    private static final byte PENDING = 0;
    private static final byte RISING = 1;
    private static final byte FROZEN = 2;
    private static final double NEVER = Double.POSITIVE_INFINITY;

    private final FillState state;
    private final int[] path;
    private final double[] headroomA;
    private final double[] rateA;
    private final double[] sinceLevel;
    private final int[] risingOn;
    private final boolean[] saturated;
    private final LevelHeap heap;
    private final int[] dirty;
    private final boolean[] isDirty;
    private int dirtyCount;
    private final byte[] stage;
    private int[] byTour;
    private int[] tourStart;

    private double level;
    private double budgetKw;
    private double budgetSince;
    private int rising;

    private EqualFilling(FillState state) {
        this.state = state;
        int limitPhases = state.tree.size * 3;
        path = state.path;
        headroomA = state.headroomA;
        rateA = new double[limitPhases];
        sinceLevel = new double[limitPhases];
        risingOn = new int[limitPhases];
        saturated = new boolean[limitPhases];
        heap = new LevelHeap(limitPhases);
        dirty = new int[limitPhases];
        isDirty = new boolean[limitPhases];
        stage = new byte[state.count];
    }

    static void fill(FillState state) {
        new EqualFilling(state).run();
    }

    private void run() {
        int[] candidates = new int[state.count];
        int count = 0;
        boolean uniformFloors = true;
        for (int i = 0; i < state.count; i++) {
            if (!state.admitted[i]) continue;
            if (state.floorKw[i] < state.capKw[i]) {
                if (count > 0 && state.floorKw[i] != state.floorKw[candidates[0]]) uniformFloors = false;
                candidates[count++] = i;
            } else {
                state.stoppedBy[i] = FillState.STOPPED_CAP; // its floor is its cap
            }
        }
        if (count == 0) return;
        if (state.tree.size == 0 && uniformFloors) {
            WaterLevel.fill(state, candidates, count);
            return;
        }
        int[] byCap = KeyOrder.byKey(state.capKw, candidates, count, state.count);
        int[] byFloor = uniformFloors ? candidates : KeyOrder.byKey(state.floorKw, candidates, count, state.count);
        if (state.tree.size > 0) indexByTour(candidates, count);

        budgetKw = state.budgetLeftKw;
        level = state.floorKw[byFloor[0]];
        budgetSince = level;
        int capNext = 0;
        int joinNext = joinUpTo(byFloor, 0, count);
        // every step joins, freezes, fires or re-keys after a rate change: a bound far above any real run
        long stepsLeft = 16L * (count + 1) * (state.tree.size + 1) * 3 + 64;
        while (true) {
            if (--stepsLeft < 0) throw new IllegalStateException("equal filling did not settle");
            while (capNext < count && stage[byCap[capNext]] == FROZEN) capNext++;
            double capLevel = capNext < count ? state.capKw[byCap[capNext]] : NEVER;
            double joinLevel = joinNext < count ? state.floorKw[byFloor[joinNext]] : NEVER;
            double budgetLevel = rising > 0 ? budgetSince + Math.max(0, budgetKw) / rising : NEVER;
            double limitLevel = heap.topLevel();
            double next = Math.min(Math.min(capLevel, joinLevel), Math.min(budgetLevel, limitLevel));
            if (next == NEVER) break;
            if (capLevel <= next) {
                level = Math.max(level, capLevel);
                int i = byCap[capNext++];
                freeze(i, capLevel);
                state.stoppedBy[i] = FillState.STOPPED_CAP;
            } else if (limitLevel <= next) {
                int limitPhase = heap.top();
                double saturation = saturationLevel(limitPhase);
                if (saturation > limitLevel) {
                    heap.set(limitPhase, saturation); // stale: rates fell since it was keyed
                } else {
                    heap.removeTop();
                    level = Math.max(level, saturation);
                    saturate(limitPhase);
                }
            } else if (budgetLevel <= next) {
                level = Math.max(level, budgetLevel);
                for (int c = 0; c < count; c++) {
                    int i = candidates[c];
                    if (stage[i] == RISING) {
                        state.allocKw[i] = level;
                        state.stop(i, level, FillState.STOPPED_BUDGET, -1);
                    }
                }
                break;
            } else {
                level = Math.max(level, joinLevel);
                joinNext = joinUpTo(byFloor, joinNext, count);
            }
        }
        // never joined: the budget was spent before the level reached their floor
        for (int j = joinNext; j < count; j++) state.stoppedBy[byFloor[j]] = FillState.STOPPED_BUDGET;
    }

    /** Whether the budget is spent at the current level (within the tolerance of sums). */
    private boolean budgetSpent() {
        return budgetKw - rising * (level - budgetSince) <= FillState.TOLERANCE * Math.max(1, state.budgetLeftKw);
    }

    /** Joins every pending demand whose floor the level has reached, then re-keys the limit-phases touched. */
    private int joinUpTo(int[] byFloor, int next, int count) {
        while (next < count && state.floorKw[byFloor[next]] <= level) join(byFloor[next++]);
        for (int d = 0; d < dirtyCount; d++) {
            int limitPhase = dirty[d];
            isDirty[limitPhase] = false;
            heap.set(limitPhase, saturationLevel(limitPhase));
        }
        dirtyCount = 0;
        return next;
    }

    private void join(int i) {
        int from = state.pathStart[i];
        int to = state.pathStart[i + 1];
        for (int j = from; j < to; j++) {
            int k = path[j];
            if (saturated[k] || headroomA[k] - rateA[k] * (level - sinceLevel[k]) <= 0) {
                stage[i] = FROZEN; // its path is full: it keeps its floor
                state.stop(i, state.allocKw[i], budgetSpent() ? FillState.STOPPED_BUDGET : FillState.STOPPED_LIMIT, k);
                return;
            }
        }
        stage[i] = RISING;
        budgetKw -= rising * (level - budgetSince);
        budgetSince = level;
        rising++;
        double amps = state.ampsPerKw[i];
        for (int j = from; j < to; j++) {
            int k = path[j];
            advance(k);
            risingOn[k]++;
            rateA[k] += amps;
            if (!isDirty[k]) {
                isDirty[k] = true;
                dirty[dirtyCount++] = k;
            }
        }
    }

    private void freeze(int i, double allocKw) {
        stage[i] = FROZEN;
        state.allocKw[i] = allocKw;
        budgetKw -= rising * (level - budgetSince);
        budgetSince = level;
        rising--;
        double amps = state.ampsPerKw[i];
        for (int j = state.pathStart[i], end = state.pathStart[i + 1]; j < end; j++) {
            int k = path[j];
            advance(k);
            // the last one out sets the rate to exactly 0, whatever rounding left behind
            rateA[k] = --risingOn[k] == 0 ? 0 : rateA[k] - amps;
        }
    }

    /** Freezes, at the level, every rising demand under the limit that draws on the saturated phase. */
    private void saturate(int limitPhase) {
        saturated[limitPhase] = true;
        byte why = budgetSpent() ? FillState.STOPPED_BUDGET : FillState.STOPPED_LIMIT;
        int limit = limitPhase / 3;
        int phaseBit = 1 << (limitPhase % 3);
        int end = tourStart[state.tree.exit[limit]];
        for (int t = tourStart[state.tree.enter[limit]]; t < end; t++) {
            int i = byTour[t];
            if (stage[i] == RISING && (state.phaseMask[i] & phaseBit) != 0) {
                freeze(i, level);
                state.stop(i, level, why, limitPhase);
            }
        }
    }

    private void advance(int k) {
        headroomA[k] -= rateA[k] * (level - sinceLevel[k]);
        sinceLevel[k] = level;
    }

    private double saturationLevel(int k) {
        return risingOn[k] == 0 ? NEVER : sinceLevel[k] + Math.max(0, headroomA[k]) / rateA[k];
    }

    // Candidates under a limit, by the tour position of their innermost limit: a subtree is one range.
    private void indexByTour(int[] candidates, int count) {
        int size = state.tree.size;
        tourStart = new int[size + 1];
        for (int c = 0; c < count; c++) {
            int leaf = state.leaf[candidates[c]];
            if (leaf >= 0) tourStart[state.tree.enter[leaf] + 1]++;
        }
        for (int t = 0; t < size; t++) tourStart[t + 1] += tourStart[t];
        byTour = new int[tourStart[size]];
        int[] fill = tourStart.clone();
        for (int c = 0; c < count; c++) {
            int i = candidates[c];
            int leaf = state.leaf[i];
            if (leaf >= 0) byTour[fill[state.tree.enter[leaf]]++] = i;
        }
    }
}
