package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dynamo.site.ChargerAllocation;
import dev.dynamo.site.ChargerStatus;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The pusher and a real site together (issue 13), over random interleavings of decisions (budget changes,
 * stops), accepts, rejects, time-outs (applied or not), disconnects (with the last profile applied or not)
 * and reconnects. What each charger "may draw" is modelled adversarially: the limit in force on it, which a
 * time-out or a lost answer may have raised.
 */
class PusherAndSitePropertyTest {
    private static final List<String> IDS = List.of("A", "B", "C", "D");

    sealed interface Step permits Stop, Answer, TimeOut, Retry, Budget, Disconnect, Reconnect {}

    record Stop(String cp) implements Step {}

    record Answer(String cp, boolean accept) implements Step {}

    record TimeOut(String cp, boolean applied) implements Step {}

    record Retry() implements Step {}

    record Budget(double kw) implements Step {}

    record Disconnect(String cp, boolean appliedLast) implements Step {}

    record Reconnect(String cp) implements Step {}

    /**
     * After every step: (1) the site counts each charger with a session at least at what it may draw, a
     * comm-loss reservation included (the one exception: a lowering on its way to a connected charger that has
     * refused nothing since, while the pusher holds back every raise that could add to what it draws); (2)
     * what the site counts fits the budget but for the limits it holds (rule 1, rule 9). Once all chargers are
     * back and have answered, nothing is held, each draws what the site counts and the total fits the budget.
     */
    @Property(tries = 2000)
    void the_site_counts_what_each_charger_may_draw_and_no_raise_breaks_the_budget(
            @ForAll("starts") List<String> starts, @ForAll("steps") List<Step> steps, @ForAll("budgets") double budgetKw) {
        try (var site = new HeldLimitsHarness(budgetKw, IDS)) {
            for (var cp : starts) {
                site.start(cp);
                site.acceptAll();
            }
            for (var step : steps) {
                switch (step) {
                    case Stop s -> {
                        if (site.chargers.get(s.cp()).open) site.stop(s.cp());
                    }
                    case Answer a -> site.answer(a.cp(), a.accept());
                    case TimeOut t -> site.timeOut(t.cp(), t.applied());
                    case Retry _ -> site.retry();
                    case Budget b -> site.budget(b.kw());
                    case Disconnect d -> site.disconnect(d.cp(), d.appliedLast());
                    case Reconnect r -> site.reconnect(r.cp());
                }
                var allocation = site.allocation();
                for (var charger : site.chargers.values()) {
                    if (charger.transactionId == null || (charger.open && site.lowering(charger))) continue;
                    var counted = allocation.charger(charger.chargePointId()).orElseThrow();
                    assertThat(charger.inForceKw).as("%s (%s) after %s", charger.chargePointId(), counted.status(), step)
                            .isLessThanOrEqualTo(counted.allocatedKw() + 1e-9);
                }
                // rule 1: the site's count fits the budget, but for limits it holds (comm loss, not accepted)
                var heldKw = allocation.allocations().stream()
                        .filter(a -> a.loweringKw() != null || a.status() == ChargerStatus.OFFLINE)
                        .mapToDouble(ChargerAllocation::allocatedKw).sum();
                assertThat(allocation.totalAllocatedKw()).as("counted after %s", step)
                        .isLessThanOrEqualTo(Math.max(site.budgetKw, heldKw) + 1e-9);
            }
            for (var cp : IDS) site.reconnect(cp);
            site.acceptAll();

            var allocation = site.allocation();
            assertThat(allocation.allocations()).allSatisfy(a -> {
                assertThat(a.loweringKw()).isNull();
                assertThat(a.status()).isNotEqualTo(ChargerStatus.OFFLINE);
            });
            assertThat(allocation.totalAllocatedKw()).isLessThanOrEqualTo(site.budgetKw + 1e-9);
            for (var charger : site.chargers.values()) {
                if (charger.transactionId == null) continue;
                assertThat(charger.inForceKw).as(charger.chargePointId())
                        .isCloseTo(allocation.charger(charger.chargePointId()).orElseThrow().allocatedKw(), within(1e-9));
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
                Tuple.of(1, cp.map(Stop::new)),
                Tuple.of(8, Combinators.combine(cp, Arbitraries.of(true, true, false)).as(Answer::new)),
                Tuple.of(2, Combinators.combine(cp, applied()).as(TimeOut::new)),
                Tuple.of(1, Arbitraries.just(new Retry())),
                Tuple.of(2, budgets().map(Budget::new)),
                Tuple.of(2, Combinators.combine(cp, applied()).as(Disconnect::new)),
                Tuple.of(2, cp.map(Reconnect::new)));
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    /** Whether a charger applies a TxProfile whose answer never came (it may, so the site must assume it did). */
    static Arbitrary<Boolean> applied() {
        return Arbitraries.of(true, false);
    }

    @Provide
    Arbitrary<Double> budgets() {
        return Arbitraries.of(20.0, 30.0, 44.0, 50.0);
    }
}
