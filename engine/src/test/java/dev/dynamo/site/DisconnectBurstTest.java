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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A disconnect storm (a site's network cut): the connections a site loses while it is busy make one
 * {@code disconnect} decision, not one each, and it reserves every one of them; so do their grace periods ending
 * together. The site is held busy by a decision whose record waits on a gate, so the storm is queued behind it for
 * certain (no sleeps).
 */
class DisconnectBurstTest {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(5);
    private static final int CHARGERS = 50;

    private final ManualClock clock = new ManualClock(T0);
    private final ManualTimers timers = new ManualTimers(clock);
    private final List<DecisionRecord> decisions = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate;
    private volatile CountDownLatch held = new CountDownLatch(1);
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
    }, timers, GRACE));

    @AfterEach
    void close() {
        registry.close();
    }

    private static String cp(int i) {
        return "CP-" + i;
    }

    /** 50 chargers of 22 kW, all connected and charging under {@code equal} at half their rating (11 kW each). */
    private SiteHandle depotAllCharging() {
        var chargers = IntStream.rangeClosed(1, CHARGERS).mapToObj(i -> charger(cp(i), 22)).toList();
        registry.putSite(site("depot", CHARGERS * 22, chargers), _ -> {});
        var site = registry.site("depot").orElseThrow();
        site.storeConfig(_ -> equal(CHARGERS * 11, 0, T0));
        for (var i = 1; i <= CHARGERS; i++) {
            site.connected(cp(i));
            site.startSession(cp(i), SessionStart.NONE, i);
        }
        site.limitsAcknowledged(IntStream.rangeClosed(1, CHARGERS).boxed().collect(Collectors.toMap(DisconnectBurstTest::cp, _ -> 11.0)));
        decisions.clear();
        return site;
    }

    /** Holds the site's thread in the record of a manual decision until the returned latch is released. */
    private CountDownLatch holdTheSite(SiteHandle site) throws InterruptedException {
        var release = new CountDownLatch(1);
        held = new CountDownLatch(1);
        gate = release;
        Thread.ofPlatform().start(site::rebalance);
        assertThat(held.await(10, TimeUnit.SECONDS)).as("a decision holds the site").isTrue();
        return release;
    }

    private List<String> triggers() {
        return decisions.stream().map(DecisionRecord::trigger).toList();
    }

    private static Map<String, String> statuses(DecisionRecord decision) {
        return decision.allocations().stream().collect(Collectors.toMap(DecisionRecord.Entry::chargePointId, DecisionRecord.Entry::status));
    }

    @Test
    void connections_lost_while_the_site_is_busy_make_one_decision_that_reserves_them_all() throws Exception {
        var site = depotAllCharging();
        var release = holdTheSite(site);

        var storm = IntStream.rangeClosed(1, CHARGERS).mapToObj(i -> site.noticeDisconnected(cp(i), null)).toList();
        assertThat(storm).noneMatch(CompletableFuture::isDone); // queued behind the busy site, not applied yet
        release.countDown();
        CompletableFuture.allOf(storm.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        site.awaitIdle();

        assertThat(triggers()).containsExactly("manual", "disconnect");
        // the one decision has every charger offline, each reserved at the limit it accepted (rule 9)
        var last = decisions.getLast();
        assertThat(statuses(last)).hasSize(CHARGERS).allSatisfy((_, status) -> assertThat(status).isEqualTo("offline"));
        assertThat(last.allocations()).allSatisfy(e -> assertThat(e.allocatedKw()).isEqualTo(11.0));
        assertThat(site.view().connected()).isEmpty();
        assertThat(site.view().allocation().allocations()).extracting(ChargerAllocation::status).containsOnly(ChargerStatus.OFFLINE);
    }

    @Test
    void their_grace_periods_ending_together_are_one_decision_too() throws Exception {
        var site = depotAllCharging();
        for (var i = 1; i <= CHARGERS; i++) site.noticeDisconnected(cp(i), null);
        site.awaitIdle();
        decisions.clear();

        var release = holdTheSite(site);
        var advancing = CompletableFuture.runAsync(() -> timers.advanceTo(T0.plus(GRACE).plusSeconds(1)));
        advancing.get(10, TimeUnit.SECONDS); // the 50 grace timers are queued behind the held decision
        release.countDown();
        site.awaitIdle();

        assertThat(triggers()).containsExactly("manual", "disconnect");
        // past the grace period each counts at its default limit (22 kW: the grid fits every charger at its rating)
        assertThat(decisions.getLast().allocations()).hasSize(CHARGERS)
                .allSatisfy(e -> assertThat(e.allocatedKw()).isEqualTo(22.0));
    }

    @Test
    void a_decision_made_first_covers_the_lost_connections_and_none_follows() throws Exception {
        var site = depotAllCharging();
        var release = holdTheSite(site);

        var storm = IntStream.rangeClosed(1, 3).mapToObj(i -> site.noticeDisconnected(cp(i), null)).toList();
        // a session stop queued behind them: its decision comes before the queued disconnect decision
        var stopper = Thread.ofPlatform().start(() -> site.stopSession(cp(CHARGERS)));
        while (stopper.getState() != Thread.State.TIMED_WAITING && stopper.isAlive()) Thread.onSpinWait();
        release.countDown();
        stopper.join(10_000);
        CompletableFuture.allOf(storm.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        site.awaitIdle();

        assertThat(triggers()).containsExactly("manual", "session_stop");
        var statuses = statuses(decisions.getLast());
        assertThat(statuses).hasSize(CHARGERS - 1).containsEntry(cp(1), "offline").containsEntry(cp(2), "offline")
                .containsEntry(cp(3), "offline").containsEntry(cp(4), "charging");
    }

    @Test
    void lost_and_new_connections_together_are_one_decision_recorded_with_the_first_trigger() throws Exception {
        var site = depotAllCharging();
        var release = holdTheSite(site);

        var events = new java.util.ArrayList<CompletableFuture<Void>>();
        events.add(site.noticeDisconnected(cp(1), null));
        events.add(site.noticeDisconnected(cp(2), null));
        events.add(site.noticeConnected(cp(1)));
        release.countDown();
        CompletableFuture.allOf(events.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        site.awaitIdle();

        assertThat(triggers()).containsExactly("manual", "disconnect");
        var statuses = statuses(decisions.getLast());
        assertThat(statuses).containsEntry(cp(1), "charging").containsEntry(cp(2), "offline");
    }

    @Test
    void a_single_lost_connection_is_still_decided_at_once() {
        var site = depotAllCharging();
        site.disconnected(cp(7));
        assertThat(triggers()).containsExactly("disconnect");
        assertThat(statuses(decisions.getLast())).containsEntry(cp(7), "offline");
    }
}
