package dev.dynamo.history;

import dev.dynamo.history.HistoryReport.Bucket;
import dev.dynamo.history.HistoryReport.ChargerBucket;
import dev.dynamo.store.AllocationView;
import dev.dynamo.store.DecisionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Integrates the allocation step function into buckets in one pass: feed it the decision in force at
 * {@code from}, then the decisions of {@code [from, end)} oldest first. Each decision holds until the
 * next; only stretches of positive length count towards maxima and charger membership, so a decision
 * overtaken in the same millisecond is counted but never "in force".
 */
final class BucketSweep {
    private final Interval interval;
    private final long fromMs;
    private final long toMs;
    /** min(to, now): beyond it nothing is known yet. */
    private final long endMs;
    private final long lengthMs;
    private final long firstStartMs;
    private final long bucketCount;
    private final List<Bucket> buckets = new ArrayList<>();

    private double budgetKw;
    private double totalKw;
    private final ChargerTable chargers = new ChargerTable();
    /** The chargers with power in the decision in force, as table indexes, and their power. */
    private int[] activeIndexes = new int[0];
    private double[] activeKw = new double[0];
    private int activeCount;
    private String[] idsByPosition = new String[0];
    private int[] indexesByPosition = new int[0];

    private long cursorMs;
    private long bucketIndex;
    private double budgetKwMs;
    private double totalKwMs;
    private double maxTotalKw;
    private int decisions;

    BucketSweep(Instant from, Instant to, Interval interval, Instant now) {
        this.interval = interval;
        this.fromMs = from.toEpochMilli();
        this.toMs = to.toEpochMilli();
        this.endMs = Math.max(fromMs, Math.min(toMs, now.toEpochMilli()));
        this.lengthMs = interval.lengthMs();
        this.firstStartMs = Math.floorDiv(fromMs, lengthMs) * lengthMs;
        this.bucketCount = HistoryParams.bucketCount(from, to, interval);
        this.cursorMs = fromMs;
    }

    /** Where the decisions to feed end: min(to, now), never before {@code from}. */
    Instant dataEnd() {
        return Instant.ofEpochMilli(endMs);
    }

    /** The decision in force at {@code from}, or none: the site had not decided anything yet. */
    void startWith(DecisionRecord inForce) {
        apply(inForce.totalBudgetKw(), inForce.totalAllocatedKw(), AllocationView.of(inForce.allocations()));
    }

    void accept(DecisionRecord decision) {
        accept(decision.decidedAt().toEpochMilli(), decision.totalBudgetKw(), decision.totalAllocatedKw(),
                AllocationView.of(decision.allocations()));
    }

    void accept(long decidedAtMs, double totalBudgetKw, double totalAllocatedKw, AllocationView allocations) {
        if (decidedAtMs < cursorMs || decidedAtMs >= endMs) {
            throw new IllegalArgumentException("decision at " + Instant.ofEpochMilli(decidedAtMs) + " out of order or range");
        }
        advanceTo(decidedAtMs);
        decisions++;
        apply(totalBudgetKw, totalAllocatedKw, allocations);
    }

    HistoryReport finish() {
        advanceTo(endMs);
        while (bucketIndex < bucketCount) closeBucket();
        return new HistoryReport(Instant.ofEpochMilli(fromMs), Instant.ofEpochMilli(toMs), interval, buckets);
    }

    private void apply(double totalBudgetKw, double totalAllocatedKw, AllocationView allocations) {
        budgetKw = totalBudgetKw;
        totalKw = totalAllocatedKw;
        var size = allocations.size();
        if (activeIndexes.length < size) {
            activeIndexes = new int[size];
            activeKw = new double[size];
        }
        activeCount = 0;
        for (var i = 0; i < size; i++) {
            var kw = allocations.allocatedKw(i);
            if (kw <= 0) continue;
            activeIndexes[activeCount] = indexAt(i, allocations.chargePointId(i));
            activeKw[activeCount++] = kw;
        }
    }

    /**
     * The table index of a charger, remembered by position: decisions usually list the same chargers in
     * the same order (and the store hands out the same String), which spares a map lookup per entry.
     */
    private int indexAt(int position, String chargePointId) {
        if (position >= idsByPosition.length) {
            idsByPosition = Arrays.copyOf(idsByPosition, position + 16);
            indexesByPosition = Arrays.copyOf(indexesByPosition, position + 16);
        }
        if (idsByPosition[position] != chargePointId) {
            idsByPosition[position] = chargePointId;
            indexesByPosition[position] = chargers.indexOf(chargePointId);
        }
        return indexesByPosition[position];
    }

    private void advanceTo(long atMs) {
        while (cursorMs < atMs) {
            var bucketEndMs = bucketStartMs(bucketIndex) + lengthMs;
            var stepEndMs = Math.min(atMs, bucketEndMs);
            integrate(stepEndMs - cursorMs);
            cursorMs = stepEndMs;
            if (cursorMs == bucketEndMs) closeBucket();
        }
    }

    private void integrate(long durationMs) {
        budgetKwMs += budgetKw * durationMs;
        totalKwMs += totalKw * durationMs;
        maxTotalKw = Math.max(maxTotalKw, totalKw);
        for (var i = 0; i < activeCount; i++) chargers.add(activeIndexes[i], activeKw[i], durationMs);
    }

    private void closeBucket() {
        var startMs = bucketStartMs(bucketIndex);
        var partMs = Math.min(startMs + lengthMs, endMs) - Math.max(startMs, fromMs);
        List<ChargerBucket> chargerBuckets = partMs > 0 ? chargers.bucketsAveragedOver(partMs) : List.of();
        chargers.reset();
        buckets.add(new Bucket(Instant.ofEpochMilli(startMs), Instant.ofEpochMilli(startMs + lengthMs),
                partMs > 0 ? roundKw(budgetKwMs / partMs) : 0, partMs > 0 ? roundKw(totalKwMs / partMs) : 0,
                roundKw(maxTotalKw), decisions, chargerBuckets));
        bucketIndex++;
        budgetKwMs = 0;
        totalKwMs = 0;
        maxTotalKw = 0;
        decisions = 0;
    }

    private long bucketStartMs(long index) {
        return firstStartMs + index * lengthMs;
    }

    static double roundKw(double kw) {
        return Math.round(kw * 1000) / 1000.0;
    }
}
