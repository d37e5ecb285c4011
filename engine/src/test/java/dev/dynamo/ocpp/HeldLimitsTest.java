package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dynamo.site.ChargerAllocation;
import dev.dynamo.site.ProfileStatus;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Contract 8, last paragraph: until a charger accepts a lowered limit it counts at its previous one, and the
 * raises that need the difference wait (counted at what their chargers drew). A decision's targets stay as
 * decided: what the site counts follows the chargers' answers without another decision.
 */
class HeldLimitsTest {
    private static final List<String> IDS = List.of("A", "B", "C", "D");

    @Test
    void a_refused_lowering_counts_at_the_previous_limit_until_it_is_accepted_without_another_decision() {
        try (var site = new HeldLimitsHarness(44, List.of("A", "B"))) {
            site.start("A");
            site.acceptAll();
            site.start("B");
            site.acceptAll();
            assertThat(site.inForceSumKw()).isEqualTo(44);

            site.budget(30); // 15 kW each
            var decided = site.fixture.decisions.size();
            site.answer("A", false);
            site.answer("B", true);

            var held = site.allocation();
            assertThat(held.charger("A").orElseThrow()).satisfies(a -> {
                assertThat(a.targetKw()).isEqualTo(15);
                assertThat(a.allocatedKw()).isEqualTo(22);
                assertThat(a.profile().state()).isEqualTo(ProfileStatus.State.REFUSED);
                assertThat(a.profile().limitKw()).isEqualTo(22);
            });
            assertThat(held.charger("B").orElseThrow().allocatedKw()).isEqualTo(15);
            // above the lowered budget by A's unaccepted lowering only: what the chargers may draw
            assertThat(held.totalAllocatedKw()).isEqualTo(37);
            assertThat(site.inForceSumKw()).isEqualTo(37);

            site.retry(); // A gets its lowering again and accepts it
            site.answer("A", true);

            var settled = site.allocation();
            assertThat(settled.allocations()).extracting(ChargerAllocation::allocatedKw).containsOnly(15.0);
            assertThat(settled.totalAllocatedKw()).isEqualTo(30);
            assertThat(settled.charger("A").orElseThrow().profile().state()).isEqualTo(ProfileStatus.State.IN_SYNC);
            assertThat(site.fixture.decisions).as("no decision for an answer").hasSize(decided);
        }
    }

    @Test
    void a_raise_waits_for_another_chargers_lowering_and_counts_at_what_its_charger_drew_until_it_goes_out() {
        try (var site = new HeldLimitsHarness(44, List.of("A", "B"))) {
            site.start("A");
            site.acceptAll();
            site.start("B");
            site.acceptAll();
            site.budget(30); // 15 kW each: A accepts, B's lowering stays on its way
            site.answer("A", true);
            assertThat(site.allocation().charger("B").orElseThrow().allocatedKw()).isEqualTo(22);

            site.budget(40); // 20 kW each: a raise for A, still a lowering for B (it may draw 22)
            var decided = site.fixture.decisions.size();
            var waiting = site.allocation();
            assertThat(waiting.allocations()).extracting(ChargerAllocation::targetKw).containsOnly(20.0);
            assertThat(waiting.charger("A").orElseThrow().allocatedKw()).isEqualTo(15);
            assertThat(waiting.charger("B").orElseThrow().allocatedKw()).isEqualTo(22);
            assertThat(waiting.totalAllocatedKw()).isEqualTo(37);
            assertThat(site.chargers.get("A").unanswered).as("A's raise waits").isEmpty();
            assertThat(site.pusher.holdsRaisesFor("B")).isTrue();

            site.answer("B", true); // the 15 kW it was sent first: it cannot draw more than 20 any more
            var released = site.allocation();
            assertThat(site.chargers.get("A").unanswered).extracting(HeldLimitsHarness.Sent::limitKw).containsExactly(20.0);
            assertThat(released.allocations()).extracting(ChargerAllocation::allocatedKw).containsOnly(20.0);
            assertThat(released.charger("A").orElseThrow().profile().state()).isEqualTo(ProfileStatus.State.SENDING);

            site.acceptAll();
            assertThat(site.chargers.values()).allSatisfy(c -> assertThat(c.inForceKw).isEqualTo(20));
            assertThat(site.fixture.decisions).as("no decision for an answer").hasSize(decided);
        }
    }

