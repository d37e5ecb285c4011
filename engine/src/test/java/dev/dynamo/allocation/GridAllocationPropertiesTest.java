package dev.dynamo.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Contract 9 in the core: rule 11 (other load on metered nodes, the grid meter's headroom, external limits)
 * with any readings, limits and sessions; rules 1–10 still hold, and a site without meters or limits gets
 * exactly what it got before.
 */
class GridAllocationPropertiesTest {

    /** A limited site (as the rule-10 properties use) with other load on some of its limits. */
    record Metered(AllocationInput input, List<OtherLoad> otherLoads, boolean uniform) {
        AllocationInput withOtherLoads() {
            return new AllocationInput(input.budgetKw(), input.sharing(), input.limits(), input.reservations(),
                    input.demands(), otherLoads);
        }
    }

    @Provide
    Arbitrary<Metered> meteredSites() {
        return Arbitraries.randomValue(GridAllocationPropertiesTest::metered);
    }

    static Metered metered(Random random) {
        var input = RandomSites.site(random, true);
        boolean uniform = random.nextBoolean();
        var loads = new ArrayList<OtherLoad>();
        for (var limit : input.limits()) {
            if (random.nextInt(3) == 0) continue;
            double max = limit.maxCurrentA();
            // uniform loads stay below the limit (so the reduced limit stays > 0); others go anywhere, exports too
            if (uniform) {
                double a = random.nextInt(4) == 0 ? 0 : random.nextDouble() * max * 0.999;
                loads.add(new OtherLoad(limit.id(), a, a, a));
            } else {
                loads.add(new OtherLoad(limit.id(), any(random, max), any(random, max), any(random, max)));
            }
        }
        return new Metered(input, loads, uniform);
    }

    private static double any(Random random, double max) {
        return switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> -random.nextDouble() * max; // export
            case 2 -> max + random.nextDouble() * max; // beyond the limit: nothing left
            default -> random.nextDouble() * max;
        };
    }

    @Property(tries = 10_000)
    void rule_11_every_metered_limit_keeps_room_for_its_other_load(@ForAll("meteredSites") Metered site) {
        var input = site.withOtherLoads();
        var result = Allocator.allocate(input);
        Rules.rulesOneToThreeHold(input, result);
        for (int l = 0; l < input.limits().size(); l++) {
            var limit = input.limits().get(l);
            var load = result.limits().get(l);
            double[] reported = {load.l1A(), load.l2A(), load.l3A()};
            var other = site.otherLoads().stream().filter(o -> o.limitId().equals(limit.id())).findFirst();
            for (int p = 0; p < 3; p++) {
                double room = limit.maxCurrentA();
                if (other.isPresent()) room = Math.min(room, Math.max(0, room - other.get().onPhase(p)));
                double allowed = Math.max(room, References.reservedA(input, limit, p));
                assertThat(reported[p]).as("rule 11: %s on L%d", limit.id(), p + 1).isLessThanOrEqualTo(allowed + 1e-6);
            }
        }
    }

    /** Rule 11 is rule 10 on the reduced limits: rules 4-7 and 10 carry over from the limit properties. */
    @Property(tries = 10_000)
    void a_uniform_other_load_is_exactly_a_lower_limit(@ForAll("meteredSites") Metered site) {
        if (!site.uniform()) return;
        var reduced = site.input().limits().stream().map(limit -> site.otherLoads().stream()
                .filter(o -> o.limitId().equals(limit.id())).findFirst()
                .map(o -> new Limit(limit.id(), limit.parentId(), limit.maxCurrentA() - o.l1A()))
                .orElse(limit)).toList();
        var lowered = new AllocationInput(site.input().budgetKw(), site.input().sharing(), reduced,
                site.input().reservations(), site.input().demands());
        assertThat(Allocator.allocate(site.withOtherLoads()).shares()).isEqualTo(Allocator.allocate(lowered).shares());
    }

    @Property(tries = 10_000)
    void without_meters_or_limits_the_result_is_exactly_todays(@ForAll("meteredSites") Metered site) {
        var zeros = site.input().limits().stream().map(l -> new OtherLoad(l.id(), 0, 0, 0)).toList();
        var input = site.input();
        var noMeterBudget = Budget.of(input.budgetKw(), 250, null, List.of());
        assertThat(noMeterBudget.budgetKw()).isEqualTo(Math.min(input.budgetKw(), 250));
        assertThat(noMeterBudget.binding()).isEqualTo("config");
        assertThat(Allocator.allocate(new AllocationInput(input.budgetKw(), input.sharing(), input.limits(),
                input.reservations(), input.demands(), zeros))).isEqualTo(Allocator.allocate(input));
    }

    /** The budget in force is the least of its parts, never above what the grid meter leaves, never below 0. */
    @Property(tries = 10_000)
    void the_budget_is_the_least_of_its_parts_and_names_what_binds(@ForAll("meteredSites") Metered site) {
        var random = new Random(site.hashCode());
        double capacity = 1 + random.nextDouble() * 500;
        double config = random.nextDouble() * capacity;
        var grid = random.nextBoolean() ? null : new Budget.GridMeter(-100 + random.nextDouble() * 700,
                random.nextInt(3) == 0 ? 0 : random.nextDouble() * 20, random.nextBoolean());
        var externals = new ArrayList<Budget.External>();
        for (int i = random.nextInt(3); i > 0; i--) externals.add(new Budget.External("src" + i, random.nextDouble() * 300));
        var budget = Budget.of(config, capacity, grid, externals);
        assertThat(budget.budgetKw()).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(Math.min(config, capacity));
        if (grid != null) {
            assertThat(budget.budgetKw()).isLessThanOrEqualTo(Math.max(0, capacity - grid.otherLoadKw() - grid.bufferKw()));
            assertThat(budget.gridHeadroomKw()).isNotNull();
        } else {
            assertThat(budget.gridHeadroomKw()).isNull();
        }
        externals.forEach(e -> assertThat(budget.budgetKw()).isLessThanOrEqualTo(e.maxPowerKw()));
        var expectedBinding = budget.budgetKw() == Math.min(config, capacity) ? "config"
                : grid != null && budget.budgetKw() == budget.gridHeadroomKw() ? (grid.stale() ? "meter_fallback" : "grid_meter")
                : "external:" + externals.stream().min(java.util.Comparator.comparingDouble(Budget.External::maxPowerKw)
                        .thenComparing(Budget.External::source)).orElseThrow().source();
        assertThat(budget.binding()).isEqualTo(expectedBinding);
        // the allocation under that budget keeps within it (rule 1 with rule 11)
        var input = site.withOtherLoads();
        var under = new AllocationInput(budget.budgetKw(), input.sharing(), input.limits(), input.reservations(),
                input.demands(), input.otherLoads());
        Rules.rulesOneToThreeHold(under, Allocator.allocate(under));
    }
}
