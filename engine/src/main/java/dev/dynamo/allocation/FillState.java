package dev.dynamo.allocation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * The working arrays of one decision: each demand's draw, its allocation so far, and what is left of the
 * budget and of every limit-phase. A limit-phase is {@code limit * 3 + phase ordinal}.
 *
 * <p>Demands that draw alike — the same innermost limit, phases and amperes per kW — form one <em>draw
 * class</em> and share its path of limit-phases. Why: a site has far fewer classes than chargers (a few per
 * circuit), so paths are built once per class, stay small enough for the first-level cache, and a full
 * limit-phase stops a whole class at once instead of charger by charger.
 */
final class FillState {
    /** Slack for comparisons of sums that are equal in exact arithmetic (4.2 + 4.2 + 4.2 vs 12.6). */
    static final double TOLERANCE = 1e-9;

    /** Why a demand stopped rising ({@link LimitedBy}); {@code STOPPED_LIMIT} names its limit-phase in {@link #stoppedAt}. */
    static final byte STOPPED_CAP = 1;
    static final byte STOPPED_BUDGET = 2;
    static final byte STOPPED_LIMIT = 3;
    static final byte STOPPED_FLOOR = 4;

    final LimitTree tree;
    final int count;
    final double[] capKw;
    final double[] floorKw;
    final double[] ampsPerKw;
    /** The draw class of each demand. */
    final int[] drawClass;
    final int classCount;
    final int[] classMask;
    final int[] classLeaf;
    final double[] classAmpsPerKw;
    /** The limit-phases class {@code c} draws on, innermost first: {@code path[pathStart[c] .. pathStart[c + 1])}. */
    final int[] pathStart;
    final int[] path;
    final boolean[] admitted;
    final double[] allocKw;
    final double[] headroomA;
    final byte[] stoppedBy;
    final int[] stoppedAt;
    double budgetLeftKw;

    FillState(LimitTree tree, List<Demand> demands, double budgetKw) {
        this.tree = tree;
        count = demands.size();
        capKw = new double[count];
        floorKw = new double[count];
        ampsPerKw = new double[count];
        drawClass = new int[count];
        admitted = new boolean[count];
        allocKw = new double[count];
        stoppedBy = new byte[count];
        stoppedAt = new int[count];
        headroomA = new double[tree.size * 3];
        for (int l = 0; l < tree.size; l++) {
            headroomA[l * 3] = headroomA[l * 3 + 1] = headroomA[l * 3 + 2] = tree.maxCurrentA[l];
        }
        budgetLeftKw = budgetKw;

        // a class per (innermost limit, phase mask), and for the rare demand of another voltage one more;
        // classBySlot holds the class plus one (0: none yet)
        int[] classBySlot = new int[(tree.size + 1) * 8];
        HashMap<String, Integer> otherVoltages = null;
        int[] masks = new int[16];
        int[] leaves = new int[16];
        double[] amps = new double[16];
        int classes = 0;
        // most demands share a handful of (phases, voltage) pairs: remember the last one's amperes per kW
        int lastPhases = 0;
        double lastVoltageV = Double.NaN;
        double lastAmpsPerKw = 0;
        for (int i = 0; i < count; i++) {
            var demand = demands.get(i);
            double cap = demand.capKw();
            double floor = demand.floorKw();
            if (!(cap >= 0) || Double.isInfinite(cap) || !(floor >= 0) || floor > cap) {
                throw new IllegalArgumentException("demand " + demand.chargePointId()
                        + ": needs 0 <= floorKw <= capKw, finite; was floor " + floor + ", cap " + cap);
            }
            capKw[i] = cap + 0.0; // + 0.0 turns -0.0 into 0.0, which the key sort relies on
            floorKw[i] = floor + 0.0;
            int phases = demand.phasesInUse();
            double voltageV = demand.voltageV();
            if (phases != lastPhases || voltageV != lastVoltageV) {
                lastAmpsPerKw = PhaseCurrent.ampsPerKw(phases, voltageV);
                lastPhases = phases;
                lastVoltageV = voltageV;
            }
            double ampsPerKwHere = lastAmpsPerKw;
            ampsPerKw[i] = ampsPerKwHere;
            int mask = mask(phases, demand.phase(), demand.chargePointId());
            int leaf = tree.indexOf(demand.limitId());
            int slot = (leaf + 1) * 8 + mask;
            int c = classBySlot[slot] - 1;
            if (c >= 0 && amps[c] != ampsPerKwHere) {
                if (otherVoltages == null) otherVoltages = new HashMap<>();
                String key = slot + "/" + Double.doubleToLongBits(ampsPerKwHere);
                Integer other = otherVoltages.get(key);
                if (other != null) {
                    c = other;
                } else {
                    c = -1;
                    otherVoltages.put(key, classes);
                }
            }
            if (c < 0) {
                if (classes == masks.length) {
                    masks = Arrays.copyOf(masks, classes * 2);
                    leaves = Arrays.copyOf(leaves, classes * 2);
                    amps = Arrays.copyOf(amps, classes * 2);
                }
                c = classes++;
                if (classBySlot[slot] == 0) classBySlot[slot] = c + 1;
                masks[c] = mask;
                leaves[c] = leaf;
                amps[c] = ampsPerKwHere;
            }
            drawClass[i] = c;
        }
        classCount = classes;
        classMask = masks;
        classLeaf = leaves;
        classAmpsPerKw = amps;
        pathStart = new int[classes + 1];
        for (int c = 0; c < classes; c++) {
            int leaf = leaves[c];
            pathStart[c + 1] = pathStart[c] + (leaf < 0 ? 0 : (tree.depth[leaf] + 1) * Integer.bitCount(masks[c]));
        }
        path = new int[pathStart[classes]];
        for (int c = 0; c < classes; c++) {
            int at = pathStart[c];
            for (int l = leaves[c]; l >= 0; l = tree.parent[l]) {
                for (int p = 0; p < 3; p++) {
                    if ((masks[c] & (1 << p)) != 0) path[at++] = l * 3 + p;
                }
            }
        }
    }