    @Test
    void a_new_session_counts_at_its_default_limit_until_it_accepts_its_first_tx_profile() {
        try (var site = new HeldLimitsHarness(44, List.of("A", "B", "C"))) {
            site.start("A");
            site.answer("A", true);
            site.start("B");
            site.answer("B", true);
            var decisions = site.fixture.decisions.size();

            site.start("C"); // 14.66 kW each; C may draw its default (66 kW / 3 chargers) until then
            var lowering = site.allocation();
            assertThat(lowering.allocations()).extracting(ChargerAllocation::targetKw).containsOnly(14.66);
            assertThat(lowering.allocations()).extracting(ChargerAllocation::allocatedKw).containsOnly(22.0);
            site.answer("A", true);
            site.answer("B", true);
            site.answer("C", true);

            assertThat(site.fixture.decisions).hasSize(decisions + 1);
            assertThat(site.allocation().allocations()).extracting(ChargerAllocation::allocatedKw).containsOnly(14.66);
            assertThat(site.inForceSumKw()).isCloseTo(43.98, within(1e-9));
        }
    }

    @Test
    void a_raise_on_its_way_counts_at_once_and_is_reserved_when_the_connection_drops() {
        try (var site = new HeldLimitsHarness(30, List.of("A", "B"))) {
            site.start("A");
            site.acceptAll();
            site.start("B");
            site.acceptAll();

            site.budget(44); // raises only: they go out at once, counted at once
            assertThat(site.allocation().allocations()).extracting(ChargerAllocation::allocatedKw).containsOnly(22.0);
            site.disconnect("A", true);

            var lost = site.allocation().charger("A").orElseThrow();
            assertThat(lost.status()).isEqualTo(dev.dynamo.site.ChargerStatus.OFFLINE);
            assertThat(lost.allocatedKw()).isEqualTo(22);
            assertThat(site.allocation().totalAllocatedKw()).isEqualTo(44);
        }
    }

    sealed interface Step permits Stop, Answer, Retry, Budget {}

    record Stop(String cp) implements Step {}

    record Answer(String cp, boolean accept) implements Step {}

    record Retry() implements Step {}

    record Budget(double kw) implements Step {}

    /**
     * Sessions start and settle first (a start draws its TxDefaultProfile until its first TxProfile lands,
     * sized against the grid capacity, not the budget); then budgets change, sessions stop and chargers accept
     * or reject what they are sent, in any order. After every step the site counts each charger at least at
     * what it may draw, and keeps rule 1 but for lowerings not accepted yet (by the difference to their
     * targets); once every charger has accepted its latest limit, each is counted at its fair share.
     */
    @Property(tries = 200)
    void the_site_counts_what_each_charger_may_draw_and_all_settle_on_the_fair_share(
            @ForAll("starts") List<String> starts, @ForAll("steps") List<Step> steps, @ForAll("budgets") double budgetKw) {
        try (var site = new HeldLimitsHarness(budgetKw, IDS)) {
            for (var cp : starts) {
                site.start(cp);
                site.acceptAll();
            }
            for (var step : steps) {
                switch (step) {
                    case Stop s -> site.stop(s.cp());
                    case Answer a -> site.answer(a.cp(), a.accept());
                    case Retry _ -> site.retry();
                    case Budget b -> site.budget(b.kw());
                }
                var allocation = site.allocation();
                for (var charger : site.chargers.values()) {
                    if (charger.transactionId == null) continue;
                    var countedKw = allocation.charger(charger.chargePointId()).orElseThrow().allocatedKw();
                    assertThat(charger.mayDrawKw()).as("%s after %s", charger.chargePointId(), step)
                            .isLessThanOrEqualTo(countedKw + 1e-9);
                }
                var excessKw = allocation.allocations().stream()
                        .mapToDouble(a -> Math.max(0, a.allocatedKw() - a.targetKw())).sum();
                assertThat(allocation.totalAllocatedKw()).as("allocated after %s", step)
                        .isLessThanOrEqualTo(site.budgetKw + excessKw + 1e-6);
            }
            site.acceptAll();

            var charging = site.chargers.values().stream().filter(c -> c.transactionId != null).toList();
            var allocation = site.allocation();
            assertThat(allocation.allocations()).allSatisfy(a -> assertThat(a.allocatedKw()).isEqualTo(a.targetKw()));
            if (!charging.isEmpty()) {
                var shareKw = Math.floor(Math.min(22, site.budgetKw / charging.size()) * 100 + 1e-6) / 100;
                assertThat(allocation.allocations()).extracting(ChargerAllocation::allocatedKw).containsOnly(shareKw);
                assertThat(charging).allSatisfy(c -> assertThat(c.inForceKw).isCloseTo(shareKw, within(1e-9)));
            }
        }
    }

    @Provide
    Arbitrary<List<String>> starts() {
        return Arbitraries.of(IDS).list().uniqueElements().ofMinSize(1).ofMaxSize(IDS.size());
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        var cp = Arbitraries.of(IDS);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, cp.map(Stop::new)),
                net.jqwik.api.Tuple.of(8, net.jqwik.api.Combinators.combine(cp, Arbitraries.of(true, true, false)).as(Answer::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Retry())),
                net.jqwik.api.Tuple.of(2, budgets().map(Budget::new)));
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<Double> budgets() {
        return Arbitraries.of(20.0, 30.0, 44.0, 50.0);
    }
}
