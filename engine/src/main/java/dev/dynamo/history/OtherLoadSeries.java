package dev.dynamo.history;

import dev.dynamo.store.StoredMeterReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The grid meter's other load over time (contract 9.4), exact for the readings received: each reading's
 * value holds from its {@code measured_at} until the next reading or until it is {@code stale_after_s} old,
 * after which the meter's {@code fallback_load_kw} holds. Time before the first reading has no value.
 */
public final class OtherLoadSeries {
    /** The grid meter a history query averages. */
    public record GridMeter(String meterId, int staleAfterS, double fallbackLoadKw) {}

    private OtherLoadSeries() {}

    /**
     * The time-weighted average of each bucket over its part inside {@code [from, end)} where the meter gave a
     * value (fallback included), rounded to 0.001 kW; null for a bucket with no such part.
     *
     * @param readings the last reading before {@code from} (if any) and those in range, oldest first
     */
    public static List<Double> averages(List<StoredMeterReading> readings, GridMeter meter, List<HistoryReport.Bucket> buckets,
                                        Instant from, Instant end) {
        long fromMs = from.toEpochMilli();
        long endMs = end.toEpochMilli();
        long staleMs = meter.staleAfterS() * 1000L;
        // segments [start, stop) with a value, in time order
        var starts = new ArrayList<long[]>();
        var values = new ArrayList<Double>();
        for (int i = 0; i < readings.size(); i++) {
            long at = readings.get(i).measuredAt().toEpochMilli();
            long next = i + 1 < readings.size() ? readings.get(i + 1).measuredAt().toEpochMilli() : Long.MAX_VALUE;
            // "no older than stale_after_s": the reading still counts at exactly its age limit
            long freshUntil = at + staleMs + 1;
            starts.add(new long[] {at, Math.min(next, freshUntil)});
            values.add(readings.get(i).otherLoadKw());
            if (next > freshUntil) {
                starts.add(new long[] {freshUntil, next});
                values.add(meter.fallbackLoadKw());
            }
        }
        var averages = new ArrayList<Double>(buckets.size());
        int first = 0;
        for (var bucket : buckets) {
            long lo = Math.max(bucket.start().toEpochMilli(), fromMs);
            long hi = Math.min(bucket.end().toEpochMilli(), endMs);
            double kwMs = 0;
            long valueMs = 0;
            while (first < starts.size() && starts.get(first)[1] <= lo) first++;
            for (int s = first; s < starts.size() && starts.get(s)[0] < hi; s++) {
                long overlap = Math.min(hi, starts.get(s)[1]) - Math.max(lo, starts.get(s)[0]);
                if (overlap <= 0) continue;
                kwMs += values.get(s) * overlap;
                valueMs += overlap;
            }
            averages.add(valueMs == 0 ? null : Math.round(kwMs / valueMs * 1000) / 1000.0);
        }
        return averages;
    }
}
