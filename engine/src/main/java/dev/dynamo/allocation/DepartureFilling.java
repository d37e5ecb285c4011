package dev.dynamo.allocation;

import java.util.Arrays;
import java.util.List;

/**
 * Contract 10 (departure-aware sharing), the stage between reservations and equal filling:
 * floors are admitted in ascending laxity (ties in the admission order given), then each admitted session
 * with a finite laxity rises, least laxity first, to the rate that finishes it by its departure (capped) as
 * far as the budget and every limit-phase of its path allow. Equal filling then starts each demand from the
 * level reached here: a session above the common level keeps what it has.
 *
 * <p>When the needed rates all fit this is the contract's literal order. When they do not (a depot in
 * overload), "least laxity first" alone spreads the shortfall over every vehicle: each falls behind a little
 * and none leaves full. So the stage is read as serving first the sessions that can still finish, chosen so
 * that as many as possible can, and the others after them:
 * <ol>
 *   <li>A session at risk (contract 10: it cannot finish even at its effective cap) while its departure is
 *       still ahead has no rate that finishes it, so it has no "power it needs to finish"; it comes after every
 *       session that still can. A session whose departure is due (the site aims some minutes early) keeps
 *       its place: any power now is what it needs.</li>
 *   <li>On the budget and on each limit-phase where a needed rate did not fit, the sessions drawing on it
 *       (those that can finish, with time left) are
 *       checked as if what it gives now went on until the last of them leaves (earliest departure first, each
 *       deadline against what it can carry by then beyond the floors); where that cannot finish them all, the
 *       one with the most energy still to take beyond its floor is left out first, until it can (Moore and Hodgson's rule, which leaves out the
 *       fewest on one constraint).</li>
 * </ol>
 * The sessions kept rise first, least laxity first; then those left out and those at risk, least laxity
 * first, each as far as its limits allow. Only the order of the stage changes: every session still rises
 * at most to its needed rate (capped) here, and what is left is shared by rule 6.
 */
final class DepartureFilling {
    private DepartureFilling() {}

    /**
     * Admits floors and raises the needed rates. {@code departures} is aligned with the demands, null for a
     * demand without a departure.
     */
    static Hundredths fill(FillState state, List<Departure> departureList) {
        // an array: the stage reads it in every pass, and a list's get costs its checks each time
        Departure[] departures = departureList.toArray(new Departure[0]);
        // what the budget and the limit-phases leave after other loads and reservations, for the rounding
        double budgetKw = state.budgetLeftKw;
        double[] headroomA = state.headroomA.clone();
        int[] order = laxityOrder(state, departures);
        state.admitFloors(order);
        var rates = new NeededRates(state, departures);
        rates.raise(order);
        // equal filling lifts each demand from its start level; here that is what it already holds
        for (int i = 0; i < state.count; i++) {
            if (state.admitted[i] && state.allocKw[i] > state.floorKw[i]) state.floorKw[i] = state.allocKw[i];
        }
        return new Hundredths(departures, order, rates.atRisk, rates.leftOut, budgetKw, headroomA);
    }

