package dev.dynamo.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dynamo.allocation.Allocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs of many days ({@code simulate --days}): the same KPIs as the days they are made of, with or without details. */
class LongRunTest {

    @Test
    void a_day_repeated_three_times_gives_three_times_its_energy_and_the_same_shares() {
        var day = repeated(Scenarios.twoChargers(), 1);
        var threeDays = repeated(Scenarios.twoChargers(), 3);
        var one = new Simulator().compare(day, List.of(StrategyChoice.scenario()), Simulator.Progress.NONE).runs().getFirst().kpis();
        var three = new Simulator().withoutDetails()
                .compare(threeDays, List.of(StrategyChoice.scenario()), Simulator.Progress.NONE).runs().getFirst().kpis();

        // every vehicle has left by the next morning: each day starts from an empty site and repeats the first
        assertThat(three.vehicles()).isEqualTo(3 * one.vehicles());
        assertThat(three.fullyServed()).isEqualTo(3 * one.fullyServed());
        assertThat(three.requestedKwh()).isCloseTo(3 * one.requestedKwh(), within(1e-9));
        assertThat(three.deliveredKwh()).isCloseTo(3 * one.deliveredKwh(), within(1e-9));
        assertThat(three.budgetKwh()).isCloseTo(3 * one.budgetKwh(), within(1e-9));
        assertThat(three.upperBoundKwh()).isCloseTo(3 * one.upperBoundKwh(), within(1e-9));
        // the config stored at the start decides once, whatever the length; sessions decide on each day
        assertThat(three.decisions()).isEqualTo(3 * (one.decisions() - 1) + 1);
        assertThat(three.fairness()).isCloseTo(one.fairness(), within(1e-12));
        assertThat(three.budgetUtilisation()).isCloseTo(one.budgetUtilisation(), within(1e-12));
        assertThat(three.peakKw()).isEqualTo(one.peakKw());
        assertThat(three.longestWaitMin()).isEqualTo(one.longestWaitMin());
        assertThat(three.worstShortKwh()).isEqualTo(one.worstShortKwh());
        assertThat(one.deliveredKwh()).isPositive();
    }

    @Test
    void kpis_without_details_are_the_kpis_with_them_to_the_bit() {
        var twoDays = Scenarios.shipped("public-hub").withDuration(Duration.ofDays(2));
        // rotation runs a second loop without it (longest wait without rotation); priority is another path
        var choices = List.of(StrategyChoice.scenario(), StrategyChoice.parse("equal:rotation=15"), StrategyChoice.parse("priority"));
        var with = new Simulator(Allocator::allocate, 15).compare(twoDays, choices, Simulator.Progress.NONE);
        var without = new Simulator(Allocator::allocate, 15).withoutDetails().compare(twoDays, choices, Simulator.Progress.NONE);
        for (int i = 0; i < choices.size(); i++) {
            assertThat(without.runs().get(i).kpis()).isEqualTo(with.runs().get(i).kpis());
            assertThat(with.runs().get(i).vehicles()).hasSize(with.vehicles());
            assertThat(without.runs().get(i).vehicles()).isEmpty();
            assertThat(without.runs().get(i).timeline()).isEmpty();
        }
        assertThat(with.runs().getFirst().timeline()).isNotEmpty();
    }

    @Test
    void a_longer_run_generates_every_day_and_the_same_first_day() {
        var oneDay = Scenarios.shipped("public-hub").withDuration(Duration.ofDays(1));
        var threeDays = oneDay.withDuration(Duration.ofDays(3));
        var first = Simulator.vehicles(oneDay);
        var all = Simulator.vehicles(threeDays);
        assertThat(all.subList(0, first.size())).isEqualTo(first);
        var dayEnd = oneDay.end();
        for (int d = 1; d < 3; d++) {
            var from = dayEnd.plus(Duration.ofDays(d - 1));
            var to = from.plus(Duration.ofDays(1));
            var arrivals = all.stream().filter(v -> !v.arrival().isBefore(from) && v.arrival().isBefore(to)).count();
            assertThat(arrivals).as("arrivals on day %d", d + 1).isGreaterThan(first.size() / 2);
        }
        assertThat(Simulator.vehicles(threeDays)).isEqualTo(all);
    }

    @Test
    void a_run_lasts_at_most_366_days_and_drops_the_config_changes_after_it() {
        var hub = Scenarios.shipped("public-hub");
        assertThat(hub.configChanges()).isNotEmpty();
        var firstChange = hub.configChanges().getFirst().at();
        var shorter = hub.withDuration(Duration.between(hub.start(), firstChange));
        assertThat(shorter.configChanges()).isEmpty();
        assertThat(hub.withDuration(Duration.ofDays(366)).end()).isEqualTo(hub.start().plus(Duration.ofDays(366)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> hub.withDuration(Duration.ofDays(367)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The scenario's listed vehicles on each of {@code days} days, a day apart, for {@code days} days. */
    private static Scenario repeated(Scenario scenario, int days) {
        var vehicles = new ArrayList<VehicleSpec>();
        for (int d = 0; d < days; d++) {
            var shift = Duration.ofDays(d);
            for (var v : scenario.vehicles()) {
                vehicles.add(new VehicleSpec(v.vehicleId() + "-" + d, v.arrival().plus(shift), v.departure().plus(shift),
                        v.energyNeededKwh(), v.maxAcceptanceKw(), v.chargePointId(), v.batteryKwh(), v.arrivalSoc(),
                        v.phasesInUse()));
            }
        }
        return new Scenario(scenario.name(), scenario.description(), scenario.site(), scenario.config(), List.of(),
                scenario.start(), Duration.ofDays(days), scenario.seed(), vehicles, scenario.model());
    }
}
