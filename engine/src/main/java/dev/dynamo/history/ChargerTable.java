package dev.dynamo.history;

import dev.dynamo.history.HistoryReport.ChargerBucket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Per-charger sums of the bucket being built, in arrays indexed by a number given to each charger
 * the first time it is seen: the sweep adds to them millions of times, so no map lookups there.
 */
final class ChargerTable {
    private final Map<String, Integer> indexes = new HashMap<>();
    private final List<String> ids = new ArrayList<>();
    /** Indexes in charge point id order; rebuilt when a charger is first seen. */
    private int[] idOrder = new int[0];
    private double[] kwMs = new double[0];
    private double[] maxKw = new double[0];
    private boolean[] seen = new boolean[0];
    private boolean anySeen;

    int indexOf(String chargePointId) {
        var index = indexes.get(chargePointId);
        if (index != null) return index;
        var added = ids.size();
        indexes.put(chargePointId, added);
        ids.add(chargePointId);
        kwMs = Arrays.copyOf(kwMs, added + 1);
        maxKw = Arrays.copyOf(maxKw, added + 1);
        seen = Arrays.copyOf(seen, added + 1);
        idOrder = IntStream.range(0, ids.size()).boxed()
                .sorted(Comparator.comparing(ids::get)).mapToInt(Integer::intValue).toArray();
        return added;
    }

    void add(int index, double kw, long durationMs) {
        kwMs[index] += kw * durationMs;
        if (kw > maxKw[index]) maxKw[index] = kw;
        seen[index] = true;
        anySeen = true;
    }

    /** Every charger that had power in the bucket, by id, averaged over {@code partMs}. */
    List<ChargerBucket> bucketsAveragedOver(long partMs) {
        if (!anySeen) return List.of();
        var buckets = new ArrayList<ChargerBucket>();
        for (var index : idOrder) {
            if (seen[index]) {
                buckets.add(new ChargerBucket(ids.get(index),
                        BucketSweep.roundKw(kwMs[index] / partMs), BucketSweep.roundKw(maxKw[index])));
            }
        }
        return buckets;
    }

    void reset() {
        if (!anySeen) return;
        Arrays.fill(kwMs, 0);
        Arrays.fill(maxKw, 0);
        Arrays.fill(seen, false);
        anySeen = false;
    }
}
