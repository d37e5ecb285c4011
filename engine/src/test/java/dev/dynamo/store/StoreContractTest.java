package dev.dynamo.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.dynamo.store.DecisionRecord.Entry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Store} must do; run against each database by a subclass. */
abstract class StoreContractTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    protected Store store;

    /** Opens the subclass's database; called again after close to check durability. */
    protected abstract Store openStore();

    @BeforeEach
    void openFirst() {
        store = openStore();
    }

    @AfterEach
    void closeLast() {
        store.close();
    }

    private void reopen() {
        store.close();
        store = openStore();
    }

    @Test
    void transaction_ids_are_reserved_above_every_earlier_reservation_also_after_a_reopen() {
        assertThat(store.reserveTransactionIds(0, 64)).isEqualTo(64);
        assertThat(store.reserveTransactionIds(0, 64)).isEqualTo(128);
        reopen();
        assertThat(store.reserveTransactionIds(0, 64)).isEqualTo(192);
        // above the ids of sessions stored before the sequence existed
        assertThat(store.reserveTransactionIds(1000, 64)).isEqualTo(1064);
        assertThat(store.reserveTransactionIds(10, 1)).isEqualTo(1065);
    }

    @Test
    void a_sessions_energy_is_kept_with_it_and_goes_with_it() {
        var energy = new SessionEnergy(12.5, 13.0, 0.75, T0.plusSeconds(60), 11.04);
        var later = new SessionEnergy(12.5, null, 1.5, T0.plusSeconds(120), 7.36);
        store.putSession(new StoredSession("depot", "CP-1", "{}"));
        store.putSession(new StoredSession("depot", "CP-2", "{}"), new RotationState("depot", null, Map.of(),
                Map.of("CP-1", energy, "CP-2", energy)));
        // the energy of a charger without a session in progress is not kept
        store.writeEnergy(List.of(new StoredEnergy("depot", "CP-1", later), new StoredEnergy("depot", "CP-9", later)));
        reopen();
        assertThat(store.loadEnergy()).containsExactly(new StoredEnergy("depot", "CP-1", later),
                new StoredEnergy("depot", "CP-2", energy));

        // an ended session's energy goes with it: a new session on that charger starts without it
        store.deleteSession("depot", "CP-1");
        store.deleteSession("depot", "CP-2", new RotationState("depot", T0.plusSeconds(180), Map.of(), Map.of()));
        store.putSession(new StoredSession("depot", "CP-1", "{}"));
        store.putSession(new StoredSession("depot", "CP-2", "{}"));
        reopen();
        assertThat(store.loadEnergy()).isEmpty();

        // so does the energy of a session a new site definition ends
        store.writeEnergy(List.of(new StoredEnergy("depot", "CP-1", energy), new StoredEnergy("depot", "CP-2", energy)));
        store.putSite("depot", "{}", List.of("CP-1"), new RotationState("depot", null, Map.of(), Map.of()));
        assertThat(store.loadEnergy()).containsExactly(new StoredEnergy("depot", "CP-2", energy));
    }

    @Test
    void sites_are_loaded_in_id_order_with_their_config() {
        store.putSite("site-b", "{\"b\":1}");
        store.putSite("site-a", "{\"a\":1}");
        store.putConfig("site-a", "{\"max_power_kw\":150}", T0);

        assertThat(store.loadSites()).containsExactly(
                new StoredSite("site-a", "{\"a\":1}", "{\"max_power_kw\":150}", T0),
                new StoredSite("site-b", "{\"b\":1}", null, null));
    }

    @Test
    void replacing_a_site_definition_keeps_its_config() {
        store.putSite("depot", "{\"v\":1}");
        store.putConfig("depot", "{\"c\":1}", T0);
        store.putSite("depot", "{\"v\":2}");

        assertThat(store.loadSites()).containsExactly(new StoredSite("depot", "{\"v\":2}", "{\"c\":1}", T0));
    }

    @Test
    void a_config_put_that_returned_is_read_back_after_reopening() {
        store.putSite("depot", "{}");
        store.putConfig("depot", "{\"c\":1}", T0);
        store.putConfig("depot", "{\"c\":2}", T0.plusMillis(1_234));
        reopen();

        assertThat(store.loadSites()).containsExactly(
                new StoredSite("depot", "{}", "{\"c\":2}", T0.plusMillis(1_234)));
    }

    @Test
    void a_config_for_an_unknown_site_is_refused() {
        assertThatThrownBy(() -> store.putConfig("nowhere", "{}", T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nowhere");
    }

    @Test
    void sessions_are_created_replaced_deleted_and_survive_reopening() {
        store.putSession(new StoredSession("depot", "CP-2", "{\"s\":1}"));
        store.putSession(new StoredSession("depot", "CP-1", "{\"s\":2}"));
        store.putSession(new StoredSession("yard", "CP-1", "{\"s\":3}"));
        store.putSession(new StoredSession("depot", "CP-2", "{\"s\":4}"));
        store.deleteSession("yard", "CP-1");
        store.deleteSession("yard", "CP-unknown");
        reopen();

        assertThat(store.loadSessions()).containsExactly(
                new StoredSession("depot", "CP-1", "{\"s\":2}"),
                new StoredSession("depot", "CP-2", "{\"s\":4}"));
    }

    @Test
    void rotation_state_written_alone_or_with_a_session_write_is_loaded_after_reopening() {
        store.putSite("depot", "{}");
        store.putSite("yard", "{}");
        store.putSession(new StoredSession("depot", "CP-1", "{}"));
        var queued = new SessionRotation(T0.plusMillis(1_500), null, 1);
        store.putSession(new StoredSession("depot", "CP-2", "{}"), new RotationState("depot", T0.plusSeconds(3),
                Map.of("CP-1", new SessionRotation(null, T0, 0), "CP-2", queued)));
        store.putSession(new StoredSession("yard", "CP-1", "{}"));
        store.writeRotation(new RotationState("yard", null, Map.of("CP-1", new SessionRotation(null, T0, null))));
        reopen();

        assertThat(store.loadRotation()).containsExactly(
                new RotationState("depot", T0.plusSeconds(3), Map.of("CP-1", new SessionRotation(null, T0, 0), "CP-2", queued)),
                new RotationState("yard", null, Map.of("CP-1", new SessionRotation(null, T0, null))));
    }

    @Test
    void a_replaced_session_keeps_its_rotation_state_and_a_deleted_one_takes_it_with_it() {
        store.putSite("depot", "{}");
        store.putSession(new StoredSession("depot", "CP-1", "{\"s\":1}"));
        store.putSession(new StoredSession("depot", "CP-2", "{}"));
        var charging = new SessionRotation(null, T0, 0);
        store.writeRotation(new RotationState("depot", T0, Map.of("CP-1", charging, "CP-2", new SessionRotation(T0, null, 1))));
        store.putSession(new StoredSession("depot", "CP-1", "{\"s\":2}"));
        // the deletion and the rotation change it brings are one write; a charger without a session is skipped
        store.deleteSession("depot", "CP-2", new RotationState("depot", null,
                Map.of("CP-1", new SessionRotation(null, T0, 1), "CP-3", charging)));
        store.putSession(new StoredSession("depot", "CP-2", "{}"));
        reopen();

        assertThat(store.loadSessions()).contains(new StoredSession("depot", "CP-1", "{\"s\":2}"));
        assertThat(store.loadRotation()).containsExactly(
                new RotationState("depot", T0, Map.of("CP-1", new SessionRotation(null, T0, 1))));
    }

    @Test
    void an_empty_rotation_write_changes_nothing_and_a_later_clock_replaces_the_earlier() {
        store.putSite("depot", "{}");
        store.writeRotation(RotationState.unchanged("depot"));
        assertThat(store.loadRotation()).isEmpty();

        store.writeRotation(new RotationState("depot", T0, Map.of()));
        store.writeRotation(new RotationState("depot", T0.plusSeconds(900), Map.of()));
        assertThat(store.loadRotation()).containsExactly(new RotationState("depot", T0.plusSeconds(900), Map.of()));
    }

    @Test
    void a_decision_is_read_back_whole() {
        var decision = new DecisionRecord("depot", T0.plusMillis(7), "session_start", "priority", 150.5, 29.4,
                List.of(new Entry("CP-001", 22, "charging"), new Entry("CP-002", 7.4, "offline"),
                        new Entry("CP-Ünï-003", 0, "queued"), new Entry("CP-004", 0.01, "paused")));
        store.appendDecisions(List.of(decision));
        reopen();

        assertThat(store.latestDecisions("depot", T0, T0.plusSeconds(1), 10)).containsExactly(decision);
        assertThat(store.decisionBefore("depot", T0.plusSeconds(1))).contains(decision);
    }

    @Test
    void a_decision_without_active_chargers_is_stored() {
        store.appendDecisions(List.of(new DecisionRecord("depot", T0, "config", "equal", 50, 0, List.of())));

        assertThat(store.decisionBefore("depot", T0.plusMillis(1)).orElseThrow().allocations()).isEmpty();
    }

    @Test
    void decision_before_is_strictly_before_and_the_latest_appended_wins_a_tie() {
        store.appendDecisions(List.of(decision("depot", T0, "config", 1), decision("depot", T0, "manual", 2)));
        store.appendDecisions(List.of(decision("depot", T0.plusSeconds(10), "schedule", 3)));
        store.appendDecisions(List.of(decision("yard", T0.plusSeconds(5), "config", 9)));

        assertThat(store.decisionBefore("depot", T0)).isEmpty();
        assertThat(store.decisionBefore("depot", T0.plusMillis(1)).orElseThrow().totalAllocatedKw()).isEqualTo(2);
        assertThat(store.decisionBefore("depot", T0.plusSeconds(10)).orElseThrow().totalAllocatedKw()).isEqualTo(2);
        assertThat(store.decisionBefore("depot", T0.plusSeconds(11)).orElseThrow().totalAllocatedKw()).isEqualTo(3);
        assertThat(store.decisionBefore("elsewhere", T0.plusSeconds(11))).isEmpty();
    }

    @Test
    void decisions_in_a_range_come_oldest_first_in_append_order_within_from_inclusive_to_exclusive() {
        store.appendDecisions(List.of(decision("depot", T0.minusMillis(1), "config", 0)));
        store.appendDecisions(List.of(decision("depot", T0.plusSeconds(5), "session_start", 3),
                decision("depot", T0, "config", 1)));
        store.appendDecisions(List.of(decision("depot", T0.plusSeconds(5), "session_stop", 4),
                decision("yard", T0.plusSeconds(1), "config", 99),
                decision("depot", T0.plusSeconds(10), "manual", 5)));

        var seen = new ArrayList<Double>();
        store.forEachDecision("depot", T0, T0.plusSeconds(10), decision -> seen.add(decision.totalAllocatedKw()));

        assertThat(seen).containsExactly(1.0, 3.0, 4.0);
    }

    @Test
    void the_scanner_sees_the_same_decisions_as_the_record_callback() {
        store.appendDecisions(List.of(decision("depot", T0, "config", 1), decision("depot", T0, "manual", 2),
                new DecisionRecord("depot", T0.plusSeconds(2), "site", "priority", 80, 29.4, List.of(
                        new Entry("CP-9", 22, "charging"), new Entry("CP-1", 7.4, "charging"),
                        new Entry("CP-5", 0, "queued"), new Entry("CP-7", 0, "paused"))),
                decision("depot", T0.plusSeconds(3), "manual", 5), decision("yard", T0.plusSeconds(2), "manual", 9)));

        var viaRecords = new ArrayList<DecisionRecord>();
        store.forEachDecision("depot", T0, T0.plusSeconds(3), viaRecords::add);
        var scanned = new ArrayList<DecisionRecord>();
        ((DecisionScanner) store).scanDecisions("depot", T0, T0.plusSeconds(3), (atMs, budgetKw, totalKw, view) -> {
            var entries = new ArrayList<Entry>();
            for (var i = 0; i < view.size(); i++) entries.add(new Entry(view.chargePointId(i), view.allocatedKw(i), "?"));
            scanned.add(new DecisionRecord("depot", Instant.ofEpochMilli(atMs), "?", "?", budgetKw, totalKw, entries));
        });

        assertThat(viaRecords).hasSize(3);
        assertThat(scanned).hasSize(3);
        for (var i = 0; i < 3; i++) {
            var expected = viaRecords.get(i);
            assertThat(scanned.get(i).decidedAt()).isEqualTo(expected.decidedAt());
            assertThat(scanned.get(i).totalBudgetKw()).isEqualTo(expected.totalBudgetKw());
            assertThat(scanned.get(i).totalAllocatedKw()).isEqualTo(expected.totalAllocatedKw());
            assertThat(scanned.get(i).allocations()).extracting(Entry::chargePointId, Entry::allocatedKw)
                    .containsExactlyElementsOf(expected.allocations().stream()
                            .map(e -> tuple(e.chargePointId(), e.allocatedKw())).toList());
        }
    }

    @Test
    void latest_decisions_come_newest_first_with_ties_later_appended_first_up_to_the_limit() {
        store.appendDecisions(List.of(decision("depot", T0, "config", 1), decision("depot", T0, "manual", 2),
                decision("depot", T0.plusSeconds(3), "schedule", 3), decision("depot", T0.plusSeconds(3), "manual", 4),
                decision("depot", T0.plusSeconds(9), "manual", 5), decision("yard", T0.plusSeconds(4), "manual", 99)));

        assertThat(store.latestDecisions("depot", T0, T0.plusSeconds(9), 10))
                .extracting(DecisionRecord::totalAllocatedKw).containsExactly(4.0, 3.0, 2.0, 1.0);
        assertThat(store.latestDecisions("depot", T0, T0.plusSeconds(10), 3))
                .extracting(DecisionRecord::totalAllocatedKw).containsExactly(5.0, 4.0, 3.0);
        assertThat(store.latestDecisions("depot", T0.plusMillis(1), T0.plusSeconds(3), 10)).isEmpty();
    }

    @Test
    void decision_times_are_kept_to_the_millisecond() {
        store.appendDecisions(List.of(decision("depot", T0.plusNanos(123_456_789), "manual", 1)));

        assertThat(store.decisionBefore("depot", T0.plusSeconds(1)).orElseThrow().decidedAt())
                .isEqualTo(T0.plusMillis(123));
    }

    static DecisionRecord decision(String siteId, Instant at, String trigger, double totalKw) {
        return new DecisionRecord(siteId, at, trigger, "equal", 100, totalKw,
                List.of(new Entry("CP-1", totalKw, totalKw > 0 ? "charging" : "queued")));
    }
}
