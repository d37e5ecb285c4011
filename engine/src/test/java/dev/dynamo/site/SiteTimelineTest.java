package dev.dynamo.site;

import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.SessionStart;
import dev.dynamo.contract.Strategy;

import static dev.dynamo.testing.TestSites.charger;
import static dev.dynamo.testing.TestSites.equal;
import static dev.dynamo.testing.TestSites.everyDay;
import static dev.dynamo.testing.TestSites.scheduled;
import static dev.dynamo.testing.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.testing.MemoryStore;
import dev.dynamo.testing.SiteFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviour over time: schedule boundaries, comm loss, rotation, restarts. */
class SiteTimelineTest {
    // 10:00 UTC is 11:00 in Amsterdam
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void a_schedule_boundary_makes_a_schedule_decision_at_its_instant_without_polling() {
        try (var fixture = new SiteFixture(T0)) {
            fixture.registry.putSite(site("depot", 250, List.of(charger("CP-001", 22), charger("CP-002", 22))), _ -> {});
            var site = fixture.registry.site("depot").orElseThrow();
            // 12:00-14:00 local: 10 kW; otherwise 40 kW
            site.storeConfig(_ -> scheduled(40, List.of(everyDay(12 * 60, 14 * 60, 10)), T0));
            site.startSession("CP-001", SessionStart.NONE, null);
            site.startSession("CP-002", SessionStart.NONE, null);
            assertThat(site.view().allocation().totalBudgetKw()).isEqualTo(40);
            assertThat(fixture.timers.next()).contains(Instant.parse("2026-11-24T11:00:00Z"));

            fixture.advanceTo(Instant.parse("2026-11-24T11:30:00Z"));
            var allocation = site.view().allocation();
            assertThat(allocation.trigger()).isEqualTo(Trigger.SCHEDULE);
            assertThat(allocation.calculatedAt()).isEqualTo(Instant.parse("2026-11-24T11:00:00Z"));
            assertThat(allocation.totalBudgetKw()).isEqualTo(10);
            assertThat(allocation.allocations()).extracting(ChargerAllocation::allocatedKw).containsExactly(5.0, 5.0);

            fixture.advanceTo(Instant.parse("2026-11-24T13:30:00Z"));
            assertThat(site.view().allocation().totalBudgetKw()).isEqualTo(40);
            assertThat(fixture.triggers()).containsExactly("config", "session_start", "session_start", "schedule", "schedule");
        }
    }

    @Test
    void a_lost_charger_keeps_its_acknowledged_limit_reserved_until_the_grace_period_ends() {
        try (var fixture = new SiteFixture(T0)) {
            fixture.registry.putSite(site("depot", 100, List.of(charger("CP-001", 22), charger("CP-002", 22))), _ -> {});
            var site = fixture.registry.site("depot").orElseThrow();
            site.storeConfig(_ -> equal(30, 0, T0));
            site.connected("CP-001");
            site.startSession("CP-001", SessionStart.NONE, 1);
            site.limitsAcknowledged(Map.of("CP-001", 22.0));
            site.mayDraw(Map.of("CP-001", 22.0));
            site.startSession("CP-002", SessionStart.NONE, null);
            var shared = site.view().allocation();
            assertThat(shared.allocations()).extracting(ChargerAllocation::targetKw).containsExactly(15.0, 15.0);
            // contract 8: until CP-001 accepts its lowering it counts at the 22 kW it accepted
            assertThat(shared.allocations()).extracting(ChargerAllocation::allocatedKw).containsExactly(22.0, 15.0);

            site.disconnected("CP-001");
            var offline = site.view().allocation();
            assertThat(offline.allocations()).extracting(ChargerAllocation::status)
                    .containsExactly(ChargerStatus.OFFLINE, ChargerStatus.CHARGING);
            assertThat(offline.allocations()).extracting(ChargerAllocation::allocatedKw).containsExactly(22.0, 8.0);
            // contract 11: the reserved one is held at its own limit; the other has what the budget leaves
            assertThat(offline.allocations()).extracting(a -> a.limitedBy().json()).containsExactly("reservation", "budget");

            // after the grace period it counts at its default limit: 100 kW / 2 chargers, capped at 22
            fixture.advanceTo(T0.plus(Duration.ofMinutes(6)));
            assertThat(site.view().allocation().trigger()).isEqualTo(Trigger.DISCONNECT);
            site.connected("CP-001");
            assertThat(site.view().allocation().allocations()).extracting(ChargerAllocation::status)
                    .containsExactly(ChargerStatus.CHARGING, ChargerStatus.CHARGING);
            assertThat(fixture.triggers()).endsWith("disconnect", "disconnect", "connect");
        }
    }

