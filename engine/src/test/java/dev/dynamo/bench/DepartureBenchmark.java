package dev.dynamo.bench;

import dev.dynamo.allocation.AllocationInput;
import dev.dynamo.allocation.AllocationResult;
import dev.dynamo.allocation.Allocator;
import dev.dynamo.allocation.Demand;
import dev.dynamo.allocation.Departure;
import dev.dynamo.allocation.Limit;
import dev.dynamo.allocation.Phase;
import dev.dynamo.allocation.Sharing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One departure-aware rebalance (contract 10) of 10,000 sessions with departures under 200 circuits, next to
 * sorting 10,000 doubles in the same run (goal: within 5x the sort).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DepartureBenchmark {
    private static final double[] THREE_PHASE_CAPS_KW = {11, 22, 22, 7.4, 16.5};
    private static final double[] ONE_PHASE_CAPS_KW = {3.7, 7.4, 7.4, 5.5};
    private static final double MIN_POWER_KW = 1.4;

    @State(Scope.Benchmark)
    public static class DepotSite {
        AllocationInput input;

        @Setup
        public void setUp() {
            var random = new Random(7);
            // the circuit site of AllocationBenchmark: grid > 10 feeders > 19 rows each (200 circuits)
            var limits = new ArrayList<Limit>();
            limits.add(new Limit("grid", null, 16_000));
            var rows = new ArrayList<String>();
            for (int f = 0; f < 10; f++) {
                limits.add(new Limit("feeder-" + f, "grid", 2_000 + random.nextInt(2_000)));
                for (int r = 0; r < 19; r++) {
                    limits.add(new Limit("row-" + f + "-" + r, "feeder-" + f, 125 + random.nextInt(250)));
                    rows.add("row-" + f + "-" + r);
                }
            }
            var demands = new ArrayList<Demand>(10_000);
            var departures = new ArrayList<Departure>(10_000);
            for (int i = 0; i < 10_000; i++) {
                boolean onePhase = random.nextInt(3) == 0;
                double capKw = onePhase ? pick(random, ONE_PHASE_CAPS_KW) : pick(random, THREE_PHASE_CAPS_KW);
                var phase = Phase.values()[random.nextInt(3)];
                demands.add(new Demand("CP-" + i, capKw, Math.min(MIN_POWER_KW, capKw), onePhase ? 1 : 3, phase, 230,
                        rows.get(random.nextInt(rows.size()))));
                // every session has a departure: 1-14 h away, needing up to what its cap gives in that time
                double hours = 1 + random.nextDouble() * 13;
                departures.add(new Departure(random.nextDouble() * capKw * hours * 1.1, hours));
            }
            input = new AllocationInput(30_000, Sharing.EQUAL, limits, List.of(), demands, List.of(), departures);
        }
    }

    @State(Scope.Benchmark)
    public static class Doubles {
        double[] values;

        @Setup
        public void setUp() {
            values = new Random(42).doubles(10_000, 0, 22).toArray();
        }
    }

    private static double pick(Random random, double[] values) {
        return values[random.nextInt(values.length)];
    }

    @Benchmark
    public AllocationResult rebalance10000DeparturesUnder200Circuits(DepotSite site) {
        return Allocator.allocate(site.input);
    }

    @Benchmark
    public double[] sortDoubles(Doubles doubles) {
        double[] copy = doubles.values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
