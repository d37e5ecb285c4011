package dev.dynamo.site;

import static dev.dynamo.testing.TestSites.charger;
import static dev.dynamo.testing.TestSites.equal;
import static dev.dynamo.testing.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.ChargerMeter;
import dev.dynamo.contract.SessionChange;
import dev.dynamo.contract.SessionStart;
import dev.dynamo.contract.Strategy;
import dev.dynamo.store.DecisionRecord;
import dev.dynamo.store.Store;
import dev.dynamo.store.StoreException;
import dev.dynamo.store.StoredSession;
import dev.dynamo.store.StoredSite;
import dev.dynamo.store.Stores;
import dev.dynamo.testing.ManualClock;
import dev.dynamo.testing.ManualTimers;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state change reaches memory only after its durable write: a write that fails (here refused by the
 * database itself, in the middle of its transaction) leaves the site, its config and its sessions as
 * they were, in memory and in the store.
 */
class DurableWritesTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path dir;
    private Store store;
    private SiteRegistry registry;
    private ManualTimers timers;
    private final List<DecisionRecord> decisions = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        store = Stores.open(null, dir);
        var clock = new ManualClock(T0);
        timers = new ManualTimers(clock);
        registry = new SiteRegistry(new SiteEnvironment(clock, store, decisions::add, timers, Duration.ofMinutes(5)));
    }

    @AfterEach
    void close() {
        registry.close();
        store.close();
    }

    /** A trigger that makes the database refuse a write, as a full disk or a lost connection would. */
    private void refuse(String trigger, String on) throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Stores.SQLITE_FILE_NAME));
             var statement = connection.createStatement()) {
            statement.execute("CREATE TRIGGER " + trigger + " " + on + " BEGIN SELECT RAISE(ABORT, 'write refused'); END");
        }
    }

    private void allow(String trigger) throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Stores.SQLITE_FILE_NAME));
             var statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER " + trigger);
        }
    }

    private SiteHandle depotCharging() {
        registry.putSite(site("depot", 100, List.of(charger("CP-1", 22), charger("CP-2", 22), charger("CP-3", 22))), _ -> {});
        var site = registry.site("depot").orElseThrow();
        site.storeConfig(_ -> equal(60, 0, T0));
        for (var cp : List.of("CP-1", "CP-2", "CP-3")) site.startSession(cp, SessionStart.NONE, null);
        return site;
    }

    private StoredSite stored(String siteId) {
        return store.loadSites().stream().filter(s -> s.siteId().equals(siteId)).findFirst().orElseThrow();
    }

    @Test
    void a_failing_rotation_write_leaves_the_config_unchanged_in_memory_and_in_the_store() throws SQLException {
        var site = depotCharging();
        var before = site.view();
        var storedBefore = stored("depot");
        var decisionsBefore = decisions.size();
        // 20 kW with a 10 kW floor queues one charger: the decision starts the rotation clock, and that write fails
        refuse("no_rotation_clock", "BEFORE UPDATE OF rotation_clock_at ON site WHEN NEW.rotation_clock_at IS NOT NULL");
        var rotating = new ChargingConfig(20, Strategy.EQUAL, 10, List.of(), List.of(), 15, false, T0.plusSeconds(5));

        assertThatThrownBy(() -> site.storeConfig(_ -> rotating)).isInstanceOf(StoreException.class);

        assertThat(site.view().config()).isEqualTo(before.config());
        assertThat(site.view().allocation()).isEqualTo(before.allocation());
        assertThat(stored("depot")).isEqualTo(storedBefore);
        assertThat(decisions).hasSize(decisionsBefore);

        allow("no_rotation_clock");
        site.storeConfig(_ -> rotating);
        assertThat(site.view().config()).isEqualTo(rotating);
        assertThat(stored("depot").configJson()).contains("\"rotation_period_min\":15");
        assertThat(site.view().allocation().allocations()).extracting(ChargerAllocation::status)
                .containsExactly(ChargerStatus.CHARGING, ChargerStatus.CHARGING, ChargerStatus.QUEUED);
    }

    @Test
    void a_rotation_tick_the_store_refused_is_tried_again_and_the_queue_turns_once_the_store_is_back() throws SQLException {
        registry.putSite(site("depot", 100, List.of(charger("CP-1", 22), charger("CP-2", 22), charger("CP-3", 22))), _ -> {});
        var site = registry.site("depot").orElseThrow();
        site.storeConfig(_ -> new ChargingConfig(20, Strategy.EQUAL, 10, List.of(), List.of(), 15, false, T0));
        for (var cp : List.of("CP-1", "CP-2", "CP-3")) site.startSession(cp, SessionStart.NONE, null);
        var before = site.view().allocation();
        assertThat(before.allocations()).extracting(ChargerAllocation::status)
                .containsExactly(ChargerStatus.CHARGING, ChargerStatus.CHARGING, ChargerStatus.QUEUED);
        var tick = T0.plus(Duration.ofMinutes(15));
        refuse("no_tick", "BEFORE UPDATE OF rotation_clock_at ON site WHEN NEW.rotation_clock_at IS NOT NULL");

        timers.advanceTo(tick);
        registry.awaitIdle();

        assertThat(site.view().allocation()).isEqualTo(before);
        assertThat(timers.next()).contains(tick.plus(SiteTimers.RETRY_AFTER));

        allow("no_tick");
        timers.advanceTo(tick.plus(SiteTimers.RETRY_AFTER));
        registry.awaitIdle();
        assertThat(site.view().allocation().trigger()).isEqualTo(Trigger.ROTATION);
        assertThat(site.view().allocation().allocations()).filteredOn(a -> a.chargePointId().equals("CP-3"))
                .extracting(ChargerAllocation::status).containsExactly(ChargerStatus.CHARGING);
    }

    @Test
    void an_external_limit_whose_write_fails_is_not_in_force_and_one_lifted_stays_when_its_delete_fails() throws SQLException {
        var site = depotCharging();
        var before = site.view();
        refuse("no_limit_insert", "BEFORE INSERT ON external_limit");
        var limit = new dev.dynamo.contract.ExternalLimit("dso", 30, null, "congestion", T0);

        assertThatThrownBy(() -> site.setExternalLimit(limit)).isInstanceOf(StoreException.class);
        assertThat(site.view().limits()).isEmpty();
        assertThat(site.view().allocation()).isEqualTo(before.allocation());
        assertThat(store.loadExternalLimits()).isEmpty();

        allow("no_limit_insert");
        assertThat(site.setExternalLimit(limit)).isTrue();
        assertThat(site.view().allocation().totalAllocatedKw()).isLessThanOrEqualTo(30);
        var limited = site.view();
        refuse("no_limit_delete", "BEFORE DELETE ON external_limit");

        assertThatThrownBy(() -> site.liftExternalLimit("dso")).isInstanceOf(StoreException.class);
        assertThat(site.view().limits()).containsExactly(limit);
        assertThat(site.view().allocation()).isEqualTo(limited.allocation());
        assertThat(store.loadExternalLimits()).hasSize(1);
    }

    @Test
    void a_site_put_whose_write_fails_keeps_the_definition_and_the_sessions_it_would_end() throws SQLException {
        var site = depotCharging();
        var before = site.view();
        refuse("no_session_delete", "BEFORE DELETE ON charging_session");

        assertThatThrownBy(() -> registry.putSite(site("depot", 100, List.of(charger("CP-1", 22))), _ -> {}))
                .isInstanceOf(StoreException.class);

        assertThat(site.view().definition()).isEqualTo(before.definition());
        assertThat(site.view().sessions()).containsOnlyKeys("CP-1", "CP-2", "CP-3");
        assertThat(stored("depot").definitionJson()).contains("CP-3");
        assertThat(store.loadSessions()).extracting(StoredSession::chargePointId).containsExactly("CP-1", "CP-2", "CP-3");

        allow("no_session_delete");
        registry.putSite(site("depot", 100, List.of(charger("CP-1", 22))), _ -> {});
        assertThat(site.view().sessions()).containsOnlyKeys("CP-1");
        assertThat(store.loadSessions()).extracting(StoredSession::chargePointId).containsExactly("CP-1");
    }

    @Test
    void while_the_decision_log_is_full_requests_that_need_a_write_are_refused_and_change_nothing() {
        var full = new java.util.concurrent.atomic.AtomicBoolean();
        var sink = new DecisionSink() {
            @Override
            public void record(DecisionRecord decision) {
                decisions.add(decision);
            }

            @Override
            public boolean backlogged() {
                return full.get();
            }
        };
        var clock = new ManualClock(T0);
        try (var backlogged = new SiteRegistry(new SiteEnvironment(clock, store, sink, new ManualTimers(clock), Duration.ofMinutes(5)))) {
            backlogged.putSite(site("log", 100, List.of(charger("L-1", 22), charger("L-2", 22))), _ -> {});
            var site = backlogged.site("log").orElseThrow();
            site.storeConfig(_ -> equal(40, 0, T0));
            site.startSession("L-1", SessionStart.NONE, null);
            var before = site.view();
            var decisionsBefore = decisions.size();
            full.set(true);

            assertThatThrownBy(() -> site.startSession("L-2", SessionStart.NONE, null)).isInstanceOf(SiteBusyException.class);
            assertThatThrownBy(() -> site.stopSession("L-1")).isInstanceOf(SiteBusyException.class);
            assertThatThrownBy(() -> site.storeConfig(_ -> equal(30, 0, T0))).isInstanceOf(SiteBusyException.class);
            assertThatThrownBy(site::rebalance).isInstanceOf(SiteBusyException.class);
            // contract 10: PATCH …/session and an energy register reported through the API
            assertThatThrownBy(() -> site.changeSession("L-1", new SessionChange(true, 30.0, true, T0.plusSeconds(7_200))))
                    .isInstanceOf(SiteBusyException.class);
            assertThatThrownBy(() -> site.postChargerMeter("L-1", new ChargerMeter(null, null, 12.5, null)))
                    .isInstanceOf(SiteBusyException.class);

            assertThat(site.view()).isEqualTo(before);
            assertThat(decisions).hasSize(decisionsBefore);
            full.set(false);
            site.startSession("L-2", SessionStart.NONE, null);
            assertThat(site.view().sessions()).containsOnlyKeys("L-1", "L-2");
        }
    }

    @Test
    void a_session_start_whose_write_fails_is_not_started() throws SQLException {
        var site = depotCharging();
        site.stopSession("CP-3");
        var before = site.view();
        refuse("no_session_insert", "BEFORE INSERT ON charging_session");

        assertThatThrownBy(() -> site.startSession("CP-3", SessionStart.NONE, 7)).isInstanceOf(StoreException.class);

        assertThat(site.view().sessions()).containsOnlyKeys("CP-1", "CP-2");
        assertThat(site.view().allocation()).isEqualTo(before.allocation());
        assertThat(store.loadSessions()).extracting(StoredSession::chargePointId).containsExactly("CP-1", "CP-2");
    }

    @Test
    void a_session_change_whose_write_fails_leaves_the_session_as_it_was() throws SQLException {
        var site = depotCharging();
        site.storeConfig(_ -> new ChargingConfig(60, Strategy.EQUAL, 0, List.of(), List.of(), null, false, T0.plusSeconds(1), true));
        var before = site.view();
        var decisionsBefore = decisions.size();
        var storedBefore = store.loadSessions();
        refuse("no_session_change", "BEFORE INSERT ON charging_session");

        // 40 kWh in 2 h would be 20 kW for CP-1: nothing of it may show while the write fails
        var change = new SessionChange(true, 40.0, true, T0.plusSeconds(7_200));
        assertThatThrownBy(() -> site.changeSession("CP-1", change)).isInstanceOf(StoreException.class);

        assertThat(site.view().sessions()).isEqualTo(before.sessions());
        assertThat(site.view().allocation()).isEqualTo(before.allocation());
        assertThat(store.loadSessions()).isEqualTo(storedBefore);
        assertThat(decisions).hasSize(decisionsBefore);

        allow("no_session_change");
        var changed = site.changeSession("CP-1", change);
        assertThat(changed.energyNeededKwh()).isEqualTo(40.0);
        assertThat(site.view().sessions().get("CP-1").energyNeededKwh()).isEqualTo(40.0);
        assertThat(store.loadSessions()).filteredOn(s -> s.chargePointId().equals("CP-1"))
                .singleElement().extracting(StoredSession::sessionJson).asString().contains("\"energy_needed_kwh\":40");
        assertThat(site.view().allocation().trigger()).isEqualTo(Trigger.DEPARTURE);
    }
}
