package dev.dynamo.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Sites with a tree of per-phase limits and mixed 1-/3-phase chargers: rules 1-3, 4 under 10, and 10. */
class LimitedAllocationPropertiesTest {

    @Provide
    Arbitrary<AllocationInput> limitedSites() {
        return RandomSites.withLimits();
    }

    @Property(tries = 10_000)
    void every_limit_holds_on_every_phase(@ForAll("limitedSites") AllocationInput input) {
        Rules.limitsHold(input, Allocator.allocate(input));
    }

    @Property(tries = 10_000)
    void rules_1_to_3_and_first_fit_floors_hold(@ForAll("limitedSites") AllocationInput input) {
        var result = Allocator.allocate(input);
        Rules.rulesOneToThreeHold(input, result);
        Rules.floorsAreFirstFit(input, result);
    }

    @Property(tries = 10_000)
    void no_power_is_left_while_an_admitted_charger_has_headroom_on_its_path(
            @ForAll("limitedSites") AllocationInput input) {
        var result = Allocator.allocate(input);
        Rules.workIsConserved(input, result);
        if (input.sharing() == Sharing.PRIORITY) priorityStopsEachChargerOnlyAtItsCapOrAFullPath(input, result);
    }

    // a charger above its floor got its extra after every earlier one had stopped: at its cap or its path full
    private static void priorityStopsEachChargerOnlyAtItsCapOrAFullPath(AllocationInput input, AllocationResult result) {
        double[] kw = Rules.shares(result);
        boolean[] admitted = References.admitted(input);
        var demands = input.demands();
        for (int j = kw.length - 1; j >= 0; j--) {
            if (kw[j] <= Rules.hundredthsBelow(demands.get(j).floorKw()) + 1e-9) continue;
            for (int i = 0; i < j; i++) {
                var earlier = demands.get(i);
                if (!admitted[i] || kw[i] >= earlier.capKw() - 0.01 - 1e-9) continue;
                assertThat(Rules.hasFullLimitPhase(input, kw, earlier))
                        .as("%s above its floor while %s is below its cap with headroom on its path",
                                demands.get(j).chargePointId(), earlier.chargePointId())
                        .isTrue();
            }
            return; // the last charger above its floor covers every earlier one
        }
    }

    @Property(tries = 10_000)
    void equal_is_progressive_filling_under_the_limits(@ForAll("limitedSites") AllocationInput site) {
        var input = new AllocationInput(site.budgetKw(), Sharing.EQUAL, site.limits(), site.reservations(), site.demands());
        Rules.matchesReference(input, Allocator.allocate(input), References.progressiveFilling(input));
    }

    @Property(tries = 10_000)
    void limits_that_never_bind_give_exactly_the_flat_result(@ForAll("limitedSites") AllocationInput input) {
        var loose = input.limits().stream().map(l -> new Limit(l.id(), l.parentId(), 1e9)).toList();
        var flatDemands = input.demands().stream().map(d -> new Demand(d.chargePointId(), d.capKw(), d.floorKw(),
                d.phasesInUse(), d.phase(), d.voltageV(), null)).toList();
        var flatReservations = input.reservations().stream().map(r -> new Reservation(r.chargePointId(), r.kw(),
                r.phasesInUse(), r.phase(), r.voltageV(), null)).toList();
        var underLooseLimits = Allocator.allocate(
                new AllocationInput(input.budgetKw(), input.sharing(), loose, input.reservations(), input.demands()));
        var flat = Allocator.allocate(
                new AllocationInput(input.budgetKw(), input.sharing(), List.of(), flatReservations, flatDemands));
        assertThat(underLooseLimits.shares()).isEqualTo(flat.shares());
    }
}
