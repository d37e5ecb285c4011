package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dynamo.site.ChargerAllocation;
import dev.dynamo.site.ChargerStatus;
import dev.dynamo.site.ProfileStatus;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The pusher and a real site together (issue 13), two of four chargers behind a breaker, over random
 * interleavings of decisions (budget changes, stops), accepts, rejects, time-outs (applied or not), disconnects (with the last profile applied or not)
 * and reconnects. What each charger "may draw" is modelled adversarially: the limit in force on it, which a
 * time-out or a lost answer may have raised.
 */
class PusherAndSitePropertyTest {
    private static final List<String> IDS = List.of("A", "B", "C", "D");
    /** A and B are behind the breaker {@code row} (32 A per phase, 22.08 kW); C and D only behind the grid. */
    private static final List<String> ON_ROW = List.of("A", "B");

    sealed interface Step permits Stop, Answer, TimeOut, Retry, Budget, Disconnect, Reconnect,
            DecideOnly, AnswerOnly, PusherRuns, ReportsArrive, DisconnectOnly {}

    record Stop(String cp) implements Step {}

    record Answer(String cp, boolean accept) implements Step {}

    record TimeOut(String cp, boolean applied) implements Step {}

    record Retry() implements Step {}

    record Budget(double kw) implements Step {}

    record Disconnect(String cp, boolean appliedLast) implements Step {}

    record Reconnect(String cp) implements Step {}

    /**
     * The split steps (issue 13's race): the site decides (a new budget) and the pusher has not run yet; a charger
     * answers and the pusher has not taken the answer yet; the pusher runs (sends, takes answers) and its reports
     * have not reached the site yet; its reports reach the site. Every other step first settles what is left.
     */
    record DecideOnly(double kw) implements Step {}

    record AnswerOnly(String cp, boolean accept) implements Step {}

    record PusherRuns() implements Step {}

    record ReportsArrive() implements Step {}

    /** The connection drops and the site learns it before the pusher's reports still on their way (contract 8.1). */
    record DisconnectOnly(String cp, boolean appliedLast) implements Step {}

