package dev.dynamo.allocation;

/**
 * Rules 6 and 10: exact max-min fair progressive filling, event by event. A water level rises; every
 * rising demand sits at the level (it joins when the level reaches its floor) and freezes at its cap,
 * when a limit-phase it draws on saturates, or when the budget is spent.
 *
 * <p>Each limit-phase keeps its headroom as of the level it last changed rate at, and its rate (amperes
 * per kW of level); it saturates at {@code since + headroom / rate}. A freeze only lowers rates, so it
 * may leave a heap entry too early, never too late: the top entry is checked before it fires.
 *
 * <p>A saturated limit-phase freezes whole draw classes ({@link FillState}): every rising member of a class
 * sits at the same level, so the class keeps a count of them and the level it froze at, and its members
 * take that level at the end. Only a cap freezes a single demand.
 */
final class EqualFilling {
    private static final byte PENDING = 0;
    private static final byte RISING = 1;
    private static final byte FROZEN = 2;
    private static final double NEVER = Double.POSITIVE_INFINITY;

    private final FillState state;
    private final int[] path;
    private final int[] pathStart;
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
    /** Rising members of each class, and for a frozen class why and at which level it froze. */
    private final int[] classRising;
    private final boolean[] classFrozen;
    private final double[] classLevel;
    private final byte[] classWhy;
    private final int[] classAt;
    /** Classes joining at the current level, with how many members each. */
    private final int[] joining;
    private final int[] joiningCount;
    private int joiningSize;
    /** Per class, the join batch that last looked at its path, and the full limit-phase it found (or -1). */
    private final int[] fullSeenIn;
    private final int[] fullFound;
    private int batch;
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
        pathStart = state.pathStart;
        headroomA = state.headroomA;
        rateA = new double[limitPhases];
        sinceLevel = new double[limitPhases];
        risingOn = new int[limitPhases];
        saturated = new boolean[limitPhases];
        heap = new LevelHeap(limitPhases);
        dirty = new int[limitPhases];
        isDirty = new boolean[limitPhases];
        stage = new byte[state.count];
        int classes = state.classCount;
        classRising = new int[classes];
        classFrozen = new boolean[classes];
        classLevel = new double[classes];
        classWhy = new byte[classes];
        classAt = new int[classes];
        joining = new int[classes];
        joiningCount = new int[classes];
        fullSeenIn = new int[classes];
        fullFound = new int[classes];
    }

    static void fill(FillState state) {
        new EqualFilling(state).run();
    }

    private void run() {
        int[] candidates = new int[state.count];
        int count = 0;
        boolean uniformFloors = true;
        double leastCap = NEVER;
        for (int i = 0; i < state.count; i++) {
            if (!state.admitted[i]) continue;
            if (state.floorKw[i] < state.capKw[i]) {
                if (count > 0 && state.floorKw[i] != state.floorKw[candidates[0]]) uniformFloors = false;
                if (state.capKw[i] < leastCap) leastCap = state.capKw[i];
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
        // the cap order is made when the level first reaches the least cap: where limits or the budget stop
        // everyone below every cap (common under circuits), it is never needed, and it was the costliest step
        int[] byCap = null;
        int[] byFloor = uniformFloors ? candidates : KeyOrder.byKey(state.floorKw, candidates, count, state.count);
        if (state.tree.size > 0) indexByTour();

        budgetKw = state.budgetLeftKw;
        level = state.floorKw[byFloor[0]];
        budgetSince = level;
        int capNext = 0;
        int joinNext = joinUpTo(byFloor, 0, count);
        // every step joins, freezes, fires or re-keys after a rate change: a bound far above any real run
        long stepsLeft = 16L * (count + 1) * (state.tree.size + 1) * 3 + 64;
        while (true) {
            if (--stepsLeft < 0) throw new IllegalStateException("equal filling did not settle");
            // every joined demand has stopped and none is left to join: no event can change anything now (under
            // binding limits this spared re-keying every limit-phase to "never", one at a time)
            if (rising == 0 && joinNext == count) break;
            double capLevel = leastCap; // before the order is made: no cap is below it
            if (byCap != null) {
                while (capNext < count && isStopped(byCap[capNext])) capNext++;
                capLevel = capNext < count ? state.capKw[byCap[capNext]] : NEVER;
            }
            double joinLevel = joinNext < count ? state.floorKw[byFloor[joinNext]] : NEVER;
            double budgetLevel = rising > 0 ? budgetSince + Math.max(0, budgetKw) / rising : NEVER;
            double limitLevel = heap.topLevel();
            double next = Math.min(Math.min(capLevel, joinLevel), Math.min(budgetLevel, limitLevel));
            if (next == NEVER) break;
            if (capLevel <= next) {
                if (byCap == null) {
                    byCap = KeyOrder.byKey(state.capKw, candidates, count, state.count);
                    continue; // the least cap of those not stopped may be higher: look again
                }
                level = Math.max(level, capLevel);
                freezeAtCap(byCap[capNext++]);
            } else if (limitLevel <= next) {
                int limitPhase = heap.top();
                double saturation = saturationLevel(limitPhase);
                if (saturation == NEVER) {
                    heap.removeTop(); // no one rises on it any more; a join puts it back
                } else if (saturation > limitLevel) {
                    heap.set(limitPhase, saturation); // stale: rates fell since it was keyed
                } else {
                    heap.removeTop();
                    level = Math.max(level, saturation);
                    saturate(limitPhase);
                }
            } else if (budgetLevel <= next) {
                level = Math.max(level, budgetLevel);
                for (int c = 0; c < state.classCount; c++) {
                    if (!classFrozen[c]) freezeClass(c, FillState.STOPPED_BUDGET, -1);
                }
                break;
            } else {
                level = Math.max(level, joinLevel);
                joinNext = joinUpTo(byFloor, joinNext, count);
            }
        }
        // the members still rising when their class froze take its level
        for (int c = 0; c < count; c++) {
            int i = candidates[c];
            if (stage[i] != RISING) continue;
            int cls = state.drawClass[i];
            state.allocKw[i] = classLevel[cls];
            state.stop(i, classLevel[cls], classWhy[cls], classAt[cls]);
        }
        // never joined: the budget was spent before the level reached their floor
        for (int j = joinNext; j < count; j++) state.stoppedBy[byFloor[j]] = FillState.STOPPED_BUDGET;
    }

    // a pending demand is not stopped: it joins (at its floor, below its cap) before its cap comes up
    private boolean isStopped(int i) {
        return stage[i] == FROZEN || classFrozen[state.drawClass[i]];
    }

    /** Whether the budget is spent at the current level (within the tolerance of sums). */
    private boolean budgetSpent() {
        return budgetKw - rising * (level - budgetSince) <= FillState.TOLERANCE * Math.max(1, state.budgetLeftKw);
    }

    /**
     * Joins every pending demand whose floor the level has reached, class by class, then re-keys the
     * limit-phases touched.
     */
    private int joinUpTo(int[] byFloor, int next, int count) {
        batch++; // joining changes no headroom at this level: one look at each class's path will do
        while (next < count && state.floorKw[byFloor[next]] <= level) {
            int i = byFloor[next++];
            int c = state.drawClass[i];
            if (fullSeenIn[c] != batch) {
                fullSeenIn[c] = batch;
                fullFound[c] = fullOnPath(c);
            }
            int full = fullFound[c];
            if (full >= 0 || classFrozen[c]) {
                stage[i] = FROZEN; // its path is full: it keeps its floor
                state.stop(i, state.allocKw[i], budgetSpent() ? FillState.STOPPED_BUDGET : FillState.STOPPED_LIMIT,
                        full >= 0 ? full : classAt[c]);
                continue;
            }
            stage[i] = RISING;
            if (joiningCount[c]++ == 0) joining[joiningSize++] = c;
        }
        if (joiningSize > 0) {
            budgetKw -= rising * (level - budgetSince);
            budgetSince = level;
        }
        for (int j = 0; j < joiningSize; j++) {
            int c = joining[j];
            int members = joiningCount[c];
            joiningCount[c] = 0;
            classRising[c] += members;
            rising += members;
            double amps = state.classAmpsPerKw[c] * members;
            for (int p = pathStart[c], end = pathStart[c + 1]; p < end; p++) {
                int k = path[p];
                advance(k);
                risingOn[k] += members;
                rateA[k] += amps;
                if (!isDirty[k]) {
                    isDirty[k] = true;
                    dirty[dirtyCount++] = k;
                }
            }
        }
        joiningSize = 0;
        for (int d = 0; d < dirtyCount; d++) {
            int limitPhase = dirty[d];
            isDirty[limitPhase] = false;
            heap.set(limitPhase, saturationLevel(limitPhase));
        }
        dirtyCount = 0;
        return next;
    }

    /** A limit-phase of class {@code c}'s path with no headroom left at the level, or -1. */
    private int fullOnPath(int c) {
        for (int p = pathStart[c], end = pathStart[c + 1]; p < end; p++) {
            int k = path[p];
            if (saturated[k] || headroomA[k] - rateA[k] * (level - sinceLevel[k]) <= 0) return k;
        }
        return -1;
    }

    private void freezeAtCap(int i) {
        stage[i] = FROZEN;
        state.allocKw[i] = state.capKw[i];
        state.stoppedBy[i] = FillState.STOPPED_CAP;
        int c = state.drawClass[i];
        classRising[c]--;
        leave(c, 1);
    }

    /** Freezes class {@code c} at the level: its rising members stop there. */
    private void freezeClass(int c, byte why, int limitPhase) {
        classFrozen[c] = true;
        classLevel[c] = level;
        classWhy[c] = why;
        classAt[c] = limitPhase;
        int members = classRising[c];
        classRising[c] = 0;
        if (members > 0) leave(c, members);
    }

    /** {@code members} of class {@code c} stop rising: the budget and the class's path stop counting them. */
    private void leave(int c, int members) {
        budgetKw -= rising * (level - budgetSince);
        budgetSince = level;
        rising -= members;
        double amps = state.classAmpsPerKw[c] * members;
        for (int p = pathStart[c], end = pathStart[c + 1]; p < end; p++) {
            int k = path[p];
            advance(k);
            risingOn[k] -= members;
            // the last one out sets the rate to exactly 0, whatever rounding left behind
            rateA[k] = risingOn[k] == 0 ? 0 : rateA[k] - amps;
        }
    }

    /** Freezes, at the level, every class under the limit that draws on the saturated phase. */
    private void saturate(int limitPhase) {
        saturated[limitPhase] = true;
        byte why = budgetSpent() ? FillState.STOPPED_BUDGET : FillState.STOPPED_LIMIT;
        int limit = limitPhase / 3;
        int phaseBit = 1 << (limitPhase % 3);
        int end = tourStart[state.tree.exit[limit]];
        for (int t = tourStart[state.tree.enter[limit]]; t < end; t++) {
            int c = byTour[t];
            if (!classFrozen[c] && (state.classMask[c] & phaseBit) != 0) freezeClass(c, why, limitPhase);
        }
    }

    private void advance(int k) {
        headroomA[k] -= rateA[k] * (level - sinceLevel[k]);
        sinceLevel[k] = level;
    }

    private double saturationLevel(int k) {
        return risingOn[k] == 0 ? NEVER : sinceLevel[k] + Math.max(0, headroomA[k]) / rateA[k];
    }

    // Classes under a limit, by the tour position of their innermost limit: a subtree is one range.
    private void indexByTour() {
        int size = state.tree.size;
        tourStart = new int[size + 1];
        for (int c = 0; c < state.classCount; c++) {
            int leaf = state.classLeaf[c];
            if (leaf >= 0) tourStart[state.tree.enter[leaf] + 1]++;
        }
        for (int t = 0; t < size; t++) tourStart[t + 1] += tourStart[t];
        byTour = new int[tourStart[size]];
        int[] fill = tourStart.clone();
        for (int c = 0; c < state.classCount; c++) {
            int leaf = state.classLeaf[c];
            if (leaf >= 0) byTour[fill[state.tree.enter[leaf]]++] = c;
        }
    }
}
