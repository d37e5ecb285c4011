package dev.dynamo.site;

import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.SessionStart;
import dev.dynamo.contract.Strategy;

import static dev.dynamo.testing.TestSites.charger;
import static dev.dynamo.testing.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.testing.MemoryStore;
import dev.dynamo.testing.SiteFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Rotation (contract 7.2) goes on across a restart as if there had been none. */
class RotationRestartTest {
    private static final Instant T0 = Instant.parse("2026-11-24T17:00:00Z");
    private static final Duration PERIOD = Duration.ofMinutes(15);

    /** 40 kW with a 10 kW floor: the floors of 4 of the 22 kW chargers fit at a time. */
    private static ChargingConfig rotating() {
        return new ChargingConfig(40, Strategy.EQUAL, 10, List.of(), List.of(), 15, false, T0);
    }

    /** Who charges, and each queued charger's queued_since (null while charging). */
    private static Map<String, String> state(SiteHandle site) {
        var state = new TreeMap<String, String>();
        site.view().allocation().allocations().forEach(a ->
                state.put(a.chargePointId(), a.status().json() + " " + a.queuedSince()));
        return state;
    }

    private static SiteHandle depot(SiteFixture fixture) {
        return fixture.registry.site("depot").orElseThrow();
    }

    /** Seven chargers, six vehicles a second apart: four charge, and the rotation clock starts at T0 + 4 s. */
    private static void sixSessions(SiteFixture fixture) {
        var chargers = IntStream.rangeClosed(1, 7).mapToObj(i -> charger("CP-00" + i, 22)).toList();
        fixture.registry.putSite(site("depot", 200, chargers), _ -> {});
        depot(fixture).storeConfig(_ -> rotating());
        for (int i = 1; i <= 6; i++) {
            depot(fixture).startSession("CP-00" + i, SessionStart.NONE, null);
            fixture.clock.advance(Duration.ofSeconds(1));
        }
    }

    private static SiteFixture restarted(SiteFixture before, MemoryStore store) {
        var at = before.clock.instant();
        before.close();
        var after = new SiteFixture(at, store);
        after.registry.load();
        after.registry.decideAll();
        return after;
    }

    @Test
    void after_a_restart_the_same_chargers_charge_and_wait_with_the_same_queued_since_and_the_clock_keeps_its_beat() {
        var store = new MemoryStore();
        var firstTick = T0.plusSeconds(4).plus(PERIOD);
        try (var control = new SiteFixture(T0)) {
            var engine = new SiteFixture(T0, store);
            sixSessions(control);
            sixSessions(engine);
            // past the first tick: CP-005/006 came in, CP-001/002 wait since it
            var restartAt = firstTick.plus(Duration.ofMinutes(5));
            control.advanceTo(restartAt);
            engine.advanceTo(restartAt);
            var before = state(depot(engine));
            assertThat(before).containsEntry("CP-001", "queued " + firstTick).containsEntry("CP-005", "charging null");

            engine = restarted(engine, store);
            try (var after = engine) {
                assertThat(state(depot(after))).isEqualTo(before);
                assertThat(after.timers.next()).contains(firstTick.plus(PERIOD));

                // minute by minute over two more periods, with a newcomer and a stop: as if nothing had happened
                for (var t = restartAt.plusSeconds(60); !t.isAfter(restartAt.plus(Duration.ofMinutes(35))); t = t.plusSeconds(60)) {
                    control.advanceTo(t);
                    after.advanceTo(t);
                    if (t.equals(restartAt.plus(Duration.ofMinutes(3)))) {
                        depot(control).startSession("CP-007", SessionStart.NONE, null);
                        depot(after).startSession("CP-007", SessionStart.NONE, null);
                    }
                    if (t.equals(restartAt.plus(Duration.ofMinutes(17)))) {
                        depot(control).stopSession("CP-004");
                        depot(after).stopSession("CP-004");
                    }
                    assertThat(state(depot(after))).as("at %s", t).isEqualTo(state(depot(control)));
                }
                assertThat(after.triggers()).containsSubsequence("site", "session_start", "rotation", "session_stop", "rotation");
            }
        }
    }

    @Test
    void a_tick_due_while_the_engine_was_down_comes_at_once_after_the_restart() {
        var store = new MemoryStore();
        var engine = new SiteFixture(T0, store);
        sixSessions(engine);
        engine.advanceTo(T0.plus(Duration.ofMinutes(10)));
        engine.close();

        var downUntil = T0.plus(Duration.ofMinutes(40));
        try (var after = new SiteFixture(downUntil, store)) {
            after.registry.load();
            after.registry.decideAll();
            // the first decision after the restart keeps the order; the missed tick follows at once
            assertThat(after.timers.next()).contains(downUntil);
            after.advanceTo(downUntil);
            assertThat(after.triggers()).containsExactly("site", "rotation");
            assertThat(state(depot(after))).containsEntry("CP-005", "charging null").containsEntry("CP-006", "charging null")
                    .containsEntry("CP-001", "queued " + downUntil).containsEntry("CP-002", "queued " + downUntil);
            assertThat(after.timers.next()).contains(downUntil.plus(PERIOD));
        }
    }

    @Test
    void a_session_start_or_stop_is_one_durable_write_and_a_decision_that_changes_no_rotation_state_writes_nothing() {
        var store = new MemoryStore();
        try (var fixture = new SiteFixture(T0, store)) {
            sixSessions(fixture);
            var writes = store.sessionWrites();
            depot(fixture).startSession("CP-007", SessionStart.NONE, null);
            assertThat(store.sessionWrites()).isEqualTo(writes + 1);
            // CP-007 queued: its place is stored with the session, not in a write of its own
            assertThat(store.loadRotation().getFirst().sessions().get("CP-007").queuedSince()).isEqualTo(T0.plusSeconds(6));

            depot(fixture).rebalance();
            assertThat(store.sessionWrites()).isEqualTo(writes + 1);

            // a stop admits the longest waiting (CP-005): its admission goes with the deletion
            depot(fixture).stopSession("CP-001");
            assertThat(store.sessionWrites()).isEqualTo(writes + 2);
            assertThat(store.loadRotation().getFirst().sessions().get("CP-005").admittedAt()).isEqualTo(T0.plusSeconds(6));
            assertThat(store.loadRotation().getFirst().sessions()).doesNotContainKey("CP-001");
        }
    }
}