    /**
     * The rounding of the allocation (to 0.01 kW, down) with departures: what rounding takes off each session goes
     * back, in whole hundredths, to the sessions with energy left to take, within the budget, every limit-phase of
     * their path and their cap. Why: while a window binds, the hundredths rounded off a dozen sessions are energy a
     * session that will be short loses for good. First the sessions that will be short (at risk, or left out),
     * least laxity first, up to their cap (at risk) or their needed rate; then the others, least laxity first, each
     * up to its own value rounded up. Sessions without energy left (or without a departure) are rounded as before.
     */
    record Hundredths(Departure[] departures, int[] order, boolean[] atRisk, boolean[] leftOut, double budgetKw,
                      double[] headroomA) {
        /** Rounds {@code state.allocKw} in place, as {@link Allocator#roundDownKw} and then the hundredths handed back. */
        void round(FillState state) {
            double[] kw = state.allocKw;
            double[] upToKw = new double[state.count];
            // the budget and headroom left by the rounded values, counted afresh (the filling stages keep their own books)
            state.budgetLeftKw = budgetKw;
            System.arraycopy(headroomA, 0, state.headroomA, 0, headroomA.length);
            // the rounded values' amperes by draw class, then each class's path once
            double[] classA = new double[state.classCount];
            for (int i = 0; i < state.count; i++) {
                double rounded = Allocator.roundDownKw(kw[i]);
                var departure = departures[i];
                if (departure != null && departure.finite() && state.admitted[i] && kw[i] > 0) {
                    double own = Math.ceil(kw[i] * 100 - 1e-7) / 100;
                    double up = (atRisk[i] || leftOut[i]) ? Math.max(own, Math.min(state.capKw[i], departure.neededKw())) : own;
                    upToKw[i] = Math.min(state.capKw[i], up);
                }
                kw[i] = rounded;
                if (rounded > 0) {
                    state.budgetLeftKw -= rounded;
                    classA[state.drawClass[i]] += rounded * state.ampsPerKw[i];
                }
            }
            for (int c = 0; c < state.classCount; c++) {
                double amps = classA[c];
                if (amps == 0) continue;
                for (int j = state.pathStart[c], end = state.pathStart[c + 1]; j < end; j++) state.headroomA[state.path[j]] -= amps;
            }
            // a class whose path has less than a hundredth left keeps it so: headroom only falls from here on
            boolean[] pathFull = new boolean[state.classCount];
            for (int i : order) if (atRisk[i] || leftOut[i]) handBack(state, i, upToKw[i], pathFull);
            for (int i : order) if (!atRisk[i] && !leftOut[i]) handBack(state, i, upToKw[i], pathFull);
        }

        private static void handBack(FillState state, int i, double upToKw, boolean[] pathFull) {
            double roomKw = Math.min(upToKw - state.allocKw[i], state.budgetLeftKw);
            // nothing to hand back before the path is looked at (its minimum could only lower the room)
            if (hundredthsIn(roomKw) <= 0) return;
            if (state.ampsPerKw[i] > 0) {
                int c = state.drawClass[i];
                if (pathFull[c]) return;
                double pathKw = state.pathHeadroomA(i) / state.ampsPerKw[i];
                if (hundredthsIn(pathKw) <= 0) {
                    pathFull[c] = true; // every member of the class draws at the same amperes per kW on the same path
                    return;
                }
                roomKw = Math.min(roomKw, pathKw);
            }
            long hundredths = hundredthsIn(roomKw);
            if (hundredths <= 0) return;
            double addKw = hundredths / 100.0;
            state.allocKw[i] = Allocator.roundDownKw(state.allocKw[i] + addKw);
            state.budgetLeftKw -= addKw;
            state.draw(i, addKw);
        }

        /** Whole hundredths of a kW in {@code kw} (an exact hundredth computed a little below counts). */
        private static long hundredthsIn(double kw) {
            return (long) Math.floor(kw * 100 + 1e-7);
        }
    }

    /** The needed-rate stage. Constraints are the limit-phases ({@code limit * 3 + phase}) and the budget ({@code tree.size * 3}). */
    private static final class NeededRates {
        private final FillState state;
        private final Departure[] departures;
        private final int budget;
        private final double[] targetKw;
        /** What a kept session takes first while some will be short ({@link #keptKw(Departure, double)}). */
        private final double[] keptKw;
        /** Sessions of the stage: admitted, with a finite laxity; {@code atRisk} among them cannot finish. */
        private final boolean[] inStage;
        private final boolean[] atRisk;
        private final boolean[] leftOut;
        /** Draw classes with a full limit-phase on their path: none of their members can rise any more. */
        private final boolean[] pathFull;

        NeededRates(FillState state, Departure[] departures) {
            this.state = state;
            this.departures = departures;
            budget = state.tree.size * 3;
            targetKw = new double[state.count];
            keptKw = new double[state.count];
            inStage = new boolean[state.count];
            atRisk = new boolean[state.count];
            leftOut = new boolean[state.count];
            pathFull = new boolean[state.classCount];
        }

