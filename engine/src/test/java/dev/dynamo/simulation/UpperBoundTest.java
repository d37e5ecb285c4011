package dev.dynamo.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dynamo.allocation.Phase;
import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.CircuitDefinition;
import dev.dynamo.contract.RateUnit;
import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.contract.Strategy;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class UpperBoundTest {
    private static final Instant START = Instant.parse("2026-11-23T08:00:00Z");
    private static final Instant END = START.plusSeconds(4 * 3600);

    private static ChargerDefinition charger(String id, double kw, int phases, Phase phase, String circuit) {
        return new ChargerDefinition(id, kw, phases, 230, RateUnit.W, null, circuit, phase);
    }

    private static ChargingConfig equal(double kw, double floorKw) {
        return new ChargingConfig(kw, Strategy.EQUAL, floorKw, List.of(), List.of(), null, false, START);
    }

    private static VehicleSpec vehicle(String id, int arriveMin, int leaveMin, double kwh, double acceptKw, String charger) {
        return new VehicleSpec(id, START.plusSeconds(arriveMin * 60L), START.plusSeconds(leaveMin * 60L), kwh, acceptKw, charger,
                100, 0.2, null);
    }

    private static UpperBound bound(SiteDefinition site, ChargingConfig config, List<VehicleSpec> vehicles, int slotMin) {
        var timeline = BudgetTimeline.of(config, List.of(), site.gridConnectionCapacityKw(), site.timezone(), START, END);
        return UpperBound.solve(site, timeline, vehicles, START, END, slotMin);
    }

    @Test
    void without_scarcity_the_bound_is_the_energy_requested() {
        var site = new SiteDefinition("s", "s", ZoneOffset.UTC, 500, null, List.of(),
                List.of(charger("CP-1", 22, 3, Phase.L1, null), charger("CP-2", 22, 3, Phase.L1, null)));
        var vehicles = List.of(vehicle("a", 0, 120, 20, 11, "CP-1"), vehicle("b", 17, 200, 35, 22, "CP-2"),
                vehicle("c", 130, 239, 10, 11, null));
        assertThat(bound(site, equal(400, 0), vehicles, 1).energyKwh()).isCloseTo(65, within(1e-6));
    }

    @Test
    void a_circuit_current_limit_binds_per_phase() {
        // two 1-phase chargers on L1 under a 16 A circuit: 16 A × 230 V = 3.68 kW together, for 2 hours
        var site = new SiteDefinition("s", "s", ZoneOffset.UTC, 500, null, List.of(new CircuitDefinition("row", null, 16)),
                List.of(charger("CP-1", 7.4, 1, Phase.L1, "row"), charger("CP-2", 7.4, 1, Phase.L1, "row"),
                        charger("CP-3", 7.4, 1, Phase.L2, "row")));
        var vehicles = List.of(vehicle("a", 0, 120, 50, 7.4, "CP-1"), vehicle("b", 0, 120, 50, 7.4, "CP-2"));
        assertThat(bound(site, equal(400, 0), vehicles, 1).energyKwh()).isCloseTo(2 * 3.68, within(1e-6));
        // a third vehicle on L2 has the phase to itself: 3.68 kW more
        var more = new ArrayList<>(vehicles);
        more.add(vehicle("c", 0, 120, 50, 7.4, "CP-3"));
        assertThat(bound(site, equal(400, 0), more, 1).energyKwh()).isCloseTo(4 * 3.68, within(1e-6));
    }

    @Test
    void longer_slots_never_give_a_lower_bound() {
        var site = new SiteDefinition("s", "s", ZoneOffset.UTC, 500, null, List.of(),
                List.of(charger("CP-1", 22, 3, Phase.L1, null), charger("CP-2", 22, 3, Phase.L1, null)));
        var vehicles = List.of(vehicle("a", 3, 50, 30, 22, "CP-1"), vehicle("b", 20, 70, 30, 22, "CP-2"),
                vehicle("c", 65, 130, 30, 22, "CP-1"));
        var fine = bound(site, equal(25, 0), vehicles, 1).energyKwh();
        var coarse = bound(site, equal(25, 0), vehicles, 60).energyKwh();
        assertThat(coarse).isGreaterThanOrEqualTo(fine - 1e-6);
        assertThat(fine).isLessThan(90);
    }

    @Test
    void a_large_program_with_current_limits_is_solved_on_longer_slots() {
        var site = new SiteDefinition("s", "s", ZoneOffset.UTC, 500, 400.0, List.of(), List.of(charger("CP-1", 22, 3, Phase.L1, null)));
        var vehicles = new ArrayList<VehicleSpec>();
        // one arrival and one departure every minute: no two minutes alike, 120 × 120 variables on 1-minute slots
        for (int i = 0; i < 120; i++) vehicles.add(vehicle("v" + i, i, 120 + i, 1, 11, null));
        assertThat(UpperBound.estimatedVariables(vehicles, START, END, 1)).isGreaterThan(UpperBound.MAX_VARIABLES);
        var timeline = BudgetTimeline.of(equal(100, 0), List.of(), 500, ZoneOffset.UTC, START, END);
        var bound = UpperBound.compute(site, timeline, vehicles, START, END, 1);
        assertThat(bound.slotMinutes()).isEqualTo(3);
        assertThat(bound.variables()).isLessThanOrEqualTo(UpperBound.MAX_VARIABLES);
        assertThat(bound.method()).isEqualTo("lp");
        assertThat(bound.energyKwh()).isCloseTo(120, within(1e-6));
    }

    @Test
    void without_current_limits_a_large_program_keeps_its_1_minute_slots_as_a_flow() {
        var site = new SiteDefinition("s", "s", ZoneOffset.UTC, 500, null, List.of(), List.of(charger("CP-1", 22, 3, Phase.L1, null)));
        var vehicles = new ArrayList<VehicleSpec>();
        for (int i = 0; i < 60; i++) vehicles.add(vehicle("v" + i, i, 239, 1, 11, null));
        var timeline = BudgetTimeline.of(equal(100, 0), List.of(), 500, ZoneOffset.UTC, START, END);
        var bound = UpperBound.compute(site, timeline, vehicles, START, END, 1);
        assertThat(bound.slotMinutes()).isEqualTo(1);
        assertThat(bound.method()).isEqualTo("flow");
        assertThat(bound.energyKwh()).isCloseTo(60, within(1e-6));
    }

    /** Without current limits the bound is computed as a maximum flow: it must be the linear program's optimum. */
    @Property(tries = 30)
    void the_flow_reaches_the_same_optimum_as_the_linear_program(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        var random = new java.util.SplittableRandom(seed);
        var chargers = new ArrayList<ChargerDefinition>();
        for (int i = 0; i < 1 + random.nextInt(4); i++) chargers.add(charger("CP-" + i, 7.4 + random.nextInt(40), 3, Phase.L1, null));
        var site = new SiteDefinition("s", "s", ZoneOffset.UTC, 300, null, List.of(), chargers);
        var vehicles = new ArrayList<VehicleSpec>();
        for (int v = 0; v < 1 + random.nextInt(12); v++) {
            var arriveS = random.nextInt(230 * 60);
            vehicles.add(new VehicleSpec("v" + v, START.plusSeconds(arriveS), START.plusSeconds(arriveS + 300 + random.nextInt(200 * 60)),
                    1 + random.nextInt(50), 2 + random.nextInt(50),
                    random.nextBoolean() ? null : chargers.get(random.nextInt(chargers.size())).chargePointId(), 100, 0.2, null));
        }
        var config = equal(5 + random.nextInt(60), 0);
        var timeline = BudgetTimeline.of(config, List.of(new Scenario.ConfigChange(START.plusSeconds(7000), equal(1 + random.nextInt(60), 0))),
                300, ZoneOffset.UTC, START, END);
        var slot = 1 + random.nextInt(20);
        var lp = UpperBound.solve(site, timeline, vehicles, START, END, slot);
        var flow = UpperBound.solveAsFlow(site, timeline, vehicles, START, END, slot);
        assertThat(lp.method()).isEqualTo("lp");
        assertThat(flow.method()).isEqualTo("flow");
        assertThat(flow.energyKwh()).isCloseTo(lp.energyKwh(), within(1e-6 * Math.max(1, lp.energyKwh())));
    }

    /** Random small sites and vehicles: no strategy delivers more than the bound. */
    @Property(tries = 25)
    void the_bound_is_never_below_what_a_strategy_achieved(@ForAll @IntRange(min = 0, max = 1_000_000) int seed,
                                                            @ForAll @IntRange(min = 1, max = 3) int strategyIndex) {
        var random = new java.util.SplittableRandom(seed);
        var circuits = List.of(new CircuitDefinition("row", null, 10 + random.nextInt(40)));
        var chargers = new ArrayList<ChargerDefinition>();
        var count = 2 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            var onePhase = random.nextBoolean();
            chargers.add(charger("CP-" + i, onePhase ? 7.4 : 22, onePhase ? 1 : 3, Phase.values()[random.nextInt(3)],
                    random.nextBoolean() ? "row" : null));
        }
        var site = new SiteDefinition("s", "s", ZoneOffset.UTC, 200, random.nextBoolean() ? 60.0 : null, circuits, chargers);
        var vehicles = new ArrayList<VehicleSpec>();
        for (int v = 0; v < 3 + random.nextInt(8); v++) {
            var arrive = random.nextInt(200);
            var battery = 40 + random.nextInt(60);
            var soc = random.nextDouble(0.1, 0.7);
            vehicles.add(new VehicleSpec("v" + v, START.plusSeconds(arrive * 60L), START.plusSeconds((arrive + 10 + random.nextInt(150)) * 60L),
                    Math.min(5 + random.nextInt(40), battery * (1 - soc)), 3 + random.nextInt(20),
                    random.nextBoolean() ? null : chargers.get(random.nextInt(count)).chargePointId(), battery, soc,
                    random.nextBoolean() ? 1 : null));
        }
        var strategy = Strategy.values()[strategyIndex - 1];
        var schedule = List.of(new dev.dynamo.schedule.ScheduleWindow(java.util.EnumSet.allOf(java.time.DayOfWeek.class),
                9 * 60 + 30, 10 * 60 + 30, 5 + random.nextInt(30), dev.dynamo.allocation.Sharing.EQUAL));
        var config = new ChargingConfig(5 + random.nextInt(40), strategy, random.nextBoolean() ? 0 : 2,
                chargers.stream().map(ChargerDefinition::chargePointId).toList(), schedule,
                strategy == Strategy.EQUAL && random.nextBoolean() ? 5 : null, false, START);
        var scenario = new Scenario("random", "", site, config, List.of(), START, java.time.Duration.between(START, END), seed,
                vehicles, null);
        var run = new Simulator().run(scenario, Simulator.vehicles(scenario), StrategyChoice.scenario());
        assertThat(run.kpis().upperBoundKwh()).isGreaterThanOrEqualTo(run.kpis().deliveredKwh() - 1e-6);
        assertThat(run.kpis().deliveredKwh()).isLessThanOrEqualTo(run.kpis().requestedKwh() + 1e-9);
    }
}
