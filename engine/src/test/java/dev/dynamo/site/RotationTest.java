package dev.dynamo.site;

import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.CircuitDefinition;
import dev.dynamo.contract.SessionStart;
import dev.dynamo.contract.Strategy;

import static dev.dynamo.testing.TestSites.charger;
import static dev.dynamo.testing.TestSites.onCircuit;
import static dev.dynamo.testing.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.testing.SiteFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Rotation of queued chargers (contract 7.2) on a controlled clock. */
class RotationTest {
    private static final Instant T0 = Instant.parse("2026-11-24T17:00:00Z");
    private static final Duration PERIOD = Duration.ofMinutes(15);

    /** 40 kW with a 10 kW floor: the floors of 4 of the 22 kW chargers fit at a time. */
    private static ChargingConfig rotating(double maxPowerKw, double floorKw) {
        return new ChargingConfig(maxPowerKw, Strategy.EQUAL, floorKw, List.of(), List.of(), 15, false, T0);
    }

    private static List<ChargerDefinition> chargers(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> charger("CP-00" + i, 22)).toList();
    }

    private static Set<String> charging(SiteHandle site) {
        return site.view().allocation().allocations().stream().filter(a -> a.status() == ChargerStatus.CHARGING)
                .map(ChargerAllocation::chargePointId).collect(Collectors.toCollection(TreeSet::new));
    }

    private static SiteHandle sixSessions(SiteFixture fixture, int defined) {
        fixture.registry.putSite(site("depot", 200, chargers(defined)), _ -> {});
        var site = fixture.registry.site("depot").orElseThrow();
        site.storeConfig(_ -> rotating(40, 10));
        for (int i = 1; i <= 6; i++) {
            site.startSession("CP-00" + i, SessionStart.NONE, null);
            fixture.clock.advance(Duration.ofSeconds(1));
        }
        return site;
    }

    @Test
    void six_chargers_whose_floors_fit_four_take_turns_every_period_without_churn_in_between() {
        try (var fixture = new SiteFixture(T0)) {
            var site = sixSessions(fixture, 6);
            assertThat(charging(site)).containsExactly("CP-001", "CP-002", "CP-003", "CP-004");
            // the rotation clock started when CP-005 became queued (T0 + 4 s)
            var firstTick = T0.plusSeconds(4).plus(PERIOD);
            assertThat(fixture.timers.next()).contains(firstTick);

            // minute by minute over three periods: who charges, and when the set changes
            var servedAt = new HashMap<String, List<Instant>>();
            var changes = new ArrayList<Instant>();
            var previous = charging(site);
            var sets = new ArrayList<Set<String>>();
            for (var t = T0.plusSeconds(60); !t.isAfter(T0.plus(Duration.ofMinutes(46))); t = t.plusSeconds(60)) {
                fixture.advanceTo(t);
                if (t.equals(T0.plus(Duration.ofMinutes(20)))) {
                    // a rebalance for another reason between ticks keeps the charging ones ahead of the queued
                    site.rebalance();
                    site.storeConfig(_ -> rotating(40, 10));
                    assertThat(charging(site)).isEqualTo(previous);
                }
                var now = charging(site);
                for (var cp : now) servedAt.computeIfAbsent(cp, _ -> new ArrayList<>()).add(t);
                if (!now.equals(previous)) {
                    changes.add(site.view().allocation().calculatedAt());
                    sets.add(now);
                }
                previous = now;
            }

            // every charger is served; the set changes only at the three ticks, and nobody waits more than a period
            assertThat(servedAt).containsOnlyKeys("CP-001", "CP-002", "CP-003", "CP-004", "CP-005", "CP-006");
            assertThat(changes).containsExactly(firstTick, firstTick.plus(PERIOD), firstTick.plus(PERIOD.multipliedBy(2)));
            assertThat(sets).containsExactly(
                    Set.of("CP-003", "CP-004", "CP-005", "CP-006"),
                    Set.of("CP-001", "CP-002", "CP-005", "CP-006"),
                    Set.of("CP-001", "CP-002", "CP-003", "CP-004"));
            assertThat(longestWaits(fixture, site)).allSatisfy((cp, wait) -> assertThat(wait).as(cp).isLessThanOrEqualTo(PERIOD));
            assertThat(fixture.triggers().stream().filter("rotation"::equals)).hasSize(3);
            assertThat(fixture.triggers()).containsSubsequence("rotation", "manual", "config", "rotation");
        }
    }

    /** From the recorded decisions: each charger's longest stretch as queued. */
    private static Map<String, Duration> longestWaits(SiteFixture fixture, SiteHandle site) {
        var waits = new HashMap<String, Duration>();
        var queuedFrom = new HashMap<String, Instant>();
        var end = fixture.clock.instant();
        for (var decision : fixture.decisions) {
            for (var entry : decision.allocations()) {
                var cp = entry.chargePointId();
                if (entry.status().equals("queued")) queuedFrom.putIfAbsent(cp, decision.decidedAt());
                else if (queuedFrom.containsKey(cp)) {
                    waits.merge(cp, Duration.between(queuedFrom.remove(cp), decision.decidedAt()), (a, b) -> a.compareTo(b) > 0 ? a : b);
                }
            }
        }
        // those queued at the end have waited since then, but not a whole period yet (checked by the caller)
        queuedFrom.forEach((cp, from) -> waits.merge(cp, Duration.between(from, end), (a, b) -> a.compareTo(b) > 0 ? a : b));
        return waits;
    }

    @Test
    void queued_since_shows_while_waiting_and_admitted_chargers_yield_most_recently_admitted_last() {
        try (var fixture = new SiteFixture(T0)) {
            var site = sixSessions(fixture, 6);
            var queued = site.view().allocation().charger("CP-006").orElseThrow();
            assertThat(queued.queuedSince()).isEqualTo(T0.plusSeconds(5));
            assertThat(site.view().allocation().charger("CP-001").orElseThrow().queuedSince()).isNull();

            fixture.advanceTo(T0.plus(Duration.ofMinutes(16)));
            var rotated = site.view().allocation();
            assertThat(rotated.trigger()).isEqualTo(Trigger.ROTATION);
            // the two admitted first (CP-001, CP-002) yield; both queued since the tick
            assertThat(rotated.charger("CP-001").orElseThrow().queuedSince()).isEqualTo(T0.plusSeconds(4).plus(PERIOD));
            assertThat(rotated.charger("CP-005").orElseThrow().queuedSince()).isNull();
        }
    }

    @Test
    void a_newcomer_between_ticks_queues_behind_the_charging_ones() {
        try (var fixture = new SiteFixture(T0)) {
            var site = sixSessions(fixture, 7);
            fixture.advanceTo(T0.plus(Duration.ofMinutes(20)));
            var before = charging(site);
            assertThat(before).containsExactly("CP-003", "CP-004", "CP-005", "CP-006");

            site.startSession("CP-007", SessionStart.NONE, null);
            assertThat(charging(site)).isEqualTo(before);
            assertThat(site.view().allocation().charger("CP-007").orElseThrow().status()).isEqualTo(ChargerStatus.QUEUED);
            // and a stop frees a place: the longest-waiting queued ones are first in the sticky order
            site.stopSession("CP-003");
            assertThat(charging(site)).contains("CP-004", "CP-005", "CP-006").hasSize(4);
        }
    }

    @Test
    void a_tick_that_changes_nothing_records_no_decision_and_the_clock_goes_on() {
        try (var fixture = new SiteFixture(T0)) {
            // CP-002 sits behind a 10 A breaker: its 8 kW floor (11.6 A a phase) never fits, rotated or not
            var tiny = new CircuitDefinition("tiny", null, 10);
            fixture.registry.putSite(site("depot", 100, null, List.of(tiny),
                    List.of(charger("CP-001", 22), onCircuit("CP-002", 22, "tiny"))), _ -> {});
            var site = fixture.registry.site("depot").orElseThrow();
            site.storeConfig(_ -> rotating(10, 8));
            site.startSession("CP-001", SessionStart.NONE, null);
            site.startSession("CP-002", SessionStart.NONE, null);
            var decisions = fixture.decisions.size();
            assertThat(fixture.timers.next()).contains(T0.plus(PERIOD));

            fixture.advanceTo(T0.plus(PERIOD).plusSeconds(1));
            assertThat(fixture.decisions).hasSize(decisions);
            assertThat(site.view().allocation().charger("CP-002").orElseThrow().status()).isEqualTo(ChargerStatus.QUEUED);
            assertThat(fixture.timers.next()).contains(T0.plus(PERIOD.multipliedBy(2)));

            // once the queue is empty the rotation clock stops
            site.stopSession("CP-002");
            assertThat(fixture.timers.next()).isEmpty();
        }
    }

    @Test
    void a_config_with_a_shorter_period_moves_the_next_tick_to_one_new_period_after_the_last() {
        try (var fixture = new SiteFixture(T0)) {
            var site = sixSessions(fixture, 6);
            var started = T0.plusSeconds(4);
            fixture.advanceTo(T0.plus(Duration.ofMinutes(2)));
            site.storeConfig(_ -> new ChargingConfig(40, Strategy.EQUAL, 10, List.of(), List.of(), 5, false, T0));
            assertThat(fixture.timers.next()).contains(started.plus(Duration.ofMinutes(5)));

            fixture.advanceTo(started.plus(Duration.ofMinutes(5)));
            assertThat(site.view().allocation().trigger()).isEqualTo(Trigger.ROTATION);
            assertThat(charging(site)).containsExactly("CP-003", "CP-004", "CP-005", "CP-006");
            assertThat(fixture.timers.next()).contains(started.plus(Duration.ofMinutes(10)));
        }
    }
}
