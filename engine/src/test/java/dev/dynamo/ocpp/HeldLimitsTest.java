package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dynamo.site.ChargerAllocation;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Issue 3: until a charger accepts a lowered limit, the engine assumes it still draws its previous one. */
class HeldLimitsTest {
    private static final List<String> IDS = List.of("A", "B", "C", "D");

    @Test
    void a_charger_that_rejects_its_lowering_keeps_its_old_limit_held_until_it_accepts() {
        try (var site = new HeldLimitsHarness(44, List.of("A", "B", "C"))) {
            site.start("A");
            site.answer("A", true);
            site.start("B");
            site.answer("B", true);
            assertThat(site.inForceSumKw()).isEqualTo(44);

            site.start("C"); // 14.66 kW each: A and B are lowered first, C waits for them
            site.answer("A", false);
            site.answer("B", true);

            var held = site.allocation();
            assertThat(held.charger("A").orElseThrow()).satisfies(a -> {
                assertThat(a.allocatedKw()).isEqualTo(22);
                assertThat(a.loweringKw()).isEqualTo(14.66);
            });
            // B and C share what A does not give up
            assertThat(held.charger("B").orElseThrow().allocatedKw()).isEqualTo(11);
            assertThat(held.charger("C").orElseThrow().allocatedKw()).isEqualTo(11);
            assertThat(held.totalAllocatedKw()).isLessThanOrEqualTo(44);
            assertThat(held.trigger().json()).isEqualTo("measured");
            // B and C get their limits without waiting for A's lowering, since A's old limit is held
            while (!site.chargers.get("B").unanswered.isEmpty() || !site.chargers.get("C").unanswered.isEmpty()) {
                site.answer("B", true);
                site.answer("C", true);
            }
            assertThat(site.chargers.get("A").unanswered).isEmpty(); // its retry waits for its back-off
            assertThat(site.chargers.get("B").inForceKw).isEqualTo(11);
            assertThat(site.chargers.get("C").inForceKw).isEqualTo(11);
            assertThat(site.inForceSumKw()).isEqualTo(44);

            site.retry(); // A gets its lowering again and accepts it
            site.answer("A", true);
            site.acceptAll();

            var settled = site.allocation();
            assertThat(settled.allocations()).extracting(ChargerAllocation::allocatedKw).containsOnly(14.66);
            assertThat(settled.allocations()).extracting(ChargerAllocation::loweringKw).containsOnlyNulls();
            assertThat(site.chargers.values()).allSatisfy(c -> assertThat(c.inForceKw).isEqualTo(14.66));
        }
    }

    @Test
    void a_lowering_answered_in_time_is_not_held_and_costs_no_extra_decision() {
        try (var site = new HeldLimitsHarness(44, List.of("A", "B", "C"))) {
            site.start("A");
            site.answer("A", true);
            site.start("B");
            site.answer("B", true);
            var decisions = site.fixture.decisions.size();

            site.start("C");
            site.answer("A", true);
            site.answer("B", true);
            site.answer("C", true);

            assertThat(site.fixture.decisions).hasSize(decisions + 1);
            assertThat(site.allocation().allocations()).extracting(ChargerAllocation::loweringKw).containsOnlyNulls();
            assertThat(site.inForceSumKw()).isCloseTo(43.98, within(1e-9));
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
     * or reject what they are sent, in any order. After every step, what each charger may draw is what the
     * site counts for it (but for a lowering on its way that it has not refused: raises wait for it), the
     * allocation keeps rule 1 but for held limits; once every charger has accepted its latest limit, nothing
     * is held and each has its fair share.
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
                // what each charger may draw is counted for it, but for a lowering on its way to a charger
                // that refused nothing since (the pusher holds every raise back until it lands)
                for (var charger : site.chargers.values()) {
                    if (charger.transactionId == null || site.lowering(charger)) continue;
                    var countedKw = allocation.charger(charger.chargePointId()).orElseThrow().allocatedKw();
                    assertThat(charger.inForceKw).as("%s after %s", charger.chargePointId(), step)
                            .isLessThanOrEqualTo(countedKw + 1e-9);
                }
                // held limits are counted first: they alone may exceed the budget
                var heldKw = allocation.allocations().stream().filter(a -> a.loweringKw() != null)
                        .mapToDouble(ChargerAllocation::allocatedKw).sum();
                assertThat(allocation.totalAllocatedKw()).as("allocated after %s", step)
                        .isLessThanOrEqualTo(Math.max(site.budgetKw, heldKw) + 1e-9);
            }
            site.acceptAll();

            var charging = site.chargers.values().stream().filter(c -> c.transactionId != null).toList();
            var allocation = site.allocation();
            assertThat(allocation.allocations()).allSatisfy(a -> assertThat(a.loweringKw()).isNull());
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