        void raise(int[] order) {
            boolean anyAtRisk = false;
            // in the demands' order, not by laxity: each departure is read once, where it lies in memory
            for (int i = 0; i < state.count; i++) {
                var departure = departures[i];
                if (departure == null || !departure.finite() || !state.admitted[i]) continue;
                inStage[i] = true;
                targetKw[i] = Math.min(state.capKw[i], departure.neededKw());
                keptKw[i] = keptKw(departure, targetKw[i]);
                // at risk: it cannot finish even at its cap by the time it really leaves (the aimed time, without a margin)
                if (departure.realHoursLeft() > 0 && departure.atRiskReally(state.capKw[i])) atRisk[i] = anyAtRisk = true;
            }
            boolean[] refused = overflowing();
            if (refused != null) leaveOut(refused); // not all fit: choose who is left out
            boolean anyShort = refused != null || anyAtRisk;
            // those kept, least laxity first (everyone, when all fit: the contract's literal order), then those left out;
            // while someone will be short, the kept ones first take only what finishes them by their real departure
            for (int i : order) if (inStage[i] && !atRisk[i] && !leftOut[i]) raiseAsFarAsAllowed(i, anyShort ? keptKw[i] : targetKw[i]);
            if (refused != null) for (int i : order) if (leftOut[i]) raiseAsFarAsAllowed(i, targetKw[i]);
            if (anyAtRisk) for (int i : order) if (atRisk[i]) raiseAsFarAsAllowed(i, targetKw[i]);
            // then their margin (the aimed rate), from what the sessions that will be short could not take
            if (anyShort) for (int i : order) if (inStage[i] && !atRisk[i] && !leftOut[i]) raiseAsFarAsAllowed(i, targetKw[i]);
        }

        /**
         * What a kept session takes before the sessions that will be short: its rate by the real departure when the
         * site aims earlier (the aimed rate otherwise). Why: energy it takes now only to finish some minutes early is
         * energy a session that cannot finish loses, and those last minutes cannot give it back (the session that is
         * short is at its cap by then, and the others are full).
         */
        private static double keptKw(Departure departure, double targetKw) {
            if (!(departure.realHoursLeft() > departure.hoursLeft())) return targetKw;
            return Math.min(targetKw, departure.realNeededKw());
        }

        /**
         * The constraints that cannot carry every needed rate of the sessions that can finish on top of what they
         * carry now (by draw class, then each class's path once), or null when all fit: then the literal order
         * gives everyone its needed rate.
         */
        private boolean[] overflowing() {
            double[] classKw = new double[state.classCount];
            double totalKw = 0;
            for (int i = 0; i < state.count; i++) {
                if (!inStage[i] || atRisk[i]) continue;
                double extraKw = targetKw[i] - state.allocKw[i];
                if (extraKw > 0) {
                    classKw[state.drawClass[i]] += extraKw;
                    totalKw += extraKw;
                }
            }
            boolean[] refused = null;
            if (totalKw > state.budgetLeftKw + FillState.TOLERANCE * Math.max(1, totalKw)) {
                refused = new boolean[budget + 1];
                refused[budget] = true;
            }
            double[] loadA = new double[budget];
            for (int c = 0; c < state.classCount; c++) {
                double amps = classKw[c] * state.classAmpsPerKw[c];
                if (amps == 0) continue;
                for (int j = state.pathStart[c], end = state.pathStart[c + 1]; j < end; j++) loadA[state.path[j]] += amps;
            }
            for (int k = 0; k < budget; k++) {
                if (loadA[k] > state.headroomA[k] + FillState.TOLERANCE * Math.max(1, loadA[k])) {
                    if (refused == null) refused = new boolean[budget + 1];
                    refused[k] = true;
                }
            }
            return refused;
        }

