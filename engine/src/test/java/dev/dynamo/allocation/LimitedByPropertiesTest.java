package dev.dynamo.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Contract section 11: every share says what stops it, and that is true of the result — at its cap for
 * {@code cap}, the budget spent for {@code budget}, that limit full on that phase and on its path for
 * {@code limit:X:Ly}, its floor not fitting for {@code floor}; and a share at its cap says {@code cap}
 * (the first in the list).
 */
class LimitedByPropertiesTest {
    private static final double SLACK = 1e-9;
    private static final double HUNDREDTH = 0.01;

    @Provide
    Arbitrary<AllocationInput> sites() {
        return Arbitraries.oneOf(RandomSites.flat(), RandomSites.withLimits());
    }

    @Property(tries = 10_000)
    void limited_by_is_consistent_with_the_result(@ForAll("sites") AllocationInput input) {
        assertConsistent(input, Allocator.allocate(input));
    }

    @Provide
    Arbitrary<AllocationInput> largeFlatSites() {
        return Arbitraries.randomValue(LimitedByPropertiesTest::largeFlatSite);
    }

    // hundreds of chargers with one floor: the water level is found by selection, not by events
    @Property(tries = 200)
    void a_large_flat_site_shares_equally_as_water_filling_and_says_why(@ForAll("largeFlatSites") AllocationInput input) {
        var result = Allocator.allocate(input);
        Rules.rulesOneToThreeHold(input, result);
        Rules.floorsAreFirstFit(input, result);
        if (input.sharing() == Sharing.EQUAL) Rules.matchesReference(input, result, References.waterFilling(input));
        assertConsistent(input, result);
    }

    private static AllocationInput largeFlatSite(Random random) {
        double[] capsKw = {3.7, 7.4, 11, 22, 22.0 / 3, 50};
        int count = 50 + random.nextInt(400);
        double floorKw = random.nextBoolean() ? 0 : 1 + random.nextInt(6);
        var demands = new ArrayList<Demand>();
        double sumKw = 0;
        for (int i = 0; i < count; i++) {
            double capKw = random.nextBoolean() ? capsKw[random.nextInt(capsKw.length)] : 0.5 + random.nextDouble() * 40;
            sumKw += capKw;
            demands.add(new Demand("CP-" + i, capKw, Math.min(floorKw, capKw), random.nextBoolean() ? 3 : 1,
                    Phase.L1, 230, null));
        }
        double budgetKw = sumKw * random.nextDouble() * 1.2;
        var sharing = random.nextInt(4) == 0 ? Sharing.PRIORITY : Sharing.EQUAL;
        return new AllocationInput(budgetKw, sharing, java.util.List.of(), java.util.List.of(), demands);
    }

    @Provide
    Arbitrary<AllocationInput> crowdedLimitedSites() {
        return Arbitraries.randomValue(LimitedByPropertiesTest::crowdedLimitedSite);
    }

    // many chargers on few limits: classes of alike draws with many members, frozen together
    @Property(tries = 300)
    void a_crowded_site_under_limits_is_progressive_filling_and_says_why(@ForAll("crowdedLimitedSites") AllocationInput input) {
        var result = Allocator.allocate(input);
        Rules.rulesOneToThreeHold(input, result);
        Rules.limitsHold(input, result);
        Rules.workIsConserved(input, result);
        if (input.sharing() == Sharing.EQUAL) Rules.matchesReference(input, result, References.progressiveFilling(input));
        assertConsistent(input, result);
    }

    private static AllocationInput crowdedLimitedSite(Random random) {
        double[] capsKw = {3.7, 7.4, 11, 22, 22.0 / 3};
        int limitCount = 1 + random.nextInt(4);
        var limits = new ArrayList<Limit>();
        for (int l = 0; l < limitCount; l++) {
            limits.add(new Limit("c" + l, l == 0 ? null : "c" + random.nextInt(l), 16 + random.nextInt(200)));
        }
        boolean uniformFloors = random.nextBoolean();
        double minKw = random.nextInt(3) == 0 ? 0 : 1.4 + random.nextInt(5);
        var demands = new ArrayList<Demand>();
        for (int i = 20 + random.nextInt(60); i > 0; i--) {
            double capKw = random.nextBoolean() ? capsKw[random.nextInt(capsKw.length)] : 1 + random.nextDouble() * 30;
            double floorKw = uniformFloors ? Math.min(minKw, capKw) : random.nextDouble() * capKw;
            int phases = random.nextInt(3) == 0 ? 1 : 3;
            String limitId = random.nextInt(6) == 0 ? null : "c" + random.nextInt(limitCount);
            demands.add(new Demand("CP-" + demands.size(), capKw, floorKw, phases, Phase.values()[random.nextInt(3)],
                    random.nextInt(8) == 0 ? 120 : 230, limitId));
        }
        var reservations = new ArrayList<Reservation>();
        if (random.nextInt(4) == 0) reservations.add(new Reservation("R-1", random.nextDouble() * 20, 3, Phase.L1, 230, "c0"));
        double budgetKw = random.nextDouble() * 600;
        var sharing = random.nextInt(3) == 0 ? Sharing.PRIORITY : Sharing.EQUAL;
        return new AllocationInput(budgetKw, sharing, limits, reservations, demands);
    }

