package dev.dynamo.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynamo.store.DecisionRecord;
import dev.dynamo.store.RotationState;
import dev.dynamo.store.Store;
import dev.dynamo.store.StoreException;
import dev.dynamo.store.StoredSession;
import dev.dynamo.store.StoredSite;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class DecisionLogTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    /** Generous: the machine running the tests may be busy; the log itself writes every 200 ms. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final RecordingStore store = new RecordingStore();

    @Test
    void recorded_decisions_reach_the_store_in_the_background() throws InterruptedException {
        try (var log = new DecisionLog(store)) {
            log.record(decision(1));
            log.record(decision(2));

            awaitWritten(2);
            assertThat(store.totals()).containsExactly(1.0, 2.0);
            assertThat(log.pendingCount()).isZero();
        }
    }

    @Test
    void flush_writes_everything_in_order_in_batches() {
        try (var log = new DecisionLog(store, Duration.ofHours(1))) {
            for (var i = 0; i < 2_500; i++) log.record(decision(i));
            log.flush();

            assertThat(store.batchSizes).containsExactly(1_000, 1_000, 500);
            assertThat(store.totals()).hasSize(2_500).isSorted();
        }
    }

    @Test
    void nothing_is_lost_while_the_store_fails_and_the_writes_resume_in_order() throws InterruptedException {
        try (var log = new DecisionLog(store, Duration.ofMillis(20))) {
            store.failuresLeft.set(Integer.MAX_VALUE);
            log.record(decision(1));
            log.record(decision(2));

            assertThatThrownBy(log::flush).isInstanceOf(StoreException.class);
            log.record(decision(3));
            assertThat(log.pendingCount()).isEqualTo(3);

            store.failuresLeft.set(0);
            awaitWritten(3);
            assertThat(store.totals()).containsExactly(1.0, 2.0, 3.0);
        }
    }

    @Test
    void close_writes_what_is_pending_and_refuses_later_records() {
        var log = new DecisionLog(store, Duration.ofHours(1));
        log.record(decision(7));
        log.close();

        assertThat(store.totals()).containsExactly(7.0);
        assertThatThrownBy(() -> log.record(decision(8))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_queue_is_bounded_while_the_store_fails_and_says_so_until_it_takes_them_again() throws InterruptedException {
        try (var log = new DecisionLog(store, Duration.ofMillis(20), 10)) {
            store.failuresLeft.set(Integer.MAX_VALUE);
            for (var i = 0; i < 9; i++) log.record(decision(i));
            assertThat(log.backlogged()).isFalse();
            assertThat(log.problem()).isEmpty();

            log.record(decision(9));
            assertThat(log.backlogged()).isTrue();
            assertThat(log.problem()).hasValueSatisfying(p -> assertThat(p).contains("10 decisions wait"));
            // decisions made without a request (timers) are still queued up to twice the capacity, then dropped
            for (var i = 10; i < 25; i++) log.record(decision(i));
            assertThat(log.pendingCount()).isEqualTo(20);
            assertThat(log.droppedCount()).isEqualTo(5);

            store.failuresLeft.set(0);
            awaitWritten(20);
            assertThat(store.totals()).hasSize(20).isSorted();
            assertThat(log.backlogged()).isFalse();
        }
    }

    @Test
    void close_does_not_wait_for_ever_behind_a_hung_write() throws InterruptedException {
        var hung = new java.util.concurrent.CountDownLatch(1);
        var entered = new java.util.concurrent.CountDownLatch(1);
        var hangingStore = new RecordingStore() {
            @Override
            public void appendDecisions(List<DecisionRecord> decisions) {
                entered.countDown();
                try {
                    hung.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        var log = new DecisionLog(hangingStore, Duration.ofMillis(10));
        log.record(decision(1));
        assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        var closer = Thread.ofPlatform().start(log::close);
        try {
            // close gives the hung write 5 s in all, then returns with the decision logged as lost
            closer.join(Duration.ofSeconds(20));
            assertThat(closer.isAlive()).isFalse();
            assertThat(log.tryFlush(Duration.ofMillis(50))).isFalse();
        } finally {
            hung.countDown();
        }
    }

    private void awaitWritten(int count) throws InterruptedException {
        var deadline = System.nanoTime() + PATIENCE.toNanos();
        while (store.totals().size() < count && System.nanoTime() < deadline) Thread.sleep(10);
    }

    private static DecisionRecord decision(double totalKw) {
        return new DecisionRecord("depot", T0, "manual", "equal", 100, totalKw, List.of());
    }

    /** Keeps appended decisions in memory; fails appends while {@code failuresLeft} is positive. */
    private static class RecordingStore implements Store {
        final AtomicInteger failuresLeft = new AtomicInteger();
        final List<Integer> batchSizes = new ArrayList<>();
        private final List<DecisionRecord> appended = new ArrayList<>();

        synchronized List<Double> totals() {
            return appended.stream().map(DecisionRecord::totalAllocatedKw).toList();
        }

        @Override
        public synchronized void appendDecisions(List<DecisionRecord> decisions) {
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new StoreException("disk unplugged", new RuntimeException());
            }
            batchSizes.add(decisions.size());
            appended.addAll(decisions);
        }

        @Override public List<StoredSite> loadSites() { return List.of(); }
        @Override public void putSite(String siteId, String definitionJson) {}
        @Override public void putConfig(String siteId, String configJson, Instant updatedAt) {}
        @Override public List<StoredSession> loadSessions() { return List.of(); }
        @Override public void putSession(StoredSession session) {}
        @Override public void deleteSession(String siteId, String chargePointId) {}
        @Override public List<RotationState> loadRotation() { return List.of(); }
        @Override public void writeRotation(RotationState changes) {}
        @Override public List<dev.dynamo.store.StoredEnergy> loadEnergy() { return List.of(); }
        @Override public void writeEnergy(List<dev.dynamo.store.StoredEnergy> energies) {}
        @Override public Optional<DecisionRecord> decisionBefore(String siteId, Instant instant) { return Optional.empty(); }
        @Override public void forEachDecision(String siteId, Instant from, Instant to, Consumer<DecisionRecord> action) {}
        @Override public List<DecisionRecord> latestDecisions(String siteId, Instant from, Instant to, int limit) {
            return List.of();
        }
        @Override public void close() {}
    }
}