    /**
     * After every step: (1) the site counts each charger with a session at least at what it may draw: the limit
     * in force on it and every TxProfile of its transaction sent and not answered (a comm-loss reservation
     * included), with no exception; (2) what it counts fits the budget and the breaker {@code row}, but for
     * section 8's exceptions: a lowering not accepted yet (a new session's default limit included) adds at most
     * the difference to its target, and reservations of lost chargers may exceed what they are behind (rule 9);
     * (3) over a step (but a reconnection), the count grows only up to the budget and the breaker: the raises
     * that need a lowering's difference wait for it; (4) an answer, a time-out or a retry makes no decision: a
     * lowering never calls for another round; (5) a raise that fits is not held: a charger the site counts below
     * its target (its raise waits) would break the budget or the breaker at its target, and the pusher holds no
     * raise the site counts (contract 8: only the raises that need a lowering's difference wait). Once all
     * chargers are back and have answered, each is counted at its target, draws it, and the total fits.
     * (1) holds after the split steps too: between the pusher sending a limit and the site learning it, and after a
     * comm loss the site learns of before the pusher's reports; (2) to
     * (5) are checked where nothing of the pusher waits (its tasks and reports all run).
     */
    @Property(tries = 2000)
    void the_site_counts_what_each_charger_may_draw_and_no_raise_breaks_the_budget_or_a_breaker(
            @ForAll("starts") List<String> starts, @ForAll("steps") List<Step> steps, @ForAll("budgets") double budgetKw) {
        try (var site = new HeldLimitsHarness(budgetKw, IDS, 2)) {
            for (var cp : starts) {
                site.start(cp);
                site.acceptAll();
            }
            var wasSettled = true;
            for (var step : steps) {
                var decisions = site.fixture.decisions.size();
                var before = site.allocation().allocations();
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
                    case DecideOnly d -> site.budgetUnsettled(d.kw());
                    case AnswerOnly a -> site.answerUnsettled(a.cp(), a.accept());
                    case PusherRuns _ -> site.runPusher();
                    case ReportsArrive _ -> site.deliverReports();
                    case DisconnectOnly d -> site.disconnectUnsettled(d.cp(), d.appliedLast());
                }
                var allocation = site.allocation();
                for (var charger : site.chargers.values()) {
                    if (charger.transactionId == null) continue;
                    var counted = allocation.charger(charger.chargePointId()).orElseThrow();
                    assertThat(charger.mayDrawKw()).as("%s (%s) after %s", charger.chargePointId(), counted.status(), step)
                            .isLessThanOrEqualTo(counted.allocatedKw() + 1e-9);
                }
                var settledBefore = wasSettled;
                wasSettled = site.settled();
                if (!wasSettled) continue;
                if ((step instanceof Answer || step instanceof TimeOut || step instanceof Retry) && settledBefore) {
                    assertThat(site.fixture.decisions).as("decisions after %s", step).hasSize(decisions);
                }
                assertFits(allocation.allocations(), site.budgetKw, "the budget after " + step);
                assertFits(onRow(allocation.allocations()), HeldLimitsHarness.ROW_KW, "the row after " + step);
                // the breaker's load shown is that of what the site counts
                var rowLoad = allocation.circuits().stream().filter(c -> c.circuitId().equals(HeldLimitsHarness.ROW))
                        .findFirst().orElseThrow();
                var rowA = onRow(allocation.allocations()).stream()
                        .mapToDouble(a -> a.currentA().getOrDefault(dev.dynamo.allocation.Phase.L1, 0.0)).sum();
                assertThat(rowLoad.l1A()).as("the row's load after %s", step).isCloseTo(rowA, within(0.03)); // each shown current is rounded down to 0.01 A
                assertNoRaiseHeldThatFits(site, allocation.allocations(), "after " + step);
                assertProfilesShown(site, allocation.allocations(), "after " + step);
                if (!(step instanceof Reconnect) && settledBefore) {
                    // raises wait for lowerings: nothing adds to what is counted beyond a limit it already exceeded
                    assertNoRaiseBeyond(before, allocation.allocations(), site.budgetKw, "the budget after " + step);
                    assertNoRaiseBeyond(onRow(before), onRow(allocation.allocations()), HeldLimitsHarness.ROW_KW,
                            "the row after " + step);
                }
            }
            site.settle();
            for (var cp : IDS) site.reconnect(cp);
            site.acceptAll();

            var allocation = site.allocation();
            assertThat(allocation.allocations()).allSatisfy(a -> {
                assertThat(a.allocatedKw()).as(a.chargePointId()).isEqualTo(a.targetKw());
                assertThat(a.status()).isNotEqualTo(ChargerStatus.OFFLINE);
            });
            assertThat(allocation.totalAllocatedKw()).isLessThanOrEqualTo(site.budgetKw + 1e-9);
            assertThat(onRow(allocation.allocations()).stream().mapToDouble(ChargerAllocation::allocatedKw).sum())
                    .isLessThanOrEqualTo(HeldLimitsHarness.ROW_KW + 1e-9);
            for (var charger : site.chargers.values()) {
                if (charger.transactionId == null) continue;
                assertThat(charger.inForceKw).as(charger.chargePointId())
                        .isCloseTo(allocation.charger(charger.chargePointId()).orElseThrow().allocatedKw(), within(1e-9));
            }
        }
    }

    /**
     * Liveness of raises: every raise the site keeps waiting (counted below its target at what its charger may
     * draw) needs a lowering's difference, on the budget or on the breaker {@code row} (a margin for the 0.01 A
     * the breaker's shown load is rounded to); and the pusher holds back no raise of a connected charger that
     * the site counts at its target.
     */
    private static void assertNoRaiseHeldThatFits(HeldLimitsHarness site, List<ChargerAllocation> allocations, String when) {
        var totalKw = allocations.stream().mapToDouble(ChargerAllocation::allocatedKw).sum();
        var rowKw = onRow(allocations).stream().mapToDouble(ChargerAllocation::allocatedKw).sum();
        for (var a : allocations) {
            var charger = site.chargers.get(a.chargePointId());
            if (a.status() == ChargerStatus.OFFLINE || a.overLimit() || !charger.open) continue;
            var state = site.pusher.state(a.chargePointId());
            if (a.allocatedKw() < a.targetKw() - 1e-6) {
                var addKw = a.targetKw() - a.allocatedKw();
                var overBudget = totalKw + addKw > site.budgetKw + 1e-6;
                var overRow = ON_ROW.contains(a.chargePointId()) && rowKw + addKw > HeldLimitsHarness.ROW_KW - 0.025;
                assertThat(overBudget || overRow)
                        .as("%s's raise %s -> %s kW waits %s although it fits (total %s of %s kW, row %s kW)",
                                a.chargePointId(), a.allocatedKw(), a.targetKw(), when, totalKw, site.budgetKw, rowKw)
                        .isTrue();
            } else if (a.targetKw() > charger.inForceKw + 1e-6) {
                assertThat(state).as("%s, counted at its raise %s kW, %s", a.chargePointId(), a.targetKw(), when)
                        .isNotEqualTo(LimitPush.State.RAISE_WAITING);
            }
        }
    }

    /**
     * Contract 11, where nothing of the pusher waits: a connected charger shown {@code in_sync} has no TxProfile on
     * its way and draws the {@code limit_kw} shown (the limit it accepted last); one with a TxProfile unanswered is
     * shown {@code sending} (or {@code refused} while a refused one waits for its retry); the limit shown is never
     * above what the site counts.
     */
    private static void assertProfilesShown(HeldLimitsHarness site, List<ChargerAllocation> allocations, String when) {
        for (var a : allocations) {
            var charger = site.chargers.get(a.chargePointId());
            if (!charger.open || charger.transactionId == null || a.status() == ChargerStatus.OFFLINE) continue;
            var profile = a.profile();
            if (profile == null) continue;
            var onItsWay = charger.unanswered.stream()
                    .anyMatch(sent -> charger.transactionId.equals(sent.profile().transactionId()));
            if (profile.state() == ProfileStatus.State.IN_SYNC) {
                assertThat(onItsWay).as("%s shown in sync %s with a TxProfile on its way", a.chargePointId(), when).isFalse();
                assertThat(profile.limitKw()).as("%s's limit shown in sync %s", a.chargePointId(), when)
                        .isCloseTo(charger.inForceKw, within(1e-9));
            } else if (onItsWay) {
                assertThat(profile.state()).as("%s %s", a.chargePointId(), when).isIn(ProfileStatus.State.SENDING,
                        ProfileStatus.State.REFUSED);
            }
            if (profile.limitKw() != null) {
                assertThat(profile.limitKw()).as("%s's limit shown %s", a.chargePointId(), when)
                        .isLessThanOrEqualTo(a.allocatedKw() + 1e-9);
            }
        }
    }

    /**
     * What the site counts for these chargers fits {@code capKw}, but for section 8's exceptions: a charger whose
     * lowering is not accepted counts above its target by the difference, and lost chargers' reservations alone
     * may exceed the cap (rule 9: the others then get nothing).
     */
    private static void assertFits(List<ChargerAllocation> allocations, double capKw, String what) {
        var countedKw = 0.0;
        var reservedKw = 0.0;
        var loweringExcessKw = 0.0;
        for (var a : allocations) {
            countedKw += a.allocatedKw();
            if (a.status() == ChargerStatus.OFFLINE) reservedKw += a.allocatedKw();
            else loweringExcessKw += Math.max(0, a.allocatedKw() - a.targetKw());
        }
        assertThat(countedKw).as(what).isLessThanOrEqualTo(Math.max(capKw, reservedKw) + loweringExcessKw + 1e-6);
    }

    /**
     * Over one step (a reconnection aside: its charger may then draw its default as well), what the site counts
     * grows only up to {@code capKw} (or the reservations beyond it): while a lowering is not accepted, the raises
     * that need the difference wait.
     */
    private static void assertNoRaiseBeyond(List<ChargerAllocation> before, List<ChargerAllocation> after, double capKw,
                                            String what) {
        var beforeKw = before.stream().mapToDouble(ChargerAllocation::allocatedKw).sum();
        var afterKw = after.stream().mapToDouble(ChargerAllocation::allocatedKw).sum();
        var reservedKw = after.stream().filter(a -> a.status() == ChargerStatus.OFFLINE)
                .mapToDouble(ChargerAllocation::allocatedKw).sum();
        assertThat(afterKw).as(what).isLessThanOrEqualTo(Math.max(Math.max(capKw, reservedKw), beforeKw) + 1e-6);
    }

    private static List<ChargerAllocation> onRow(List<ChargerAllocation> allocations) {
        return allocations.stream().filter(a -> ON_ROW.contains(a.chargePointId())).toList();
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
                Tuple.of(2, cp.map(Reconnect::new)),
                Tuple.of(2, budgets().map(DecideOnly::new)),
                Tuple.of(3, Combinators.combine(cp, Arbitraries.of(true, true, false)).as(AnswerOnly::new)),
                Tuple.of(3, Arbitraries.just(new PusherRuns())),
                Tuple.of(3, Arbitraries.just(new ReportsArrive())),
                Tuple.of(1, Combinators.combine(cp, applied()).as(DisconnectOnly::new)));
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
