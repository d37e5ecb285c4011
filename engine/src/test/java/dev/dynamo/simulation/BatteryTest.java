package dev.dynamo.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class BatteryTest {
    // 100 kWh from 20%: the taper begins after 60 kWh
    private final Battery battery = new Battery(100, 0.2, 50);

    /** The flat stretch's answer without the division is the one with it, to the bit (near the taper too). */
    @Property(tries = 3000)
    void the_energy_before_the_taper_is_that_of_the_division(
            @ForAll @DoubleRange(min = 10, max = 150) double batteryKwh, @ForAll @DoubleRange(min = 0, max = 0.95) double soc,
            @ForAll @DoubleRange(min = 1, max = 350) double acceptanceKw, @ForAll @DoubleRange(min = 0.01, max = 400) double allocatedKw,
            @ForAll @DoubleRange(min = 0, max = 1) double deliveredShare, @ForAll @DoubleRange(min = 0, max = 2) double nearTaper) {
        var battery = new Battery(batteryKwh, soc, acceptanceKw);
        var at = battery.at(allocatedKw);
        var delivered = at.taperStartKwh() * deliveredShare;
        var toTaper = at.taperStartKwh() - delivered;
        // hours up to twice those to the taper, and exactly at it
        for (var hours : new double[] {nearTaper * toTaper / at.flatKw(), toTaper / at.flatKw(), Math.nextUp(toTaper / at.flatKw()),
                Math.nextDown(toTaper / at.flatKw()), 1 / 60.0, 1e-7}) {
            if (!(hours > 0)) continue;
            assertThat(battery.deliveredAfter(at, delivered, hours)).isEqualTo(byDivision(battery, at, delivered, hours));
        }
    }

    /** {@link Battery#deliveredAfter} as it was: the flat stretch always decided by the division (the taper as it is). */
    private static double byDivision(Battery battery, Battery.AtAllocation at, double deliveredKwh, double hours) {
        if (deliveredKwh < at.taperStartKwh()) {
            var flatHours = (at.taperStartKwh() - deliveredKwh) / at.flatKw();
            if (hours <= flatHours) return deliveredKwh + at.flatKw() * hours;
            return battery.deliveredAfter(at, at.taperStartKwh(), hours - flatHours);
        }
        return battery.deliveredAfter(at, deliveredKwh, hours);
    }

    @Test
    void draws_the_allocation_below_80_percent_and_never_above_acceptance() {
        assertThat(battery.drawKw(0, 30)).isEqualTo(30);
        assertThat(battery.drawKw(0, 80)).isEqualTo(50);
        assertThat(battery.deliveredAfter(0, 30, 1)).isCloseTo(30, within(1e-9));
    }

    @Test
    void acceptance_falls_linearly_from_80_to_10_percent_of_the_maximum_at_full() {
        assertThat(battery.acceptanceKw(60)).isCloseTo(50, within(1e-9));    // 80%
        assertThat(battery.acceptanceKw(70)).isCloseTo(27.5, within(1e-9));  // 90%: halfway, 55% of 50 kW
        assertThat(battery.acceptanceKw(79)).isCloseTo(7.25, within(1e-9));  // 99%: 14.5%, on the way to 10% at 100%
        assertThat(battery.acceptanceKw(80)).isZero();                       // full
    }

    @Test
    void a_large_allocation_is_held_back_by_the_taper() {
        // from 80%, half an hour at 50 kW would be 25 kWh; on the taper d(soc)/dt = 2.25/h × (1.0222 − soc), 75.0 kWh after 30 min
        assertThat(battery.deliveredAfter(60, 50, 0.5)).isCloseTo(75.0077, within(1e-3));
        assertThat(battery.deliveredAfter(60, 50, 10)).isEqualTo(80);
        assertThat(battery.hoursToDeliver(60, 50, 80)).isFinite();
    }

    @Test
    void a_small_allocation_runs_flat_until_acceptance_falls_to_it() {
        // 27.5 kW is accepted up to 90% (70 kWh delivered): flat from 60 to 70 kWh takes 10/27.5 h
        assertThat(battery.deliveredAfter(60, 27.5, 10 / 27.5)).isCloseTo(70, within(1e-9));
        assertThat(battery.hoursToDeliver(60, 27.5, 70)).isCloseTo(10 / 27.5, within(1e-12));
    }

    @Test
    void nothing_is_delivered_without_power() {
        assertThat(battery.deliveredAfter(10, 0, 5)).isEqualTo(10);
        assertThat(battery.hoursToDeliver(10, 0, 20)).isInfinite();
    }

    @Property
    void time_to_deliver_is_the_inverse_of_energy_after_time(@ForAll @DoubleRange(min = 0, max = 79) double fromKwh,
                                                             @ForAll @DoubleRange(min = 0.5, max = 80) double allocatedKw,
                                                             @ForAll @DoubleRange(min = 0.01, max = 1) double share) {
        var target = fromKwh + (80 - fromKwh) * share;
        var hours = battery.hoursToDeliver(fromKwh, allocatedKw, target);
        assertThat(battery.deliveredAfter(fromKwh, allocatedKw, hours)).isCloseTo(target, within(1e-6));
    }

    @Property
    void energy_never_decreases_and_never_exceeds_a_full_battery(@ForAll @DoubleRange(min = 0, max = 80) double fromKwh,
                                                               @ForAll @DoubleRange(min = 0, max = 200) double allocatedKw,
                                                               @ForAll @DoubleRange(min = 0, max = 48) double hours) {
        var after = battery.deliveredAfter(fromKwh, allocatedKw, hours);
        assertThat(after).isGreaterThanOrEqualTo(fromKwh - 1e-9).isLessThanOrEqualTo(Math.max(fromKwh, 80) + 1e-9);
    }
}
