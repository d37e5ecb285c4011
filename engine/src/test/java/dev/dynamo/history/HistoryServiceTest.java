package dev.dynamo.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.history.HistoryReport.Bucket;
import dev.dynamo.history.HistoryReport.ChargerBucket;
import dev.dynamo.store.DecisionRecord;
import dev.dynamo.store.DecisionRecord.Entry;
import dev.dynamo.store.Store;
import dev.dynamo.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bucket maths against hand-computed values; times are minutes after midnight of 2026-11-24 UTC. */
class HistoryServiceTest {
    private static final Instant MIDNIGHT = Instant.parse("2026-11-24T00:00:00Z");
    private static final Interval QUARTER = Interval.FIFTEEN_MINUTES;

    @TempDir
    Path dataDir;
    private Store store;
    private DecisionLog log;
    private HistoryService history;

    @BeforeEach
    void open() {
        store = Stores.open(null, dataDir);
        // an hour between background writes: only flush() writes during a test
        log = new DecisionLog(store, Duration.ofHours(1));
        history = new HistoryService(store, log);
        // 00:05 budget 150, CP-1 40 + CP-2 20; 00:20 both 45
        log.record(decision(5, 150, charging("CP-1", 40), charging("CP-2", 20)));
        log.record(decision(20, 150, charging("CP-1", 45), charging("CP-2", 45)));
    }

    @AfterEach
    void close() {
        log.close();
        store.close();
    }

    @Test
    void the_step_is_carried_across_bucket_edges_and_is_zero_before_the_first_decision() {
        var report = history.buckets("depot", at(0), at(45), QUARTER, at(60));

        assertThat(report).isEqualTo(new HistoryReport(at(0), at(45), QUARTER, List.of(
                new Bucket(at(0), at(15), 100, 40, 60, 1, List.of(
                        new ChargerBucket("CP-1", 26.667, 40), new ChargerBucket("CP-2", 13.333, 20))),
                new Bucket(at(15), at(30), 150, 80, 90, 1, List.of(
                        new ChargerBucket("CP-1", 43.333, 45), new ChargerBucket("CP-2", 36.667, 45))),
                new Bucket(at(30), at(45), 150, 90, 90, 0, List.of(
                        new ChargerBucket("CP-1", 45, 45), new ChargerBucket("CP-2", 45, 45))))));
    }

    @Test
    void the_bucket_holding_now_averages_its_past_part_and_later_buckets_hold_zeros() {
        var report = history.buckets("depot", at(0), at(60), QUARTER, at(20));

        assertThat(report.buckets()).containsExactly(
                new Bucket(at(0), at(15), 100, 40, 60, 1, List.of(
                        new ChargerBucket("CP-1", 26.667, 40), new ChargerBucket("CP-2", 13.333, 20))),
                new Bucket(at(15), at(30), 150, 60, 60, 0, List.of(
                        new ChargerBucket("CP-1", 40, 40), new ChargerBucket("CP-2", 20, 20))),
                new Bucket(at(30), at(45), 0, 0, 0, 0, List.of()),
                new Bucket(at(45), at(60), 0, 0, 0, 0, List.of()));
    }

    @Test
    void unaligned_from_and_to_take_the_value_in_force_at_from_and_average_the_parts_inside() {
        var report = history.buckets("depot", at(10), at(50), QUARTER, at(600));

        assertThat(report.from()).isEqualTo(at(10));
        assertThat(report.to()).isEqualTo(at(50));
        assertThat(report.buckets()).extracting(Bucket::start).containsExactly(at(0), at(15), at(30), at(45));
        assertThat(report.buckets().getFirst()).isEqualTo(new Bucket(at(0), at(15), 150, 60, 60, 0, List.of(
                new ChargerBucket("CP-1", 40, 40), new ChargerBucket("CP-2", 20, 20))));
        assertThat(report.buckets().get(1).avgAllocatedKw()).isEqualTo(80);
        assertThat(report.buckets().getLast()).isEqualTo(new Bucket(at(45), at(60), 150, 90, 90, 0, List.of(
                new ChargerBucket("CP-1", 45, 45), new ChargerBucket("CP-2", 45, 45))));
    }

