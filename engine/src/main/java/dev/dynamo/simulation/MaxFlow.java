package dev.dynamo.simulation;

import java.util.Arrays;

/**
 * Maximum flow with real capacities (Dinic's algorithm: BFS levels, then blocking flows by DFS).
 * For the upper bound on a site without current limits, where the linear program is a transportation
 * problem: source → vehicle (energy needed) → slot (cap × presence) → sink (budget).
 */
final class MaxFlow {
    private static final double EPSILON = 1e-12;
    private final int nodes;
    private int[] head;
    private int[] next = new int[16];
    private int[] to = new int[16];
    private double[] capacity = new double[16];
    private int edges;
    private int[] level;
    private int[] cursor;
    private int[] path;

    MaxFlow(int nodes) {
        this.nodes = nodes;
        this.head = new int[nodes];
        Arrays.fill(head, -1);
    }

    void addEdge(int from, int target, double cap) {
        if (edges + 2 > to.length) {
            next = Arrays.copyOf(next, to.length * 2);
            capacity = Arrays.copyOf(capacity, to.length * 2);
            to = Arrays.copyOf(to, to.length * 2);
        }
        add(from, target, cap);
        add(target, from, 0);
    }

    private void add(int from, int target, double cap) {
        to[edges] = target;
        capacity[edges] = cap;
        next[edges] = head[from];
        head[from] = edges++;
    }

    double solve(int source, int sink) {
        var total = 0.0;
        level = new int[nodes];
        cursor = new int[nodes];
        path = new int[nodes];
        var queue = new int[nodes];
        while (levels(source, sink, queue)) {
            System.arraycopy(head, 0, cursor, 0, nodes);
            for (var pushed = push(source, sink, Double.POSITIVE_INFINITY); pushed > EPSILON;
                 pushed = push(source, sink, Double.POSITIVE_INFINITY))
                total += pushed;
        }
        return total;
    }

    private boolean levels(int source, int sink, int[] queue) {
        Arrays.fill(level, -1);
        level[source] = 0;
        int first = 0, last = 0;
        queue[last++] = source;
        while (first < last) {
            var node = queue[first++];
            for (var e = head[node]; e >= 0; e = next[e]) {
                if (capacity[e] > EPSILON && level[to[e]] < 0) {
                    level[to[e]] = level[node] + 1;
                    queue[last++] = to[e];
                }
            }
        }
        return level[sink] >= 0;
    }

    /** One augmenting path along increasing levels (iterative, so long paths cannot overflow the stack). */
    private double push(int source, int sink, double limit) {
        var depth = 0;
        var node = source;
        while (true) {
            if (node == sink) {
                var flow = limit;
                for (int i = 0; i < depth; i++) flow = Math.min(flow, capacity[path[i]]);
                for (int i = 0; i < depth; i++) {
                    capacity[path[i]] -= flow;
                    capacity[path[i] ^ 1] += flow;
                }
                return flow;
            }
            var e = cursor[node];
            while (e >= 0 && !(capacity[e] > EPSILON && level[to[e]] == level[node] + 1)) e = next[e];
            cursor[node] = e;
            if (e >= 0) {
                path[depth++] = e;
                node = to[e];
            } else {
                if (depth == 0) return 0;
                level[node] = -1; // a dead end: never try it again in this phase
                node = to[path[--depth] ^ 1];
                cursor[node] = next[cursor[node]];
            }
        }
    }
}
