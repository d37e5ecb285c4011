package dev.dynamo.history;

import dev.dynamo.history.HistoryReport.Bucket;
import dev.dynamo.history.HistoryReport.ChargerBucket;
import dev.dynamo.store.DecisionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    private String[] chargerIds = new String[0];
    private double[] chargerKw = new double[0];

    private long cursorMs;
    private long bucketIndex;
    private double budgetKwMs;
    private double totalKwMs;
    private double maxTotalKw;
    private int decisions;
    private final Map<String, ChargerSum> chargerSums = new HashMap<>();

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
        apply(inForce);
    }

    void accept(DecisionRecord decision) {
        var atMs = decision.decidedAt().toEpochMilli();
        if (atMs < cursorMs || atMs >= endMs) {
            throw new IllegalArgumentException("decision at " + decision.decidedAt() + " out of order or range");
        }
        advanceTo(atMs);
        decisions++;
        apply(decision);
    }

    HistoryReport finish() {
        advanceTo(endMs);
        while (bucketIndex < bucketCount) closeBucket();
        return new HistoryReport(Instant.ofEpochMilli(fromMs), Instant.ofEpochMilli(toMs), interval, buckets);
    }

    private void apply(DecisionRecord decision) {
        budgetKw = decision.totalBudgetKw();
        totalKw = decision.totalAllocatedKw();
        var charging = decision.allocations().stream().filter(entry -> entry.allocatedKw() > 0).toList();
        chargerIds = new String[charging.size()];
        chargerKw = new double[charging.size()];
        for (var i = 0; i < charging.size(); i++) {
            chargerIds[i] = charging.get(i).chargePointId();
            chargerKw[i] = charging.get(i).allocatedKw();
        }
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
        for (var i = 0; i < chargerIds.length; i++) {
            chargerSums.computeIfAbsent(chargerIds[i], _ -> new ChargerSum()).add(chargerKw[i], durationMs);
        }
    }

    private void closeBucket() {
        var startMs = bucketStartMs(bucketIndex);
        var partMs = Math.min(startMs + lengthMs, endMs) - Math.max(startMs, fromMs);
        var chargers = new ArrayList<ChargerBucket>(chargerSums.size());
        if (partMs > 0) {
            chargerSums.forEach((id, sum) -> chargers.add(
                    new ChargerBucket(id, roundKw(sum.kwMs / partMs), roundKw(sum.maxKw))));
            chargers.sort(Comparator.comparing(ChargerBucket::chargePointId));
        }
        buckets.add(new Bucket(Instant.ofEpochMilli(startMs), Instant.ofEpochMilli(startMs + lengthMs),
                partMs > 0 ? roundKw(budgetKwMs / partMs) : 0, partMs > 0 ? roundKw(totalKwMs / partMs) : 0,
                roundKw(maxTotalKw), decisions, chargers));
        bucketIndex++;
        budgetKwMs = 0;
        totalKwMs = 0;
        maxTotalKw = 0;
        decisions = 0;
        chargerSums.clear();
    }

    private long bucketStartMs(long index) {
        return firstStartMs + index * lengthMs;
    }

    static double roundKw(double kw) {
        return Math.round(kw * 1000) / 1000.0;
    }

    private static final class ChargerSum {
        double kwMs;
        double maxKw;

        void add(double kw, long durationMs) {
            kwMs += kw * durationMs;
            maxKw = Math.max(maxKw, kw);
        }
    }
}
