package dev.dynamo.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Contract 10 in the core, on random sites with limits: rules 1-10 hold with departures (floors first fit in
 * laxity order); a session that can finish at its needed rate is never below it while the budget and its path
 * allow; in overload, nobody is above its own needed rate while one that can finish is below its own, and with
 * one departure time as many reach their needed rates as any choice could give; without departures (or none
 * with energy left) the result is today's.
 */
class DepartureAllocationPropertiesTest {
    private static final double SLACK = 1e-9;

    @Provide
    Arbitrary<AllocationInput> sitesWithDepartures() {
        return Arbitraries.randomValue(DepartureAllocationPropertiesTest::withDepartures);
    }

    @Provide
    Arbitrary<AllocationInput> flatSitesWithDepartures() {
        return Arbitraries.randomValue(random -> withDepartures(random, false));
    }

    static AllocationInput withDepartures(Random random) {
        return withDepartures(random, true);
    }

    static AllocationInput withDepartures(Random random, boolean withLimits) {
        var site = RandomSites.site(random, withLimits);
        var departures = new ArrayList<Departure>();
        for (int i = 0; i < site.demands().size(); i++) {
            departures.add(random.nextInt(4) == 0 ? null
                    : new Departure(random.nextInt(6) == 0 ? 0 : random.nextDouble() * 80, random.nextDouble() * 8 - 0.5));
        }
        return new AllocationInput(site.budgetKw(), Sharing.EQUAL, site.limits(), site.reservations(), site.demands(), site.otherLoads(), departures);
    }

