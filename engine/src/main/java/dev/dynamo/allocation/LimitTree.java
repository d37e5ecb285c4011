package dev.dynamo.allocation;

import java.util.Arrays;
import java.util.List;

/**
 * The limits as arrays: index, parent index (-1 for a root) and a depth-first tour, so that the
 * subtree of limit {@code l} is the tour range {@code [enter[l], exit[l])}.
 */
final class LimitTree {
    final int size;
    final String[] ids;
    final int[] parent;
    final double[] maxCurrentA;
    final int[] enter;
    final int[] exit;
    /** Number of ancestors: 0 for a root. */
    final int[] depth;
    /** Open addressing on the ids' hash codes: {@code slotIds[s]} holds the id of limit {@code slotIndex[s]}. */
    private final String[] slotIds;
    private final int[] slotIndex;
    private final int slotShift;
    /**
     * Per home slot, the last id instance looked up there and its index: demands of one circuit usually share
     * one {@code String}, so a lookup is then one identity check instead of a probe and an {@code equals}.
     */
    private final String[] seenIds;
    private final int[] seenIndex;

    private LimitTree(List<Limit> limits) {
        size = limits.size();
        ids = new String[size];
        parent = new int[size];
        maxCurrentA = new double[size];
        enter = new int[size];
        exit = new int[size];
        depth = new int[size];
        int slotBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, size) * 4 - 1); // a quarter full at most
        int slots = 1 << slotBits;
        slotIds = new String[slots];
        slotIndex = new int[slots];
        slotShift = 32 - slotBits;
        seenIds = new String[slots];
        seenIndex = new int[slots];
        for (int l = 0; l < size; l++) {
            var limit = limits.get(l);
            if (limit.id() == null) throw new IllegalArgumentException("limit without id");
            if (!(limit.maxCurrentA() > 0) || Double.isInfinite(limit.maxCurrentA())) {
                throw new IllegalArgumentException("limit " + limit.id() + ": maxCurrentA must be > 0");
            }
            int slot = slotOf(limit.id());
            if (slotIds[slot] != null) throw new IllegalArgumentException("duplicate limit id " + limit.id());
            slotIds[slot] = limit.id();
            slotIndex[slot] = l;
            ids[l] = limit.id();
            maxCurrentA[l] = limit.maxCurrentA();
        }
        for (int l = 0; l < size; l++) {
            var parentId = limits.get(l).parentId();
            parent[l] = parentId == null ? -1 : indexOf(parentId);
        }
        tour();
    }

    static LimitTree of(List<Limit> limits) {
        return new LimitTree(limits);
    }

    /**
     * The index of a limit, or -1 for null (no limit). Why not a HashMap: this runs once per demand, and the
     * boxed index and the node behind each entry were a fifth of a 10,000-charger rebalance under circuits.
     */
    int indexOf(String id) {
        if (id == null) return -1;
        int home = homeSlot(id);
        if (seenIds[home] == id) return seenIndex[home];
        int slot = slotOf(id, home);
        if (slotIds[slot] == null) throw new IllegalArgumentException("unknown limit " + id);
        seenIds[home] = id;
        seenIndex[home] = slotIndex[slot];
        return slotIndex[slot];
    }

    // Fibonacci hashing: ids like "row-3-12" and "row-3-13" have neighbouring hash codes, which plain masking
    // puts in neighbouring slots (long probe runs)
    private int homeSlot(String id) {
        return (id.hashCode() * 0x9E3779B9) >>> slotShift;
    }

    // the slot holding id, or the empty slot where it would go (linear probing)
    private int slotOf(String id) {
        return slotOf(id, homeSlot(id));
    }

    private int slotOf(String id, int home) {
        int mask = slotIds.length - 1;
        for (int slot = home; ; slot = (slot + 1) & mask) {
            String held = slotIds[slot];
            if (held == null || held == id || held.equals(id)) return slot;
        }
    }

    // Iterative depth-first tour from the roots; a limit never reached sits on a cycle.
    private void tour() {
        int[] childCount = new int[size + 1];
        for (int l = 0; l < size; l++) childCount[parent[l] + 1]++;
        int[] firstChild = new int[size + 2];
        for (int p = 0; p <= size; p++) firstChild[p + 1] = firstChild[p] + childCount[p];
        int[] children = new int[size];
        int[] fill = Arrays.copyOf(firstChild, size + 1);
        for (int l = 0; l < size; l++) children[fill[parent[l] + 1]++] = l;

        Arrays.fill(enter, -1);
        int[] stack = new int[size];
        int[] nextChild = new int[size];
        int time = 0;
        for (int r = firstChild[0]; r < firstChild[1]; r++) {
            int top = 0;
            stack[top++] = children[r];
            enter[children[r]] = time++;
            nextChild[children[r]] = firstChild[children[r] + 1];
            while (top > 0) {
                int l = stack[top - 1];
                if (nextChild[l] < firstChild[l + 2]) {
                    int c = children[nextChild[l]++];
                    enter[c] = time++;
                    depth[c] = depth[l] + 1;
                    nextChild[c] = firstChild[c + 1];
                    stack[top++] = c;
                } else {
                    exit[l] = time;
                    top--;
                }
            }
        }
        for (int l = 0; l < size; l++) {
            if (enter[l] < 0) throw new IllegalArgumentException("limit " + ids[l] + " is on a cycle");
        }
    }
}
