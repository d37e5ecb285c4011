package dev.dynamo.site;

import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.CircuitDefinition;
import dev.dynamo.contract.SessionStart;

import static dev.dynamo.testing.TestSites.charger;
import static dev.dynamo.testing.TestSites.equal;
import static dev.dynamo.testing.TestSites.onCircuit;
import static dev.dynamo.testing.TestSites.onePhase;
import static dev.dynamo.testing.TestSites.priority;
import static dev.dynamo.testing.TestSites.site;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynamo.allocation.Phase;
import dev.dynamo.site.SiteStateException.Kind;
import dev.dynamo.testing.SiteFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SiteHandleTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private final SiteFixture fixture = new SiteFixture(T0);

    @AfterEach
    void close() {
        fixture.close();
    }

    private SiteHandle depot(double capacityKw, List<ChargerDefinition> chargers) {
        fixture.registry.putSite(site("depot", capacityKw, chargers), _ -> {});
        return fixture.registry.site("depot").orElseThrow();
    }

    private void tick() {
        fixture.clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void equal_sharing_splits_the_budget_and_records_one_decision_per_event() {
        var site = depot(250, List.of(charger("CP-001", 22), charger("CP-002", 22), charger("CP-003", 22)));
        site.storeConfig(_ -> equal(50, 0, T0));
        for (var cp : List.of("CP-001", "CP-002", "CP-003")) {
            tick();
            site.startSession(cp, SessionStart.NONE, null);
        }

        var allocation = site.view().allocation();
        assertThat(allocation.allocations()).extracting(ChargerAllocation::allocatedKw).containsExactly(16.66, 16.66, 16.66);
        assertThat(allocation.totalAllocatedKw()).isEqualTo(49.98);
        assertThat(allocation.allocations()).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(ChargerStatus.CHARGING);
            assertThat(a.capReason()).isEqualTo(CapReason.CHARGER);
            assertThat(a.currentA()).containsOnlyKeys(Phase.L1, Phase.L2, Phase.L3);
        });
        assertThat(fixture.triggers()).containsExactly("config", "session_start", "session_start", "session_start");
    }

    @Test
    void a_vehicle_on_one_phase_of_a_three_phase_charger_is_capped_at_a_third() {
        var site = depot(250, List.of(charger("CP-001", 22)));
        site.storeConfig(_ -> equal(100, 0, T0));
        site.startSession("CP-001", new SessionStart(null, null, 1), null);

        var a = site.view().allocation().allocations().getFirst();
        assertThat(a.capKw()).isEqualTo(7.33);
        assertThat(a.capReason()).isEqualTo(CapReason.PHASES);
        assertThat(a.allocatedKw()).isEqualTo(7.33);
        assertThat(a.currentA()).containsOnlyKeys(Phase.L1);
        assertThat(a.currentA().get(Phase.L1)).isEqualTo(31.86);
    }

    @Test
    void the_vehicle_cap_shows_as_the_cap_reason() {
        var site = depot(250, List.of(charger("CP-001", 22)));
        site.storeConfig(_ -> equal(100, 0, T0));
        site.startSession("CP-001", new SessionStart(11.0, null, null), null);

        var a = site.view().allocation().allocations().getFirst();
        assertThat(a.capKw()).isEqualTo(11);
        assertThat(a.capReason()).isEqualTo(CapReason.VEHICLE);
    }

    @Test
    void priority_admits_floors_by_rank_and_queues_the_charger_whose_floor_does_not_fit() {
        var site = depot(250, List.of(charger("CP-001", 22), charger("CP-002", 22), charger("CP-003", 22)));
        site.storeConfig(_ -> priority(20, 8, List.of("CP-003", "CP-001"), T0));
        for (var cp : List.of("CP-001", "CP-002", "CP-003")) {
            tick();
            site.startSession(cp, SessionStart.NONE, null);
        }

        var byId = site.view().allocation().allocations();
        assertThat(byId).extracting(ChargerAllocation::chargePointId).containsExactly("CP-001", "CP-002", "CP-003");
        assertThat(byId).extracting(ChargerAllocation::allocatedKw).containsExactly(8.0, 0.0, 12.0);
        assertThat(byId.get(1).status()).isEqualTo(ChargerStatus.QUEUED);
        assertThat(byId.get(1).queuedSince()).isEqualTo(fixture.clock.instant());
        assertThat(byId.get(0).queuedSince()).isNull();
    }

    @Test
    void circuits_limit_the_chargers_under_them_and_report_their_current() {
        var definition = site("depot", 250, 400.0, List.of(new CircuitDefinition("row-1", null, 32)),
                List.of(onCircuit("CP-001", 22, "row-1"), onCircuit("CP-002", 22, "row-1"), charger("CP-003", 22)));
        fixture.registry.putSite(definition, _ -> {});
        var site = fixture.registry.site("depot").orElseThrow();
        site.storeConfig(_ -> equal(100, 0, T0));
        for (var cp : List.of("CP-001", "CP-002", "CP-003")) site.startSession(cp, SessionStart.NONE, null);

        var allocation = site.view().allocation();
        // 32 A per phase shared by two 3-phase chargers: 16 A each = 11.04 kW
        assertThat(allocation.allocations()).extracting(ChargerAllocation::allocatedKw).containsExactly(11.04, 11.04, 22.0);
        assertThat(allocation.circuits()).extracting(CircuitLoad::circuitId).containsExactly("grid", "row-1");
        assertThat(allocation.circuits().get(1).l1A()).isEqualTo(32.0);
    }

    @Test
    void a_one_phase_charger_draws_current_on_its_own_phase_only() {
        var site = depot(250, List.of(onePhase("CP-009", 7.4, Phase.L2, null)));
        site.storeConfig(_ -> equal(100, 0, T0));
        site.startSession("CP-009", SessionStart.NONE, null);

        var a = site.view().allocation().allocations().getFirst();
        assertThat(a.phasesInUse()).isEqualTo(1);
        assertThat(a.currentA()).containsOnlyKeys(Phase.L2);
        assertThat(a.currentA().get(Phase.L2)).isEqualTo(32.17);
    }

    @Test
    void a_second_session_on_a_charger_is_a_conflict_and_stopping_none_is_not_found() {
        var site = depot(250, List.of(charger("CP-001", 22)));
        site.startSession("CP-001", SessionStart.NONE, null);

        assertThatThrownBy(() -> site.startSession("CP-001", SessionStart.NONE, null))
                .isInstanceOfSatisfying(SiteStateException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
        site.stopSession("CP-001");
        assertThatThrownBy(() -> site.stopSession("CP-001"))
                .isInstanceOfSatisfying(SiteStateException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
        assertThatThrownBy(() -> site.startSession("CP-404", SessionStart.NONE, null))
                .isInstanceOfSatisfying(SiteStateException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void a_site_without_config_takes_sessions_and_decides_first_when_a_config_is_stored() {
        var site = depot(250, List.of(charger("CP-001", 22)));
        site.startSession("CP-001", SessionStart.NONE, null);
        assertThat(site.view().allocation()).isNull();
        assertThat(fixture.decisions).isEmpty();

        var stored = site.storeConfig(_ -> equal(100, 0, T0));
        assertThat(stored.created()).isTrue();
        assertThat(stored.allocation().allocations()).extracting(ChargerAllocation::allocatedKw).containsExactly(22.0);
        assertThat(site.storeConfig(_ -> equal(10, 0, T0)).created()).isFalse();
        assertThat(site.view().allocation().totalAllocatedKw()).isEqualTo(10);
    }

    @Test
    void a_refused_config_changes_nothing() {
        var site = depot(250, List.of(charger("CP-001", 22)));
        site.storeConfig(_ -> equal(100, 0, T0));
        var before = fixture.store.loadSites();

        assertThatThrownBy(() -> site.storeConfig(_ -> {
            throw new IllegalArgumentException("refused");
        })).hasMessage("refused");
        assertThat(fixture.store.loadSites()).isEqualTo(before);
        assertThat(site.view().config().maxPowerKw()).isEqualTo(100);
        assertThat(fixture.decisions).hasSize(1);
    }

    @Test
    void listeners_hear_every_decision_with_the_new_limits() {
        var heard = new CopyOnWriteArrayList<AllocationSnapshot>();
        fixture.registry.addListener((_, allocation) -> heard.add(allocation));
        var site = depot(250, List.of(charger("CP-001", 22)));
        site.storeConfig(_ -> equal(100, 0, T0));
        site.startSession("CP-001", SessionStart.NONE, 42);

        assertThat(heard).hasSize(2);
        assertThat(heard.getLast().charger("CP-001").orElseThrow().allocatedKw()).isEqualTo(22);
        assertThat(site.stopByTransaction("CP-002", 42)).isEmpty(); // another charger's transaction: nothing changes
        assertThat(site.stopByTransaction("CP-001", 42)).isPresent();
        assertThat(heard.getLast().allocations()).isEmpty();
        assertThat(fixture.registry.findCharger("CP-001").orElseThrow().site().siteId()).isEqualTo("depot");
    }
}