    static int mask(int phasesInUse, Phase phase, String chargePointId) {
        if (phasesInUse == 3) return 0b111;
        if (phase == null) throw new IllegalArgumentException(chargePointId + ": a 1-phase draw needs its phase");
        return 1 << phase.ordinal();
    }

    /** Takes {@code kw} at {@code ampsPerKw} on the phases of {@code mask} of every limit from {@code leaf} up. */
    void draw(int leaf, int mask, double ampsPerKw, double kw) {
        double amps = kw * ampsPerKw;
        for (int l = leaf; l >= 0; l = tree.parent[l]) {
            for (int p = 0; p < 3; p++) {
                if ((mask & (1 << p)) != 0) headroomA[l * 3 + p] -= amps;
            }
        }
    }

    /** Takes {@code kw} of demand {@code i} off every limit-phase it draws on. */
    void draw(int i, double kw) {
        double amps = kw * ampsPerKw[i];
        int c = drawClass[i];
        for (int j = pathStart[c], end = pathStart[c + 1]; j < end; j++) headroomA[path[j]] -= amps;
    }

    /** The least headroom, in amperes, of the limit-phases demand {@code i} draws on (infinite without limits). */
    double pathHeadroomA(int i) {
        double leastA = Double.POSITIVE_INFINITY;
        int c = drawClass[i];
        for (int j = pathStart[c], end = pathStart[c + 1]; j < end; j++) {
            double headroom = headroomA[path[j]];
            if (headroom < leastA) leastA = headroom; // not Math.min: no NaN here, and its NaN care costs
        }
        return leastA;
    }

    /** Records why demand {@code i} stops at {@code allocKw}: its cap when it is there, else {@code why}. */
    void stop(int i, double allocKw, byte why, int limitPhase) {
        if (capKw[i] - allocKw <= 10 * TOLERANCE * Math.max(1, capKw[i])) { // at its cap, but for sums' rounding
            stoppedBy[i] = STOPPED_CAP;
        } else {
            stoppedBy[i] = why;
            stoppedAt[i] = limitPhase;
        }
    }

    /** The full limit-phase of demand {@code i}'s path with the least headroom (the innermost on a tie), or -1. */
    int fullestOnPath(int i) {
        int fullest = -1;
        double leastA = Double.POSITIVE_INFINITY;
        int c = drawClass[i];
        for (int j = pathStart[c], end = pathStart[c + 1]; j < end; j++) {
            if (headroomA[path[j]] < leastA) {
                leastA = headroomA[path[j]];
                fullest = path[j];
            }
        }
        return fullest;
    }

    /** Rule 5: floors one at a time in admission order, first fit on the budget and every limit-phase. */
    void admitFloors() {
        for (int i = 0; i < count; i++) admitFloor(i);
    }

    /** Rule 5 with the order given (contract 10: ascending laxity). */
    void admitFloors(int[] order) {
        for (int i : order) admitFloor(i);
    }

    private void admitFloor(int i) {
        double floor = floorKw[i];
        if (floor == 0) {
            admitted[i] = true;
            return;
        }
        double needA = floor * ampsPerKw[i];
        int c = drawClass[i];
        int from = pathStart[c];
        int end = pathStart[c + 1];
        // every limit-phase checked without a branch each (which one is short is unpredictable): a third
        // of the time of a minimum taken first
        boolean fits = !(floor > budgetLeftKw + TOLERANCE);
        for (int j = from; j < end; j++) fits &= !(needA > headroomA[path[j]] + TOLERANCE);
        if (!fits) {
            stoppedBy[i] = STOPPED_FLOOR;
            return;
        }
        admitted[i] = true;
        allocKw[i] = floor;
        budgetLeftKw -= floor;
        for (int j = from; j < end; j++) headroomA[path[j]] -= needA;
    }
}