        /** Raises session {@code i} toward {@code toKw} as far as the budget and its path allow. */
        private void raiseAsFarAsAllowed(int i, double toKw) {
            double roomKw = Math.min(toKw - state.allocKw[i], state.budgetLeftKw);
            if (!(roomKw > 0)) return; // the path cannot make it more (once the budget is spent, most return here)
            if (state.ampsPerKw[i] > 0) {
                int c = state.drawClass[i];
                if (pathFull[c]) return;
                double pathKw = state.pathHeadroomA(i) / state.ampsPerKw[i];
                if (!(pathKw > 0)) {
                    pathFull[c] = true; // its members share the path and the amperes per kW; headroom only falls here
                    return;
                }
                roomKw = Math.min(roomKw, pathKw);
            }
            state.allocKw[i] += roomKw;
            state.budgetLeftKw -= roomKw;
            state.draw(i, roomKw);
        }

        /**
         * Moore–Hodgson on each overflowing constraint in turn: its members (sessions of the stage that can finish,
         * with time left, not left out yet) by departure; while the energy due by a member's departure beyond
         * the floors exceeds what the constraint has left after the floors, at its present rate, by then, the
         * member with the most such energy (ampere-hours on a limit-phase) is left out. The sessions are sorted
         * by departure once and dealt out to the constraints on their paths in that order.
         */
        private void leaveOut(boolean[] refused) {
            int n = state.count;
            double[] hours = new double[n];
            // what each needs beyond its floor by its departure, which it keeps whether left out or not
            double[] excessKwh = new double[n];
            int[] eligible = new int[n];
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (!inStage[i] || atRisk[i]) continue;
                var departure = departures[i];
                double left = departure.realHoursLeft();
                if (!(left > 0)) continue;
                hours[i] = left;
                excessKwh[i] = Math.max(0, departure.remainingKwh() - state.allocKw[i] * left);
                eligible[count++] = i;
            }
            if (count == 0) return;
            int[] byDeparture = KeyOrder.byKey(hours, eligible, count, n);
            // from here on a session is its rank by departure: each constraint reads its members' figures in that
            // order, from arrays by rank (by session they were reads all over the memory); ranks of a class ascend
            double[] rankHours = new double[count];
            double[] rankKwh = new double[count]; // on the budget
            double[] rankAh = new double[count]; // on a limit-phase
            int[] rankClass = new int[count];
            boolean[] out = new boolean[count];
            int classes = state.classCount;
            int[] perClass = new int[classes];
            for (int j = 0; j < count; j++) {
                int i = byDeparture[j];
                rankHours[j] = hours[i];
                rankKwh[j] = excessKwh[i];
                rankAh[j] = state.ampsPerKw[i] * excessKwh[i];
                perClass[rankClass[j] = state.drawClass[i]]++;
            }
            // each constraint's members counted by draw class (sessions of a class share its path), then laid out
            int[] start = new int[budget + 1];
            // the refused limit-phases of each class's path, in path order
            int[] refusedStart = new int[classes + 1];
            for (int c = 0; c < classes; c++) {
                int onPath = 0;
                if (perClass[c] > 0) {
                    for (int k = state.pathStart[c], end = state.pathStart[c + 1]; k < end; k++) {
                        if (refused[state.path[k]]) {
                            onPath++;
                            start[state.path[k] + 1] += perClass[c];
                        }
                    }
                }
                refusedStart[c + 1] = refusedStart[c] + onPath;
            }
            int[] refusedOnPath = new int[refusedStart[classes]];
            for (int c = 0, r = 0; c < classes; c++) {
                if (perClass[c] == 0) continue;
                for (int k = state.pathStart[c], end = state.pathStart[c + 1]; k < end; k++) {
                    if (refused[state.path[k]]) refusedOnPath[r++] = state.path[k];
                }
            }
            for (int k = 0; k < budget; k++) start[k + 1] += start[k];
            int[] members = new int[start[budget]];
            int[] at = Arrays.copyOf(start, budget);
            for (int j = 0; j < count; j++) {
                int c = rankClass[j];
                for (int r = refusedStart[c], end = refusedStart[c + 1]; r < end; r++) members[at[refusedOnPath[r]]++] = j;
            }
            int[] allRanks = null;
            var largest = new TakeHeap(count);
            for (int k = 0; k <= budget; k++) {
                if (!refused[k]) continue;
                boolean onBudget = k == budget;
                int[] list = members;
                int from;
                int to;
                if (onBudget) {
                    allRanks = new int[count];
                    for (int j = 0; j < count; j++) allRanks[j] = j;
                    list = allRanks;
                    from = 0;
                    to = count;
                } else {
                    from = start[k];
                    to = start[k + 1];
                }
                double[] energy = onBudget ? rankKwh : rankAh;
                double capacity = onBudget ? state.budgetLeftKw : state.headroomA[k];
                if (carries(list, from, to, capacity, rankHours, energy, out)) continue; // nobody to leave out here
                largest.clear();
                double due = 0;
                for (int m = from; m < to; m++) {
                    int j = list[m];
                    if (out[j]) continue;
                    due += energy[j];
                    largest.push(j, energy[j]);
                    double carried = capacity * rankHours[j];
                    while (due > carried + FillState.TOLERANCE * Math.max(1, carried) && largest.size() > 0) {
                        int left = largest.top();
                        due -= largest.topKey();
                        largest.pop();
                        out[left] = true;
                    }
                }
            }
            for (int j = 0; j < count; j++) if (out[j]) leftOut[byDeparture[j]] = true;
        }

