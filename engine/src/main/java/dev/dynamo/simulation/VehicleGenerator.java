package dev.dynamo.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Draws the vehicles of a {@link VehicleModel} from a seed. The generator is L64X128MixRandom, whose
 * algorithm is fixed by the JDK, so a seed gives the same vehicles on every run and machine.
 */
public final class VehicleGenerator {
    private VehicleGenerator() {}

    public static List<VehicleSpec> generate(VehicleModel model, long seed, Instant start, Instant end, ZoneId zone) {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        var vehicles = new ArrayList<VehicleSpec>();
        var at = start;
        while (at.isBefore(end)) {
            var local = at.atZone(zone);
            var hourEnd = local.withMinute(0).withSecond(0).withNano(0).plusHours(1).toInstant();
            if (hourEnd.isAfter(end)) hourEnd = end;
            var ratePerHour = model.arrivalsPerHour().get(local.getHour());
            if (ratePerHour <= 0) {
                at = hourEnd;
                continue;
            }
            // Poisson arrivals: exponential gaps; a gap running past the hour restarts at the next rate.
            var gapMs = (long) Math.ceil(-Math.log(1 - random.nextDouble()) / ratePerHour * 3_600_000);
            var next = at.plusMillis(Math.max(1, gapMs));
            if (!next.isBefore(hourEnd)) {
                at = hourEnd;
                continue;
            }
            vehicles.add(vehicle(model, random, next, zone, vehicles.size() + 1));
            at = next;
        }
        return vehicles;
    }

    private static VehicleSpec vehicle(VehicleModel model, RandomGenerator random, Instant arrival, ZoneId zone, int n) {
        var type = pick(model.evMix(), random);
        Instant departure;
        if (model.departureTime() != null) {
            var local = arrival.atZone(zone);
            var candidate = local.toLocalDate().atTime(model.departureTime()).atZone(zone);
            if (!candidate.isAfter(local)) candidate = local.toLocalDate().plusDays(1).atTime(model.departureTime()).atZone(zone);
            departure = candidate.toInstant();
        } else {
            departure = arrival.plus(Duration.ofMillis(Math.round(model.dwellMin().draw(random) * 60_000)));
        }
        var soc = model.arrivalSoc().draw(random);
        var room = type.batteryKwh() * (1 - soc);
        var energyKwh = Math.min(model.energyKwh().draw(random), room);
        return new VehicleSpec(id(n), arrival, departure, round3(energyKwh), type.maxAcceptanceKw(), null,
                type.batteryKwh(), soc, type.phasesInUse());
    }

    /** {@code "G-%05d".formatted(n)} for n &gt;= 0, without a formatter per vehicle (a year: a million of them). */
    static String id(int n) {
        var digits = Integer.toString(n);
        return digits.length() >= 5 ? "G-" + digits : "G-" + "0".repeat(5 - digits.length()) + digits;
    }

    private static VehicleModel.EvType pick(List<VehicleModel.EvType> mix, RandomGenerator random) {
        var total = mix.stream().mapToDouble(VehicleModel.EvType::weight).sum();
        var x = random.nextDouble() * total;
        for (var type : mix) {
            x -= type.weight();
            if (x < 0) return type;
        }
        return mix.getLast();
    }

    private static double round3(double value) { return Math.round(value * 1000) / 1000.0; }
}