    @Test
    void a_range_wholly_before_the_first_decision_or_after_now_is_all_zeros() {
        var beforeFirst = history.buckets("depot", at(-30), at(0), QUARTER, at(600));
        var future = history.buckets("depot", at(60), at(90), QUARTER, at(30));

        assertThat(beforeFirst.buckets()).hasSize(2).allSatisfy(bucket -> assertThat(bucket)
                .isEqualTo(new Bucket(bucket.start(), bucket.end(), 0, 0, 0, 0, List.of())));
        assertThat(future.buckets()).hasSize(2).allSatisfy(bucket -> assertThat(bucket)
                .isEqualTo(new Bucket(bucket.start(), bucket.end(), 0, 0, 0, 0, List.of())));
    }

    @Test
    void chargers_are_those_with_power_at_some_moment_of_the_bucket() {
        // 00:50 CP-2 is queued; 01:10 CP-3 arrives queued and stays so
        log.record(decision(50, 150, charging("CP-1", 50), queued("CP-2")));
        log.record(decision(70, 150, charging("CP-1", 50), queued("CP-2"), queued("CP-3")));

        var report = history.buckets("depot", at(45), at(75), QUARTER, at(600));

        assertThat(report.buckets().getFirst().chargers()).containsExactly(
                new ChargerBucket("CP-1", 48.333, 50), new ChargerBucket("CP-2", 15, 45));
        assertThat(report.buckets().getLast().chargers()).containsExactly(new ChargerBucket("CP-1", 50, 50));
        assertThat(report.buckets().getLast().decisions()).isEqualTo(1);
    }

    @Test
    void decisions_are_counted_in_their_bucket_and_one_overtaken_in_the_same_millisecond_never_holds() {
        log.record(decision(31, 250, charging("CP-1", 200)));
        log.record(decision(31, 150, charging("CP-1", 10)));
        log.record(decision(44, 150, charging("CP-1", 10)));

        var bucket = history.buckets("depot", at(30), at(45), QUARTER, at(600)).buckets().getFirst();

        assertThat(bucket.decisions()).isEqualTo(3);
        assertThat(bucket.maxAllocatedKw()).isEqualTo(90);
        assertThat(bucket.avgBudgetKw()).isEqualTo(150);
        // 1 min at 90, 14 min at 10
        assertThat(bucket.avgAllocatedKw()).isEqualTo(15.333);
        assertThat(bucket.chargers()).containsExactly(
                new ChargerBucket("CP-1", 12.333, 45), new ChargerBucket("CP-2", 3, 45));
    }

    @Test
    void a_decision_exactly_at_from_holds_from_from_on() {
        var bucket = history.buckets("depot", at(20), at(25), Interval.FIVE_MINUTES, at(600)).buckets();

        assertThat(bucket).containsExactly(new Bucket(at(20), at(25), 150, 90, 90, 1, List.of(
                new ChargerBucket("CP-1", 45, 45), new ChargerBucket("CP-2", 45, 45))));
    }

    @Test
    void decisions_still_pending_in_the_log_are_included() {
        assertThat(log.pendingCount()).isEqualTo(2);

        var report = history.buckets("depot", at(0), at(30), QUARTER, at(30));

        assertThat(report.buckets()).extracting(Bucket::decisions).containsExactly(1, 1);
        assertThat(log.pendingCount()).isZero();
    }

    @Test
    void the_decisions_query_is_newest_first_with_the_later_made_first_on_a_tie() {
        log.record(decision(20, 100, charging("CP-1", 1)));

        var decisions = history.decisions("depot", at(0), at(60), 10);

        assertThat(decisions).extracting(DecisionRecord::totalAllocatedKw).containsExactly(1.0, 90.0, 60.0);
        assertThat(history.decisions("depot", at(0), at(60), 1)).hasSize(1);
    }

    private static Instant at(int minutes) {
        return MIDNIGHT.plus(Duration.ofMinutes(minutes));
    }

    private static Entry charging(String id, double kw) {
        return new Entry(id, kw, "charging");
    }

    private static Entry queued(String id) {
        return new Entry(id, 0, "queued");
    }

    static DecisionRecord decision(int minute, double budgetKw, Entry... entries) {
        var totalKw = List.of(entries).stream().mapToDouble(Entry::allocatedKw).sum();
        return new DecisionRecord("depot", at(minute), "manual", "equal", budgetKw, totalKw, List.of(entries));
    }
}
