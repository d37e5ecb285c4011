package dev.dynamo.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Sites without limits: rules 1-5, equal against water-filling, priority order. */
class FlatAllocationPropertiesTest {

    @Provide
    Arbitrary<AllocationInput> flatSites() {
        return RandomSites.flat();
    }

    private static AllocationInput sharing(AllocationInput input, Sharing sharing) {
        return new AllocationInput(input.budgetKw(), sharing, input.limits(), input.reservations(), input.demands());
    }

    @Property(tries = 10_000)
    void rules_1_to_4_hold_for_both_strategies(@ForAll("flatSites") AllocationInput input) {
        var result = Allocator.allocate(input);
        Rules.rulesOneToThreeHold(input, result);
        Rules.workIsConserved(input, result);
        assertThat(result.limits()).isEmpty();
    }

    @Property(tries = 10_000)
    void floors_are_first_fit_in_admission_order(@ForAll("flatSites") AllocationInput input) {
        Rules.floorsAreFirstFit(input, Allocator.allocate(input));
    }

    @Property(tries = 10_000)
    void equal_is_water_filling_from_the_floors(@ForAll("flatSites") AllocationInput site) {
        var input = sharing(site, Sharing.EQUAL);
        Rules.matchesReference(input, Allocator.allocate(input), References.waterFilling(input));
    }

    @Property(tries = 10_000)
    void priority_gives_nothing_above_a_floor_while_an_earlier_charger_is_below_its_cap(
            @ForAll("flatSites") AllocationInput site) {
        var input = sharing(site, Sharing.PRIORITY);
        var result = Allocator.allocate(input);
        double[] kw = Rules.shares(result);
        boolean[] admitted = References.admitted(input);
        var demands = input.demands();
        for (int j = 0; j < kw.length; j++) {
            if (kw[j] <= Rules.hundredthsBelow(demands.get(j).floorKw()) + 1e-9) continue;
            for (int i = 0; i < j; i++) {
                if (!admitted[i]) continue;
                assertThat(kw[i]).as("%s above its floor while %s is below its cap", demands.get(j).chargePointId(),
                        demands.get(i).chargePointId()).isGreaterThanOrEqualTo(demands.get(i).capKw() - 0.01 - 1e-9);
            }
        }
        Rules.workIsConserved(input, result);
    }
}
