package dev.dynamo.allocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Random allocation inputs: flat sites, or sites with a tree of per-phase limits, mixed 1-/3-phase draws. */
final class RandomSites {
    private static final double[] CAPS_KW = {3.7, 7.4, 11, 22, 22.0 / 3, 50, 150, 0};
    private static final double[] LIMITS_A = {6, 10, 16, 20, 32, 40, 63, 80, 125, 250};
    private static final double[] VOLTAGES_V = {230, 230, 230, 120, 240};
    private static final double[] MIN_POWERS_KW = {0, 0, 1.4, 4.2, 6, 11};

    private RandomSites() {}

    static Arbitrary<AllocationInput> flat() {
        return Arbitraries.randomValue(random -> site(random, false));
    }

    static Arbitrary<AllocationInput> withLimits() {
        return Arbitraries.randomValue(random -> site(random, true));
    }

    static AllocationInput site(Random random, boolean withLimits) {
        boolean onGrid = random.nextBoolean(); // hundredths stress the rounding; raw doubles the arithmetic
        int limitCount = withLimits ? 1 + random.nextInt(6) : 0;
        var limits = new ArrayList<Limit>();
        for (int l = 0; l < limitCount; l++) {
            String parent = l == 0 || random.nextInt(3) == 0 ? null : "c" + random.nextInt(l);
            double maxA = random.nextBoolean() ? pick(random, LIMITS_A) : value(random, 1, 150, onGrid);
            limits.add(new Limit("c" + l, parent, maxA));
        }
        boolean uniformFloors = random.nextInt(5) < 3;
        double minPowerKw = random.nextInt(4) == 0 ? value(random, 0, 12, onGrid) : pick(random, MIN_POWERS_KW);
        int demandCount = random.nextInt(13);
        var demands = new ArrayList<Demand>();
        for (int i = 0; i < demandCount; i++) {
            double capKw = random.nextInt(3) == 0 ? value(random, 0.5, 60, onGrid) : pick(random, CAPS_KW);
            double floorKw;
            if (uniformFloors) {
                floorKw = Math.min(minPowerKw, capKw);
            } else {
                floorKw = random.nextInt(3) == 0 || capKw < 0.01 ? 0 : Math.min(capKw, value(random, 0.01, capKw, onGrid));
            }
            demands.add(demand(random, "CP-" + i, capKw, floorKw, limits));
        }
        var reservations = new ArrayList<Reservation>();
        for (int r = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0; r > 0; r--) {
            var draw = demand(random, "R-" + r, 0, 0, limits);
            reservations.add(new Reservation(draw.chargePointId(), value(random, 0, 15, onGrid), draw.phasesInUse(),
                    draw.phase(), draw.voltageV(), draw.limitId()));
        }
        double budgetKw = random.nextInt(4) == 0 ? pick(random, new double[] {0, 12.6, 50, 150, 250})
                : value(random, 0, 200, onGrid);
        var sharing = random.nextBoolean() ? Sharing.EQUAL : Sharing.PRIORITY;
        return new AllocationInput(budgetKw, sharing, limits, reservations, demands);
    }

    private static Demand demand(Random random, String id, double capKw, double floorKw, List<Limit> limits) {
        int phases = random.nextInt(3) == 0 ? 1 : 3;
        var phase = Phase.values()[random.nextInt(3)];
        String limitId = limits.isEmpty() || random.nextInt(5) == 0 ? null : limits.get(random.nextInt(limits.size())).id();
        return new Demand(id, capKw, floorKw, phases, phase, pick(random, VOLTAGES_V), limitId);
    }

    private static double value(Random random, double from, double to, boolean onGrid) {
        double value = from + random.nextDouble() * (to - from);
        return onGrid ? Math.min(to, Math.max(from, Math.round(value * 100) / 100.0)) : value;
    }

    private static double pick(Random random, double[] values) {
        return values[random.nextInt(values.length)];
    }
}