    @Test
    void rotation_lets_the_longest_waiting_charger_in_at_each_tick() {
        try (var fixture = new SiteFixture(T0)) {
            fixture.registry.putSite(site("depot", 100, List.of(charger("CP-001", 22), charger("CP-002", 22))), _ -> {});
            var site = fixture.registry.site("depot").orElseThrow();
            site.storeConfig(_ -> new ChargingConfig(10, Strategy.EQUAL, 8, List.of(), List.of(), 15, false, T0));
            site.startSession("CP-001", SessionStart.NONE, null);
            fixture.clock.advance(Duration.ofSeconds(1));
            site.startSession("CP-002", SessionStart.NONE, null);
            assertThat(site.view().allocation().allocations()).extracting(ChargerAllocation::status)
                    .containsExactly(ChargerStatus.CHARGING, ChargerStatus.QUEUED);

            fixture.advanceTo(T0.plus(Duration.ofMinutes(16)));
            var rotated = site.view().allocation();
            assertThat(rotated.trigger()).isEqualTo(Trigger.ROTATION);
            assertThat(rotated.allocations()).extracting(ChargerAllocation::status)
                    .containsExactly(ChargerStatus.QUEUED, ChargerStatus.CHARGING);

            fixture.advanceTo(T0.plus(Duration.ofMinutes(31)));
            assertThat(site.view().allocation().allocations()).extracting(ChargerAllocation::status)
                    .containsExactly(ChargerStatus.CHARGING, ChargerStatus.QUEUED);
        }
    }

    @Test
    void a_restart_restores_sites_configs_and_sessions_and_decides_once_per_site() {
        var store = new MemoryStore();
        String sessionId;
        try (var fixture = new SiteFixture(T0, store)) {
            fixture.registry.putSite(site("depot", 100, List.of(charger("CP-001", 22), charger("CP-002", 22))), _ -> {});
            var site = fixture.registry.site("depot").orElseThrow();
            site.storeConfig(_ -> equal(30, 4.2, T0));
            sessionId = site.startSession("CP-001", new SessionStart(11.0, 40.0, null), 7).sessionId();
        }
        try (var fixture = new SiteFixture(T0.plusSeconds(60), store)) {
            fixture.registry.load();
            fixture.registry.decideAll();
            var view = fixture.registry.site("depot").orElseThrow().view();
            assertThat(view.config().minPowerPerChargerKw()).isEqualTo(4.2);
            assertThat(view.sessions().get("CP-001").sessionId()).isEqualTo(sessionId);
            assertThat(view.sessions().get("CP-001").transactionId()).isEqualTo(7);
            assertThat(view.allocation().allocations()).extracting(ChargerAllocation::allocatedKw).containsExactly(11.0);
            assertThat(fixture.triggers()).containsExactly("site");
            assertThat(fixture.registry.nextTransactionId()).isEqualTo(8);
        }
    }

    @Test
    void replacing_a_site_ends_the_sessions_of_chargers_it_no_longer_has() {
        try (var fixture = new SiteFixture(T0)) {
            fixture.registry.putSite(site("depot", 100, List.of(charger("CP-001", 22), charger("CP-002", 22))), _ -> {});
            var site = fixture.registry.site("depot").orElseThrow();
            site.storeConfig(_ -> equal(30, 0, T0));
            site.startSession("CP-001", SessionStart.NONE, null);
            site.startSession("CP-002", SessionStart.NONE, null);

            var put = fixture.registry.putSite(site("depot", 100, List.of(charger("CP-002", 22))), _ -> {});
            assertThat(put.created()).isFalse();
            assertThat(put.site().sessions()).containsOnlyKeys("CP-002");
            assertThat(fixture.store.loadSessions()).hasSize(1);
            assertThat(fixture.triggers()).last().isEqualTo("session_stop");
            assertThat(site.view().allocation().allocations()).extracting(ChargerAllocation::allocatedKw).containsExactly(22.0);
        }
    }

    @Test
    void unused_power_is_redistributed_and_the_cap_lifted_when_the_charger_draws_again_or_redistribution_ends() {
        try (var fixture = new SiteFixture(T0)) {
            fixture.registry.putSite(site("depot", 100, List.of(charger("CP-001", 22), charger("CP-002", 22))), _ -> {});
            var site = fixture.registry.site("depot").orElseThrow();
            site.storeConfig(_ -> new ChargingConfig(30, Strategy.EQUAL, 0, List.of(), List.of(), null, true, T0));
            site.startSession("CP-001", SessionStart.NONE, null);
            site.startSession("CP-002", SessionStart.NONE, null);

            site.meterValue("CP-001", 5, null);
            var lowered = site.view().allocation();
            assertThat(lowered.trigger()).isEqualTo(Trigger.MEASURED);
            var cp1 = lowered.charger("CP-001").orElseThrow();
            assertThat(cp1.capReason()).isEqualTo(CapReason.MEASURED);
            assertThat(cp1.capKw()).isEqualTo(6.5);
            assertThat(cp1.measuredKw()).isEqualTo(5);
            assertThat(lowered.charger("CP-002").orElseThrow().allocatedKw()).isEqualTo(22);

            site.meterValue("CP-001", 6.3, null);
            assertThat(site.view().allocation().charger("CP-001").orElseThrow().capReason()).isEqualTo(CapReason.CHARGER);
            assertThat(fixture.triggers()).endsWith("measured", "measured");

            // lowered again 5 minutes after the lift, then redistribution switched off: the cap goes at once
            fixture.advanceTo(T0.plus(Duration.ofMinutes(6)));
            site.meterValue("CP-001", 5, null);
            assertThat(site.view().allocation().charger("CP-001").orElseThrow().capReason()).isEqualTo(CapReason.MEASURED);
            site.storeConfig(_ -> equal(30, 0, T0));
            assertThat(site.view().allocation().charger("CP-001").orElseThrow().capReason()).isEqualTo(CapReason.CHARGER);
        }
    }
}
