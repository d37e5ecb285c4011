package dev.dynamo.allocation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    private final Map<String, Integer> indexById;

    private LimitTree(List<Limit> limits) {
        size = limits.size();
        ids = new String[size];
        parent = new int[size];
        maxCurrentA = new double[size];
        enter = new int[size];
        exit = new int[size];
        depth = new int[size];
        indexById = HashMap.newHashMap(size);
        for (int l = 0; l < size; l++) {
            var limit = limits.get(l);
            if (limit.id() == null) throw new IllegalArgumentException("limit without id");
            if (!(limit.maxCurrentA() > 0) || Double.isInfinite(limit.maxCurrentA())) {
                throw new IllegalArgumentException("limit " + limit.id() + ": maxCurrentA must be > 0");
            }
            if (indexById.putIfAbsent(limit.id(), l) != null) {
                throw new IllegalArgumentException("duplicate limit id " + limit.id());
            }
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

    /** The index of a limit, or -1 for null (no limit). */
    int indexOf(String id) {
        if (id == null) return -1;
        var index = indexById.get(id);
        if (index == null) throw new IllegalArgumentException("unknown limit " + id);
        return index;
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