    /** The demands in laxity order (ties in the order given), for the rule-5 references. */
    static int[] laxityOrder(AllocationInput input) {
        return IntStream.range(0, input.demands().size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> laxity(input, i)))
                .mapToInt(Integer::intValue).toArray();
    }

    private static double laxity(AllocationInput input, int i) {
        var departure = input.departures().get(i);
        return departure == null ? Double.POSITIVE_INFINITY : departure.laxityHours(input.demands().get(i).capKw());
    }

    /** The input reordered (without departures) and the result alongside: rule 5's first fit is then in order. */
    static AllocationInput reordered(AllocationInput input, int[] order) {
        var demands = IntStream.of(order).mapToObj(input.demands()::get).toList();
        return new AllocationInput(input.budgetKw(), input.sharing(), input.limits(), input.reservations(), demands,
                input.otherLoads());
    }

    static AllocationResult reordered(AllocationResult result, int[] order) {
        return new AllocationResult(IntStream.of(order).mapToObj(result.shares()::get).toList(), result.limits());
    }

    /** As {@link #withDepartures(Random)}, each departure with a real one up to 20 minutes after the aimed one. */
    @Provide
    Arbitrary<AllocationInput> sitesWithRealDepartures() {
        return Arbitraries.randomValue(random -> {
            var input = withDepartures(random, true);
            var departures = new ArrayList<Departure>();
            for (var d : input.departures()) {
                departures.add(d == null ? null : new Departure(d.remainingKwh(), d.hoursLeft(),
                        d.hoursLeft() + (random.nextBoolean() ? 0 : random.nextDouble() / 3)));
            }
            return new AllocationInput(input.budgetKw(), Sharing.EQUAL, input.limits(), input.reservations(), input.demands(),
                    input.otherLoads(), departures);
        });
    }

    @Property(tries = 2_000)
    void rules_1_to_10_hold_with_real_departures_after_the_aimed_ones(@ForAll("sitesWithRealDepartures") AllocationInput input) {
        var result = Allocator.allocate(input);
        Rules.rulesOneToThreeHold(input, result);
        Rules.limitsHold(input, result);
    }

    @Property(tries = 2_000)
    void rules_1_to_10_hold_with_departures_and_floors_are_first_fit_in_laxity_order(
            @ForAll("sitesWithDepartures") AllocationInput input) {
        var result = Allocator.allocate(input);
        Rules.rulesOneToThreeHold(input, result);
        Rules.limitsHold(input, result);
        int[] order = laxityOrder(input);
        var byLaxity = reordered(input, order);
        var resultByLaxity = reordered(result, order);
        Rules.floorsAreFirstFit(byLaxity, resultByLaxity);
        Rules.workIsConserved(byLaxity, resultByLaxity);
    }

    @Property(tries = 2_000)
    void a_session_that_can_finish_at_its_needed_rate_is_never_below_it_while_the_budget_and_its_path_allow(
            @ForAll("sitesWithDepartures") AllocationInput input) {
        var result = Allocator.allocate(input);
        double[] kw = Rules.shares(result);
        boolean[] admitted = References.admitted(reordered(input, laxityOrder(input)));
        int[] order = laxityOrder(input);
        double leftKw = input.budgetKw() - References.reservedKw(input) - References.sum(kw);
        boolean budgetSpent = leftKw < 0.01 * kw.length + SLACK;
        for (int j = 0; j < order.length; j++) {
            int i = order[j];
            var departure = input.departures().get(i);
            var demand = input.demands().get(i);
            if (departure == null || !departure.finite() || !admitted[j]) continue;
            double neededKw = Math.min(demand.capKw(), departure.neededKw());
            if (kw[i] >= Rules.hundredthsBelow(neededKw) - 0.01 - SLACK || budgetSpent) continue;
            assertThat(Rules.hasFullLimitPhase(input, kw, demand))
                    .as("%s at %s below its needed %s with %s kW left and headroom on its path", demand.chargePointId(),
                            kw[i], neededKw, leftKw)
                    .isTrue();
        }
    }

    /**
     * On a flat site, a session that can finish below its needed rate means the budget is spent on floors and
     * needed rates: nobody got more than its floor or its own needed rate (capped; a session at risk: its cap).
     * (The contract's literal order, least laxity first, is not kept under overload: see DepartureFilling.)
     */
    @Property(tries = 2_000)
    void a_session_that_can_finish_below_its_needed_rate_leaves_nobody_above_its_floor_or_its_own_needed_rate(
            @ForAll("flatSitesWithDepartures") AllocationInput input) {
        var result = Allocator.allocate(input);
        double[] kw = Rules.shares(result);
        int[] order = laxityOrder(input);
        boolean[] admitted = References.admitted(reordered(input, order));
        for (int j = 0; j < order.length; j++) {
            int i = order[j];
            var departure = input.departures().get(i);
            var demand = input.demands().get(i);
            if (departure == null || !departure.finite() || !admitted[j] || departure.atRisk(demand.capKw())) continue;
            double neededKw = Math.min(demand.capKw(), departure.neededKw());
            if (kw[i] >= Rules.hundredthsBelow(neededKw) - 0.01 - SLACK) continue;
            for (int other = 0; other < kw.length; other++) {
                var d = input.demands().get(other);
                var od = input.departures().get(other);
                double allowed = d.floorKw();
                if (od != null && od.finite()) allowed = Math.max(allowed, Math.min(d.capKw(), od.neededKw()));
                assertThat(kw[other]).as("%s below its needed %s, yet %s got more than its floor or its own need",
                        demand.chargePointId(), neededKw, d.chargePointId())
                        .isLessThanOrEqualTo(allowed + 0.01 + SLACK);
            }
        }
    }

    @Provide
    Arbitrary<AllocationInput> flatSitesLeavingTogether() {
        return Arbitraries.randomValue(random -> {
            var site = RandomSites.site(random, false);
            double hours = 0.5 + random.nextDouble() * 8;
            var departures = new ArrayList<Departure>();
            for (int i = 0; i < site.demands().size(); i++) {
                departures.add(random.nextInt(5) == 0 ? null : new Departure(random.nextDouble() * 60, hours));
            }
            return new AllocationInput(site.budgetKw(), Sharing.EQUAL, site.limits(), site.reservations(), site.demands(),
                    site.otherLoads(), departures);
        });
    }

    /**
     * Everyone leaving at the same time on a flat site (the overnight depot): the sessions that can finish and
     * reach their needed rate are at least as many as any choice could give theirs from the budget left after
     * the floors (reference: the smallest needs above the floors first).
     */
    @Property(tries = 2_000)
    void leaving_together_as_many_sessions_reach_their_needed_rate_as_any_choice_could_give(
            @ForAll("flatSitesLeavingTogether") AllocationInput input) {
        var result = Allocator.allocate(input);
        double[] kw = Rules.shares(result);
        int[] order = laxityOrder(input);
        var byLaxity = reordered(input, order);
        boolean[] admitted = References.admitted(byLaxity);
        double leftKw = input.budgetKw() - References.reservedKw(input);
        var extras = new ArrayList<Double>();
        int reached = 0;
        for (int j = 0; j < order.length; j++) {
            int i = order[j];
            var demand = input.demands().get(i);
            if (admitted[j]) leftKw -= demand.floorKw();
            var departure = input.departures().get(i);
            if (departure == null || !departure.finite() || !admitted[j] || departure.atRisk(demand.capKw())) continue;
            double extraKw = Math.min(demand.capKw(), departure.neededKw()) - demand.floorKw();
            if (extraKw <= 0) continue;
            extras.add(extraKw);
            if (kw[i] >= Rules.hundredthsBelow(demand.floorKw() + extraKw) - 0.01 - SLACK) reached++;
        }
        extras.sort(Comparator.naturalOrder());
        int best = 0;
        double used = 0;
        for (double extra : extras) {
            if (used + extra > leftKw + 1e-6) break;
            used += extra;
            best++;
        }
        assertThat(reached).as("sessions at their needed rate, of %s that can finish; budget left after floors %s",
                extras.size(), leftKw).isGreaterThanOrEqualTo(best);
    }

    @Property(tries = 2_000)
    void without_a_departure_with_energy_left_the_result_is_todays(@ForAll("sitesWithDepartures") AllocationInput input) {
        var today = Allocator.allocate(new AllocationInput(input.budgetKw(), input.sharing(), input.limits(),
                input.reservations(), input.demands(), input.otherLoads()));
        var noDepartures = new ArrayList<Departure>();
        var nothingLeft = new ArrayList<Departure>();
        for (var departure : input.departures()) {
            noDepartures.add(null);
            nothingLeft.add(departure == null ? null : new Departure(0, departure.hoursLeft()));
        }
        assertThat(Allocator.allocate(new AllocationInput(input.budgetKw(), input.sharing(), input.limits(),
                input.reservations(), input.demands(), input.otherLoads(), noDepartures)).shares()).isEqualTo(today.shares());
        assertThat(Allocator.allocate(new AllocationInput(input.budgetKw(), input.sharing(), input.limits(),
                input.reservations(), input.demands(), input.otherLoads(), nothingLeft)).shares()).isEqualTo(today.shares());
    }

    @Property(tries = 2_000)
    void the_laxity_order_of_the_core_is_a_stable_sort_by_laxity(@ForAll("sitesWithDepartures") AllocationInput input) {
        var state = new FillState(LimitTree.of(input.limits()), input.demands(), input.budgetKw());
        assertThat(DepartureFilling.laxityOrder(state, input.departures().toArray(new Departure[0]))).containsExactly(laxityOrder(input));
    }

    static List<Departure> none(int n) {
        var list = new ArrayList<Departure>();
        for (int i = 0; i < n; i++) list.add(null);
        return list;
    }
}
