package dev.dynamo.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The integral of the allocation counts whole milliseconds, as {@code Duration.toMillis} truncates them. */
class SessionEnergyTest {

    @Property(tries = 2000)
    void the_energy_is_the_rate_times_the_whole_milliseconds_elapsed(
            @ForAll @LongRange(min = 0, max = 4_000_000_000L) long fromSecond, @ForAll @IntRange(min = 0, max = 999_999_999) int fromNano,
            @ForAll @LongRange(min = -100_000, max = 2_000_000_000L) long elapsedSeconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int toNano) {
        var from = Instant.ofEpochSecond(fromSecond, fromNano);
        var to = Instant.ofEpochSecond(fromSecond + elapsedSeconds, toNano);
        var energy = new SessionEnergy(null, null, 1.5, from, 7.4);

        var hours = Math.max(0, Duration.between(from, to).toMillis()) / 3_600_000.0;
        assertThat(energy.deliveredKwh(to)).isEqualTo(1.5 + 7.4 * hours);
        assertThat(energy.rateFrom(to, 3).integralKwh()).isEqualTo(to.isAfter(from) ? 1.5 + 7.4 * hours : 1.5);
    }
}
