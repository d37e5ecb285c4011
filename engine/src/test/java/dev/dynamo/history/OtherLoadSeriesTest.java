package dev.dynamo.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.store.StoredMeterReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** avg_other_load_kw (contract 9.4): exact for the readings received, fallback once stale, nothing before the first. */
class OtherLoadSeriesTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private static StoredMeterReading reading(long atMs, double otherKw) {
        return new StoredMeterReading("s", "main", T0.plusMillis(atMs), otherKw, null, null, null, otherKw);
    }

    private static HistoryReport.Bucket bucket(long startMs, long endMs) {
        return new HistoryReport.Bucket(T0.plusMillis(startMs), T0.plusMillis(endMs), 0, 0, 0, 0, List.of());
    }

    @Test
    void each_reading_holds_until_the_next_or_until_it_is_stale_then_the_fallback() {
        var meter = new OtherLoadSeries.GridMeter("main", 60, 50);
        var readings = List.of(reading(10_000, 10), reading(40_000, 20));
        var buckets = List.of(bucket(0, 60_000), bucket(60_000, 120_000), bucket(120_000, 180_000));
        var averages = OtherLoadSeries.averages(readings, meter, buckets, T0, T0.plusMillis(150_000));
        // [10 s, 40 s) at 10, [40 s, 60 s) at 20: only the 50 s with a value count
        assertThat(averages.get(0)).isEqualTo((30 * 10 + 20 * 20) / 50.0, org.assertj.core.data.Offset.offset(0.001));
        // 20 until 100.001 s (60 s old is still fresh), then the fallback of 50
        assertThat(averages.get(1)).isEqualTo((40.001 * 20 + 19.999 * 50) / 60, org.assertj.core.data.Offset.offset(0.001));
        // the query ends at 150 s: 30 s of fallback
        assertThat(averages.get(2)).isEqualTo(50);
        assertThat(OtherLoadSeries.averages(List.of(), meter, buckets, T0, T0.plusMillis(150_000)))
                .containsExactly(null, null, null);
    }

    /** Against a brute force that asks, millisecond by millisecond, what the meter gave. */
    @Property(tries = 1_000)
    void matches_a_millisecond_by_millisecond_sum(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
        var random = new Random(seed);
        int staleS = 1 + random.nextInt(3);
        var meter = new OtherLoadSeries.GridMeter("main", staleS, random.nextInt(100));
        var readings = new ArrayList<StoredMeterReading>();
        long at = random.nextInt(3000) - 1000;
        for (int i = random.nextInt(6); i > 0; i--) {
            readings.add(reading(at, random.nextInt(2000) / 10.0 - 50));
            at += random.nextInt(4000);
        }
        long intervalMs = 500 + random.nextInt(2000);
        long fromMs = random.nextInt(1000);
        long endMs = fromMs + 1 + random.nextInt(8000);
        var buckets = new ArrayList<HistoryReport.Bucket>();
        for (long start = Math.floorDiv(fromMs, intervalMs) * intervalMs; start < endMs; start += intervalMs) {
            buckets.add(bucket(start, start + intervalMs));
        }
        var inRange = readings.stream().filter(r -> !r.measuredAt().isBefore(T0.plusMillis(fromMs))).toList();
        var before = readings.stream().filter(r -> r.measuredAt().isBefore(T0.plusMillis(fromMs))).reduce((a, b) -> b);
        var given = new ArrayList<StoredMeterReading>();
        before.ifPresent(given::add);
        given.addAll(inRange.stream().filter(r -> r.measuredAt().isBefore(T0.plusMillis(endMs))).toList());

        var averages = OtherLoadSeries.averages(given, meter, buckets, T0.plusMillis(fromMs), T0.plusMillis(endMs));
        for (int b = 0; b < buckets.size(); b++) {
            double sum = 0;
            long counted = 0;
            long lo = Math.max(buckets.get(b).start().toEpochMilli() - T0.toEpochMilli(), fromMs);
            long hi = Math.min(buckets.get(b).end().toEpochMilli() - T0.toEpochMilli(), endMs);
            for (long t = lo; t < hi; t++) {
                StoredMeterReading last = null;
                for (var r : readings) if (r.measuredAt().toEpochMilli() - T0.toEpochMilli() <= t) last = r;
                if (last == null) continue;
                long age = t - (last.measuredAt().toEpochMilli() - T0.toEpochMilli());
                sum += age <= staleS * 1000L ? last.otherLoadKw() : meter.fallbackLoadKw();
                counted++;
            }
            if (counted == 0) {
                assertThat(averages.get(b)).isNull();
            } else {
                assertThat(averages.get(b)).isCloseTo(sum / counted, org.assertj.core.data.Offset.offset(0.0006));
            }
        }
    }
}
