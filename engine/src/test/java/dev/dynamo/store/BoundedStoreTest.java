package dev.dynamo.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every wait on the store is bounded; reads go beside the writer; old decisions are pruned in batches. */
class BoundedStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void a_caller_waits_for_a_pooled_connection_at_most_the_connection_wait() throws Exception {
        var pool = new PooledConnectionSource("test", () -> java.sql.DriverManager.getConnection("jdbc:sqlite::memory:"),
                1, Duration.ofMillis(200));
        var holding = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var holder = Thread.ofPlatform().start(() -> {
            try {
                pool.withConnection(c -> {
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            var started = System.nanoTime();
            assertThatThrownBy(() -> pool.withConnection(c -> null)).isInstanceOf(SQLTransientConnectionException.class)
                    .hasMessageContaining("200 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        } finally {
            release.countDown();
            holder.join();
            pool.close();
        }
    }

    @Test
    void a_long_history_read_on_sqlite_holds_up_no_write() throws Exception {
        try (var store = Stores.open(null, dir)) {
            store.putSite("depot", "{}");
            store.appendDecisions(decisions(T0, 10));
            var reading = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            var reader = Thread.ofPlatform().start(() -> store.forEachDecision("depot", T0, T0.plusSeconds(3600), d -> {
                reading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            try {
                assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
                // the reader holds its connection and its snapshot: writes go on beside it
                var started = System.nanoTime();
                store.putSession(new StoredSession("depot", "CP-1", "{}"));
                store.putConfig("depot", "{}", T0);
                store.appendDecisions(decisions(T0.plusSeconds(60), 5));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            } finally {
                release.countDown();
                reader.join();
            }
            assertThat(store.latestDecisions("depot", T0, T0.plusSeconds(3600), 100)).hasSize(15);
        }
    }

    @Test
    void a_history_query_that_runs_too_long_is_cancelled() {
        var impatient = new StoreTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofMillis(1));
        try (var store = Stores.open(null, null, null, dir, impatient)) {
            store.putSite("depot", "{}");
            store.appendDecisions(decisions(T0, 2_000));
            var seen = new ArrayList<DecisionRecord>();

            assertThatThrownBy(() -> store.forEachDecision("depot", T0, T0.plusSeconds(1_000_000), d -> {
                seen.add(d);
                sleepQuietly(1); // a slow consumer makes the query run past its time
            })).isInstanceOf(StoreException.class).hasMessageContaining("cancelled");
            assertThat(seen).hasSizeLessThan(2_000);
        }
    }

    @Test
    void old_decisions_are_pruned_in_batches_and_newer_ones_kept() {
        try (var store = Stores.open(null, dir)) {
            store.putSite("depot", "{}");
            store.putSite("other", "{}");
            store.appendDecisions(decisions(T0, 1_200));
            store.appendDecisions(List.of(new DecisionRecord("other", T0, "manual", "equal", 100, 1, List.of())));
            var cutoff = T0.plusSeconds(1_000);

            assertThat(store.pruneDecisions("depot", cutoff, 500)).isEqualTo(500);
            assertThat(store.pruneDecisions("depot", cutoff, 500)).isEqualTo(500);
            assertThat(store.pruneDecisions("depot", cutoff, 500)).isZero();

            var left = store.latestDecisions("depot", T0, T0.plusSeconds(10_000), 10_000);
            assertThat(left).hasSize(200).allSatisfy(d -> assertThat(d.decidedAt()).isAfterOrEqualTo(cutoff));
            assertThat(store.latestDecisions("other", T0, T0.plusSeconds(1), 10)).hasSize(1);
        }
    }

    private static List<DecisionRecord> decisions(Instant from, int count) {
        var decisions = new ArrayList<DecisionRecord>();
        for (var i = 0; i < count; i++) {
            decisions.add(new DecisionRecord("depot", from.plusSeconds(i), "manual", "equal", 100, i, List.of()));
        }
        return decisions;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
