package dev.dynamo.history;

import java.time.Instant;
import java.util.List;

/** The answer to a history query (contract 2.4): every bucket from the one holding {@code from}. */
public record HistoryReport(Instant from, Instant to, Interval interval, List<Bucket> buckets) {
    public HistoryReport {
        buckets = List.copyOf(buckets);
    }

    /**
     * One bucket; averages are time-weighted over the part of {@code [start, end)} that lies inside
     * {@code [from, min(to, now))} and rounded to 0.001 kW.
     */
    public record Bucket(Instant start, Instant end, double avgBudgetKw, double avgAllocatedKw,
                         double maxAllocatedKw, int decisions, List<ChargerBucket> chargers) {
        public Bucket {
            chargers = List.copyOf(chargers);
        }
    }

    /** A charger with a non-zero allocation at some moment of its bucket. */
    public record ChargerBucket(String chargePointId, double avgAllocatedKw, double maxAllocatedKw) {}
}