    @Provide
    Arbitrary<AllocationInput> meteredSites() {
        return Arbitraries.randomValue(random -> GridAllocationPropertiesTest.metered(random).withOtherLoads());
    }

    // rule 11: a limit lowered by its node's other load is full at what is left of it
    @Property(tries = 3_000)
    void limited_by_is_consistent_on_metered_nodes(@ForAll("meteredSites") AllocationInput input) {
        assertConsistent(input, Allocator.allocate(input));
    }

    static void assertConsistent(AllocationInput input, AllocationResult result) {
        var demands = input.demands();
        // the reference's first fit knows no other load: with other loads, floor is only checked to mean 0 kW
        boolean[] admitted = input.otherLoads().isEmpty() ? References.admitted(input) : null;
        double[] kw = Rules.shares(result);
        double leftKw = input.budgetKw() - References.reservedKw(input) - References.sum(kw);
        boolean budgetSpent = leftKw < HUNDREDTH * demands.size() + SLACK;
        for (int i = 0; i < kw.length; i++) {
            var d = demands.get(i);
            var why = result.shares().get(i).limitedBy();
            String what = d.chargePointId() + " at " + kw[i] + " of cap " + d.capKw() + " says " + why;
            assertThat(why).as(what).isNotNull();
            if (admitted != null) {
                assertThat(why.kind() == LimitedBy.Kind.FLOOR).as(what + ": floor exactly when not admitted").isEqualTo(!admitted[i]);
            }
            assertThat(why.kind()).as(what).isNotEqualTo(LimitedBy.Kind.RESERVATION);
            if (why.kind() != LimitedBy.Kind.FLOOR && kw[i] >= d.capKw()) {
                assertThat(why.kind()).as(what + ": at its cap").isEqualTo(LimitedBy.Kind.CAP);
            }
            switch (why.kind()) {
                case CAP -> assertThat(kw[i]).as(what).isGreaterThanOrEqualTo(Rules.hundredthsBelow(d.capKw()) - SLACK);
                case BUDGET -> {
                    assertThat(budgetSpent).as(what + " with " + leftKw + " kW left").isTrue();
                    assertThat(kw[i]).as(what).isLessThan(d.capKw());
                }
                case LIMIT -> {
                    assertThat(kw[i]).as(what).isLessThan(d.capKw());
                    var limit = input.limits().stream().filter(l -> l.id().equals(why.limitId())).findFirst().orElseThrow();
                    int phase = why.phase().ordinal();
                    assertThat(References.under(input.limits(), d.limitId(), limit.id())).as(what + ": on its path").isTrue();
                    assertThat(References.draws(d.phasesInUse(), d.phase(), phase)).as(what + ": draws on that phase").isTrue();
                    assertThat(isFull(input, kw, limit, phase)).as(what + ": that limit full on that phase").isTrue();
                }
                case FLOOR -> assertThat(kw[i]).as(what).isZero();
                case RESERVATION -> throw new AssertionError(what);
            }
        }
    }

    // full but for what rounding each share down (less than 0.01 kW) leaves on it
    private static boolean isFull(AllocationInput input, double[] kw, Limit limit, int phase) {
        double roundingA = SLACK;
        for (var other : input.demands()) {
            if (References.under(input.limits(), other.limitId(), limit.id()) && References.draws(other.phasesInUse(), other.phase(), phase)) {
                roundingA += HUNDREDTH * References.ampsPerKw(other.phasesInUse(), other.voltageV());
            }
        }
        double maxA = limit.maxCurrentA();
        for (var other : input.otherLoads()) {
            if (other.limitId().equals(limit.id())) maxA = Math.min(maxA, Math.max(0, maxA - other.onPhase(phase)));
        }
        return maxA - References.loadA(input, kw, limit, phase) < roundingA;
    }
}
