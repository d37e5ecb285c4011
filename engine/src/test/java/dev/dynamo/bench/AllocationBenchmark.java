package dev.dynamo.bench;

import dev.dynamo.allocation.AllocationInput;
import dev.dynamo.allocation.AllocationResult;
import dev.dynamo.allocation.Allocator;
import dev.dynamo.allocation.Demand;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One rebalance of the allocation core, next to sorting as many doubles in the same run (the yardstick:
 * a flat rebalance of 10,000 chargers within 3x the sort, 10,000 under 200 circuits within 5x; with 10
 * chargers, {@code EQUAL} within 2x of {@code PRIORITY}). {@link AllocationGoals} runs it and checks the goals.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AllocationBenchmark {
    private static final double[] THREE_PHASE_CAPS_KW = {11, 22, 22, 7.4, 16.5};
    private static final double[] ONE_PHASE_CAPS_KW = {3.7, 7.4, 7.4, 5.5};
    private static final double MIN_POWER_KW = 1.4;

    @State(Scope.Benchmark)
    public static class FlatSite {
        @Param({"10", "100", "1000", "10000"})
        public int chargers;
        @Param({"EQUAL", "PRIORITY"})
        public Sharing sharing;
        AllocationInput input;

        @Setup
        public void setUp() {
            var random = new Random(42);
            var demands = new ArrayList<Demand>(chargers);
            for (int i = 0; i < chargers; i++) demands.add(demand(random, "CP-" + i, null));
            // about 40% of what they could take: some capped, the others sharing, a few queued under priority
            double budgetKw = 0.4 * demands.stream().mapToDouble(Demand::capKw).sum();
            input = new AllocationInput(budgetKw, sharing, List.of(), List.of(), demands);
        }
    }

    @State(Scope.Benchmark)
    public static class CircuitSite {
        /**
         * Active chargers. At 10,000: 190 rows under 10 feeders under the grid connection (200 circuits);
         * other sizes keep about 53 chargers a row and 19 rows a feeder, the feeders, grid and budget scaled
         * with the rows, so about the same share of limits binds.
         */
        @Param({"10", "100", "1000", "10000"})
        public int chargers;
        @Param({"EQUAL", "PRIORITY"})
        public Sharing sharing;
        AllocationInput input;

        @Setup
        public void setUp() {
            var random = new Random(7);
            int rowCount = Math.max(1, (int) Math.round(chargers * 190 / 10_000.0));
            int feederCount = Math.max(1, (int) Math.round(rowCount / 19.0));
            double scale = rowCount / 190.0;
            var limits = new ArrayList<Limit>();
            limits.add(new Limit("grid", null, 16_000 * scale));
            var rows = new ArrayList<String>();
            for (int f = 0; f < feederCount; f++) {
                int rowsHere = rowCount / feederCount + (f < rowCount % feederCount ? 1 : 0);
                limits.add(new Limit("feeder-" + f, "grid", (2_000 + random.nextInt(2_000)) * rowsHere / 19.0));
                for (int r = 0; r < rowsHere; r++) {
                    limits.add(new Limit("row-" + f + "-" + r, "feeder-" + f, 125 + random.nextInt(250)));
                    rows.add("row-" + f + "-" + r);
                }
            }
            var demands = new ArrayList<Demand>(chargers);
            for (int i = 0; i < chargers; i++) {
                demands.add(demand(random, "CP-" + i, rows.get(random.nextInt(rows.size()))));
            }
            input = new AllocationInput(30_000 * scale, sharing, limits, List.of(), demands);
        }
    }

    @State(Scope.Benchmark)
    public static class Doubles {
        @Param({"10", "100", "1000", "10000"})
        public int count;
        double[] values;

        @Setup
        public void setUp() {
            values = new Random(42).doubles(count, 0, 22).toArray();
        }
    }

    private static Demand demand(Random random, String id, String limitId) {
        boolean onePhase = random.nextInt(3) == 0;
        double capKw = onePhase ? pick(random, ONE_PHASE_CAPS_KW) : pick(random, THREE_PHASE_CAPS_KW);
        if (random.nextInt(4) == 0) capKw = Math.round(random.nextDouble(2, capKw) * 100) / 100.0; // vehicle limit
        var phase = Phase.values()[random.nextInt(3)];
        return new Demand(id, capKw, Math.min(MIN_POWER_KW, capKw), onePhase ? 1 : 3, phase, 230, limitId);
    }

    private static double pick(Random random, double[] values) {
        return values[random.nextInt(values.length)];
    }

    @Benchmark
    public AllocationResult rebalanceFlat(FlatSite site) {
        return Allocator.allocate(site.input);
    }

    @Benchmark
    public AllocationResult rebalanceUnderCircuits(CircuitSite site) {
        return Allocator.allocate(site.input);
    }

    @Benchmark
    public double[] sortDoubles(Doubles doubles) {
        double[] copy = doubles.values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
