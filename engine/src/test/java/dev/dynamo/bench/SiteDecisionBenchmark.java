package dev.dynamo.bench;

import dev.dynamo.allocation.Phase;
import dev.dynamo.site.AllocationSnapshot;
import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.CircuitDefinition;
import dev.dynamo.contract.RateUnit;
import dev.dynamo.contract.SessionStart;
import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.site.SiteEnvironment;
import dev.dynamo.site.SiteHandle;
import dev.dynamo.site.SiteRegistry;
import dev.dynamo.contract.Strategy;
import dev.dynamo.testing.ManualClock;
import dev.dynamo.testing.ManualTimers;
import dev.dynamo.testing.MemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole decision of the site layer, as a manual rebalance runs it: the hand-off to the site's thread,
 * the allocation input (caps, floors, admission order, limits), the core, the snapshot and its record.
 * A site of N three-phase chargers on rows of 10 under one feeder and a grid current limit, all charging.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class SiteDecisionBenchmark {
    @Param({"12", "100", "1000"})
    public int chargers;

    private SiteRegistry registry;
    private SiteHandle site;

    @Setup
    public void setUp() {
        var clock = new ManualClock(Instant.parse("2026-11-24T10:00:00Z"));
        registry = rowsSite(clock, chargers);
        site = registry.site("bench").orElseThrow();
        for (int i = 0; i < chargers; i++) {
            clock.advance(Duration.ofMillis(10));
            site.startSession(chargerId(i), SessionStart.NONE, null);
        }
    }

    /**
     * Site {@code bench} of N three-phase 22 kW chargers ({@link #chargerId}) on rows of 10 (200 A each) under one
     * feeder, sharing {@code equal} with a 4.2 kW floor; no session yet. Shared with {@link ConnectedSiteBenchmark}.
     */
    static SiteRegistry rowsSite(ManualClock clock, int chargers) {
        var registry = new SiteRegistry(new SiteEnvironment(clock, new MemoryStore(), _ -> {}, new ManualTimers(clock),
                Duration.ofMinutes(5)));
        var circuits = new ArrayList<CircuitDefinition>();
        circuits.add(new CircuitDefinition("feeder", null, 32.0 * chargers / 2));
        var definitions = new ArrayList<ChargerDefinition>();
        for (int i = 0; i < chargers; i++) {
            var row = "row-" + i / 10;
            if (i % 10 == 0) circuits.add(new CircuitDefinition(row, "feeder", 200));
            definitions.add(new ChargerDefinition(chargerId(i), 22, 3, 230, RateUnit.W, null, row, Phase.L1));
        }
        registry.putSite(new SiteDefinition("bench", "Bench", ZoneId.of("Europe/Amsterdam"), 22.0 * chargers,
                32.0 * chargers / 2, circuits, definitions), _ -> {});
        registry.site("bench").orElseThrow().storeConfig(_ -> new ChargingConfig(15.0 * chargers, Strategy.EQUAL, 4.2,
                List.of(), List.of(), null, false, clock.instant()));
        return registry;
    }

    static String chargerId(int index) {
        return "CP-%05d".formatted(index);
    }

    @TearDown
    public void tearDown() {
        registry.close();
    }

    @Benchmark
    public AllocationSnapshot rebalance() {
        return site.rebalance().orElseThrow();
    }
}
