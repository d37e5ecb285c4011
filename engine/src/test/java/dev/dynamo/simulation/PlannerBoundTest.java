package dev.dynamo.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.allocation.Phase;
import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.RateUnit;
import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.contract.Strategy;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The planner's "most vehicles full" against brute force over every subset of small hand-made cases. */
class PlannerBoundTest {
    private static final Instant START = Instant.parse("2026-11-23T20:00:00Z");
    private static final Instant END = START.plusSeconds(3 * 3600);
    private static final int SLOT_MIN = 5;

    private static SiteDefinition site(int chargers) {
        var list = new ArrayList<ChargerDefinition>();
        for (int c = 0; c < chargers; c++) list.add(new ChargerDefinition("CP-" + c, 22, 3, 230, RateUnit.W, null, null, Phase.L1));
        return new SiteDefinition("s", "s", ZoneOffset.UTC, 500, null, List.of(), list);
    }

    private static BudgetTimeline budget(SiteDefinition site, double kw) {
        var config = new ChargingConfig(kw, Strategy.EQUAL, 0, List.of(), List.of(), null, false, START);
        return BudgetTimeline.of(config, List.of(), site.gridConnectionCapacityKw(), site.timezone(), START, END);
    }

    private static VehicleSpec vehicle(int c, int arriveMin, int leaveMin, double kwh, double acceptKw) {
        return new VehicleSpec("v" + c, START.plusSeconds(arriveMin * 60L), START.plusSeconds(leaveMin * 60L), kwh, acceptKw,
                "CP-" + c, 100, 0.2, null);
    }

    private static PlannerBound planner(SiteDefinition site, BudgetTimeline budget, List<VehicleSpec> vehicles) {
        var energy = UpperBound.compute(site, budget, vehicles, START, END, SLOT_MIN);
        return PlannerBound.compute(site, budget, vehicles, START, END, energy);
    }

    /** The most vehicles a subset can fill, each subset checked as a maximum flow on the planner's slots. */
    private static int bruteForce(SiteDefinition site, BudgetTimeline budget, List<VehicleSpec> vehicles, int slotMin) {
        int best = 0;
        for (int mask = 1; mask < 1 << vehicles.size(); mask++) {
            if (Integer.bitCount(mask) <= best) continue;
            var subset = new ArrayList<VehicleSpec>();
            double need = 0;
            for (int v = 0; v < vehicles.size(); v++) {
                if ((mask & (1 << v)) == 0) continue;
                subset.add(vehicles.get(v));
                need += vehicles.get(v).energyNeededKwh();
            }
            var flow = UpperBound.solveAsFlow(site, budget, subset, START, END, slotMin).energyKwh();
            if (flow >= need - 1e-6) best = Integer.bitCount(mask);
        }
        return best;
    }

    @Test
    void a_short_night_fills_the_small_needs_not_the_large_one() {
        // 20 kW for 3 h = 60 kWh; needs 30, 25, 20, 15 (90): the three smallest (60) fit, no four do
        var site = site(4);
        var budget = budget(site, 20);
        var vehicles = List.of(vehicle(0, 0, 180, 30, 22), vehicle(1, 0, 180, 25, 22), vehicle(2, 0, 180, 20, 22),
                vehicle(3, 0, 180, 15, 22));
        var bound = planner(site, budget, vehicles);
        assertThat(bound.method()).isEqualTo("exact");
        assertThat(bound.mostFull()).isEqualTo(3);
        assertThat(bound.leastShortKwh()).isCloseTo(30, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Property(tries = 60)
    void most_full_is_what_the_best_subset_fills(@ForAll long seed) {
        var random = new Random(seed);
        int n = 2 + random.nextInt(6);
        var site = site(n);
        var budget = budget(site, 5 + random.nextInt(30));
        var vehicles = new ArrayList<VehicleSpec>();
        for (int v = 0; v < n; v++) {
            int arrive = 5 * random.nextInt(24);
            int leave = Math.min(180, arrive + 5 * (1 + random.nextInt(30)));
            vehicles.add(vehicle(v, arrive, leave, 1 + random.nextInt(40), List.of(7.4, 11.0, 22.0).get(random.nextInt(3))));
        }
        var bound = planner(site, budget, vehicles);
        assertThat(bound.method()).isIn("exact", "lp-all-full");
        assertThat(bound.mostFull()).as("%s", vehicles).isEqualTo(bruteForce(site, budget, vehicles, bound.slotMinutes()));
    }
}
