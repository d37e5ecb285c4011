package dev.dynamo.bench;

import dev.dynamo.contract.SessionStart;
import dev.dynamo.site.AllocationSnapshot;
import dev.dynamo.site.SiteHandle;
import dev.dynamo.site.SiteRegistry;
import dev.dynamo.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
 * The site layer's per-charger state on its hot paths: a site of N chargers all connected over OCPP, each with a
 * session under a transaction, an acknowledged limit, what it may draw and a meter value (as
 * {@link SiteDecisionBenchmark}, which has none of those). {@code rebalance}: a whole decision, counted
 * ({@code Counted}) and published; {@code meterValue}: a meter value on one charger (round robin) that changes
 * nothing but the allocation's measured power.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class ConnectedSiteBenchmark {
    @Param({"100", "1000"})
    public int chargers;

    private SiteRegistry registry;
    private SiteHandle site;
    private String[] ids;
    private int next;

    @Setup
    public void setUp() {
        var clock = new ManualClock(Instant.parse("2026-11-24T10:00:00Z"));
        registry = SiteDecisionBenchmark.rowsSite(clock, chargers);
        site = registry.site("bench").orElseThrow();
        ids = new String[chargers];
        for (int i = 0; i < chargers; i++) ids[i] = SiteDecisionBenchmark.chargerId(i);
        for (int i = 0; i < chargers; i++) {
            site.connected(ids[i]);
            clock.advance(Duration.ofMillis(10));
            site.startSession(ids[i], SessionStart.NONE, i + 1);
        }
        var told = new HashMap<String, Double>();
        for (var a : site.rebalance().orElseThrow().allocations()) told.put(a.chargePointId(), a.targetKw());
        site.limitsAcknowledged(told);
        site.mayDraw(told);
        for (var a : site.view().allocation().allocations()) site.meterValue(a.chargePointId(), a.targetKw(), 3);
    }

    @TearDown
    public void tearDown() {
        registry.close();
    }

    @Benchmark
    public AllocationSnapshot rebalance() {
        return site.rebalance().orElseThrow();
    }

    @Benchmark
    public void meterValue() {
        var cp = ids[next];
        next = (next + 1) % ids.length;
        site.meterValue(cp, site.view().allocation().charger(cp).orElseThrow().targetKw(), 3);
    }
}
