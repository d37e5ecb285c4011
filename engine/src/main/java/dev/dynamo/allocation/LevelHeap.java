package dev.dynamo.allocation;

/** An indexed binary min-heap of limit-phases keyed by the level at which they saturate. */
final class LevelHeap {
    private final int[] heap;
    /** Where each item sits in the heap, plus one: 0 for an item not in it (no fill needed). */
    private final int[] position;
    private final double[] level;
    private int size;

    LevelHeap(int capacity) {
        heap = new int[capacity];
        position = new int[capacity];
        level = new double[capacity];
    }

    int top() { return heap[0]; }

    double topLevel() { return size == 0 ? Double.POSITIVE_INFINITY : level[heap[0]]; }

    /** Inserts {@code item} or moves it to its new level, up or down. */
    void set(int item, double newLevel) {
        int at = position[item] - 1;
        if (at < 0) {
            level[item] = newLevel;
            heap[size] = item;
            position[item] = size + 1;
            siftUp(size++);
            return;
        }
        double old = level[item];
        level[item] = newLevel;
        if (newLevel < old) siftUp(at); else siftDown(at);
    }

    void removeTop() {
        int item = heap[0];
        position[item] = 0;
        size--;
        if (size > 0) {
            heap[0] = heap[size];
            position[heap[0]] = 1;
            siftDown(0);
        }
    }

    private void siftUp(int at) {
        int item = heap[at];
        double key = level[item];
        while (at > 0) {
            int up = (at - 1) >>> 1;
            if (level[heap[up]] <= key) break;
            heap[at] = heap[up];
            position[heap[at]] = at + 1;
            at = up;
        }
        heap[at] = item;
        position[item] = at + 1;
    }

    private void siftDown(int at) {
        int item = heap[at];
        double key = level[item];
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) break;
            if (child + 1 < size && level[heap[child + 1]] < level[heap[child]]) child++;
            if (level[heap[child]] >= key) break;
            heap[at] = heap[child];
            position[heap[at]] = at + 1;
            at = child;
        }
        heap[at] = item;
        position[item] = at + 1;
    }
}