        /** Whether the constraint finishes every member not left out yet (the check above, without a heap). */
        private static boolean carries(int[] list, int from, int to, double capacity, double[] hours, double[] energy,
                                       boolean[] out) {
            double due = 0;
            for (int m = from; m < to; m++) {
                int j = list[m];
                if (out[j]) continue;
                due += energy[j];
                double carried = capacity * hours[j];
                if (due > carried + FillState.TOLERANCE * Math.max(1, carried)) return false;
            }
            return true;
        }

    }

    /** A binary max-heap of sessions by a key. */
    private static final class TakeHeap {
        private final int[] items;
        private final double[] keys;
        private int size;

        TakeHeap(int capacity) {
            items = new int[capacity];
            keys = new double[capacity];
        }

        int size() { return size; }

        void clear() { size = 0; }

        int top() { return items[0]; }

        double topKey() { return keys[0]; }

        void push(int item, double key) {
            int at = size++;
            while (at > 0) {
                int up = (at - 1) >>> 1;
                if (keys[up] >= key) break;
                items[at] = items[up];
                keys[at] = keys[up];
                at = up;
            }
            items[at] = item;
            keys[at] = key;
        }

        void pop() {
            size--;
            if (size == 0) return;
            int item = items[size];
            double key = keys[size];
            int at = 0;
            while (true) {
                int child = 2 * at + 1;
                if (child >= size) break;
                if (child + 1 < size && keys[child + 1] > keys[child]) child++;
                if (keys[child] <= key) break;
                items[at] = items[child];
                keys[at] = keys[child];
                at = child;
            }
            items[at] = item;
            keys[at] = key;
        }
    }

    /**
     * Indices by ascending laxity, ties (and every infinite laxity) in the order given. Keys are made
     * non-negative for {@link KeyOrder}: negative laxities are sorted apart by their magnitude, fed in
     * reverse and read back reversed, so that their ties too stay in the order given.
     */
    static int[] laxityOrder(FillState state, Departure[] departures) {
        int n = state.count;
        double[] key = new double[n];
        double[] laxity = new double[n];
        int[] negative = new int[n];
        int[] rest = new int[n];
        int negatives = 0;
        int others = 0;
        for (int i = 0; i < n; i++) {
            var departure = departures[i];
            laxity[i] = departure == null ? Double.POSITIVE_INFINITY : departure.laxityHours(state.capKw[i]);
        }
        for (int i = n - 1; i >= 0; i--) {
            if (laxity[i] < 0) {
                key[i] = -laxity[i];
                negative[negatives++] = i;
            }
        }
        for (int i = 0; i < n; i++) {
            if (!(laxity[i] < 0)) {
                key[i] = laxity[i] + 0.0;
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
