package dev.dynamo.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VehicleGeneratorTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Instant START = Instant.parse("2026-11-22T23:00:00Z"); // Monday 00:00 local
    private static final Instant END = START.plusSeconds(24 * 3600);

    private static VehicleModel model(List<Double> rates, Distribution dwell, LocalTime departure) {
        return new VehicleModel(rates, dwell, departure, new Distribution.Normal(20, 8, 2, 60), new Distribution.Uniform(0.1, 0.5),
                List.of(new VehicleModel.EvType("small", 1, 7.4, 40, 1), new VehicleModel.EvType("big", 3, 11, 80, null)));
    }

    private static List<Double> morningOnly() {
        var rates = new java.util.ArrayList<>(Collections.nCopies(24, 0.0));
        rates.set(7, 30.0);
        rates.set(8, 30.0);
        return rates;
    }

    @Test
    void vehicle_ids_are_numbered_with_five_digits_at_least() {
        for (var n : new int[] {0, 1, 9, 10, 99, 1234, 12345, 99999, 100000, 1_092_263, Integer.MAX_VALUE}) {
            assertThat(VehicleGenerator.id(n)).isEqualTo("G-%05d".formatted(n));
        }
    }

    @Test
    void the_same_seed_gives_the_same_vehicles_and_another_seed_others() {
        var model = model(morningOnly(), new Distribution.Normal(480, 60, 60, 600), null);
        var first = VehicleGenerator.generate(model, 7, START, END, ZONE);
        assertThat(VehicleGenerator.generate(model, 7, START, END, ZONE)).isEqualTo(first);
        assertThat(VehicleGenerator.generate(model, 8, START, END, ZONE)).isNotEqualTo(first);
    }

    @Test
    void arrivals_follow_the_local_hours_with_a_rate() {
        var vehicles = VehicleGenerator.generate(model(morningOnly(), new Distribution.Fixed(60), null), 3, START, END, ZONE);
        // 60 expected; a Poisson count this far from it is all but impossible
        assertThat(vehicles).hasSizeBetween(35, 90);
        assertThat(vehicles).allSatisfy(v -> assertThat(v.arrival().atZone(ZONE).getHour()).isIn(7, 8));
        assertThat(vehicles).allSatisfy(v -> assertThat(v.departure()).isEqualTo(v.arrival().plusSeconds(3600)));
    }

    @Test
    void energy_fits_the_battery_and_vehicles_take_any_free_charger() {
        var vehicles = VehicleGenerator.generate(model(morningOnly(), new Distribution.Fixed(60), null), 5, START, END, ZONE);
        assertThat(vehicles).allSatisfy(v -> {
            assertThat(v.energyNeededKwh()).isPositive().isLessThanOrEqualTo(v.batteryKwh() * (1 - v.arrivalSoc()) + 1e-3);
            assertThat(v.anyCharger()).isTrue();
            assertThat(v.maxAcceptanceKw()).isIn(7.4, 11.0);
        });
    }

    @Test
    void a_departure_time_sends_everyone_home_at_the_next_such_local_time() {
        var rates = new java.util.ArrayList<>(Collections.nCopies(24, 0.0));
        rates.set(18, 20.0);
        var vehicles = VehicleGenerator.generate(model(rates, null, LocalTime.of(6, 0)), 11, START, END, ZONE);
        assertThat(vehicles).isNotEmpty().allSatisfy(v -> {
            var departure = v.departure().atZone(ZONE);
            assertThat(departure.toLocalTime()).isEqualTo(LocalTime.of(6, 0));
            assertThat(departure.toLocalDate()).isEqualTo(v.arrival().atZone(ZONE).toLocalDate().plusDays(1));
        });
    }
}
