package dev.dynamo.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.allocation.Allocator;
import dev.dynamo.site.DecisionSink;
import dev.dynamo.store.DecisionRecord;
import dev.dynamo.testing.MemoryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The simulation's cheap mode decides as the live engine's path does: the same scenario run once on a store that
 * keeps nothing with a sink that keeps no records (what {@code simulate} uses: no rotation state, energy map, session
 * document or decision record is made) and once on a durable in-memory store with a sink that keeps every record
 * (the live engine's path) gives the same decisions, snapshot by snapshot, and the durable run records each one.
 * Random seeds, lengths and strategies over the shipped scenarios.
 */
class SimulationModesPropertyTest {

    @Property(tries = 24)
    void a_store_that_keeps_nothing_decides_as_a_durable_one(@ForAll("scenarios") String name,
                                                            @ForAll("strategies") String strategy,
                                                            @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
                                                            @ForAll @IntRange(min = 1, max = 10) int hours) {
        var scenario = Scenarios.shipped(name).withSeed(seed);
        if (scenario.duration().compareTo(Duration.ofHours(hours)) > 0) scenario = scenario.withDuration(Duration.ofHours(hours));
        var choice = StrategyChoice.parse(strategy);
        var vehicles = Simulator.vehicles(scenario);

        var cheap = decisions(scenario, vehicles, choice, false);
        var durable = decisions(scenario, vehicles, choice, true);

        assertThat(cheap.canonical()).isEqualTo(durable.canonical());
        assertThat(cheap.delivered()).isEqualTo(durable.delivered());
        assertThat(durable.records()).isEqualTo(durable.canonical().size());
        assertThat(cheap.records()).isZero();
    }

    record Decisions(List<String> canonical, double[] delivered, int records) {}

    private static Decisions decisions(Scenario scenario, List<VehicleSpec> vehicles, StrategyChoice choice, boolean durable) {
        var site = scenario.site();
        var clock = new SimulatedClock(scenario.start());
        var records = new int[1];
        DecisionSink sink = durable ? (DecisionRecord record) -> records[0]++ : DecisionSink.DISCARD;
        var loop = new EventLoop(site, choice.apply(scenario.config(), site), Simulator.changes(scenario, choice), vehicles,
                scenario.start(), scenario.end(), clock, l -> new SimulatedSite(site, clock, l, Allocator::allocate,
                durable ? new MemoryStore() : new NoStore(), sink));
        loop.feedBuildingLoads(scenario.buildingLoads());
        loop.withoutDetails();
        var canonical = new ArrayList<String>();
        loop.listen((_, snapshot) -> canonical.add(DecisionSequencePinTest.canonical(snapshot)));
        loop.run(_ -> {});
        return new Decisions(canonical, loop.deliveredKwh(), records[0]);
    }

    @Provide
    Arbitrary<String> scenarios() {
        return Arbitraries.of("overnight-depot", "van-depot", "office-car-park", "public-hub", "office-pv");
    }

    @Provide
    Arbitrary<String> strategies() {
        return Arbitraries.of("scenario", "equal", "priority", "equal:departure_aware", "equal:rotation=15",
                "equal:departure_aware=off");
    }
}
