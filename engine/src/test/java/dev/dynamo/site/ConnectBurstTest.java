package dev.dynamo.site;

import static dev.dynamo.testing.TestSites.charger;
import static dev.dynamo.testing.TestSites.equal;
import static dev.dynamo.testing.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.contract.SessionStart;
import dev.dynamo.store.DecisionRecord;
import dev.dynamo.testing.ManualClock;
import dev.dynamo.testing.ManualTimers;
import dev.dynamo.testing.MemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A reconnect storm: the connections a site takes in while it is busy make one {@code connect} decision, not one
 * each, and every one of them is counted by it. The site is held busy by a decision whose record waits on a gate,
 * so the burst is queued behind it for certain.
 */
class ConnectBurstTest {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final int CHARGERS = 50;

    private final ManualClock clock = new ManualClock(T0);
    private final List<DecisionRecord> decisions = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate;
    private final CountDownLatch held = new CountDownLatch(1);
    private final SiteRegistry registry = new SiteRegistry(new SiteEnvironment(clock, new MemoryStore(), decision -> {
        decisions.add(decision);
        var g = gate;
        if (g != null) {
            gate = null;
            held.countDown();
            try {
                g.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }, new ManualTimers(clock), Duration.ofMinutes(5)));

    @AfterEach
    void close() {
        registry.close();
    }

    private SiteHandle depot() {
        var chargers = IntStream.rangeClosed(1, CHARGERS).mapToObj(i -> charger("CP-" + i, 22)).toList();
        registry.putSite(site("depot", CHARGERS * 22, chargers), _ -> {});
        var site = registry.site("depot").orElseThrow();
        site.storeConfig(_ -> equal(CHARGERS * 11, 0, T0));
        return site;
    }

    private List<String> triggers() {
        return decisions.stream().map(DecisionRecord::trigger).toList();
    }

    @Test
    void connections_that_come_while_the_site_is_busy_make_one_decision_that_counts_them_all() throws Exception {
        var site = depot();
        var release = new CountDownLatch(1);
        gate = release;
        var first = site.noticeConnected("CP-1");
        assertThat(held.await(10, TimeUnit.SECONDS)).as("the first connection's decision holds the site").isTrue();

        var burst = IntStream.rangeClosed(2, CHARGERS).mapToObj(i -> site.noticeConnected("CP-" + i)).toList();
        assertThat(burst).noneMatch(CompletableFuture::isDone); // queued behind the busy site, not applied yet
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        site.awaitIdle();

        assertThat(triggers()).containsExactly("config", "connect", "connect");
        assertThat(site.view().connected()).hasSize(CHARGERS);
    }

    @Test
    void a_decision_queued_before_the_connect_decision_counts_the_connections_and_none_follows() throws Exception {
        var site = depot();
        var release = new CountDownLatch(1);
        gate = release;
        var first = site.noticeConnected("CP-1");
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

        // queued behind the held decision: two connections, then a session start (which blocks its caller, so
        // it runs on a thread of its own: once that thread waits, the start is queued)
        var burst = List.of(site.noticeConnected("CP-2"), site.noticeConnected("CP-3"));
        var starter = Thread.ofPlatform().start(() -> site.startSession("CP-2", SessionStart.NONE, null));
        while (starter.getState() != Thread.State.TIMED_WAITING && starter.isAlive()) Thread.onSpinWait();
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        starter.join(10_000);
        CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        site.awaitIdle();

        // the start's decision came before the queued connect decision and counted both connections
        assertThat(triggers()).containsExactly("config", "connect", "session_start");
        assertThat(site.view().connected()).containsExactlyInAnyOrder("CP-1", "CP-2", "CP-3");
        assertThat(site.view().allocation().allocations()).extracting(ChargerAllocation::status)
                .containsExactly(ChargerStatus.CHARGING);
    }

    @Test
    void a_single_connection_is_still_decided_at_once() throws Exception {
        var site = depot();
        site.noticeConnected("CP-7").get(10, TimeUnit.SECONDS);
        site.awaitIdle();
        assertThat(triggers()).containsExactly("config", "connect");
        assertThat(site.view().connected()).containsExactly("CP-7");
    }
}
