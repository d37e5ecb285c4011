package dev.dynamo.ocpp.v16;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class InstantTextTest {

    /** Whatever the instant, its text is Instant.toString()'s, also when the second it shares was written before. */
    @Property(tries = 3000)
    void writesWhatInstantWrites(@ForAll("instants") Instant instant) {
        assertThat(InstantText.append(new StringBuilder("x"), instant).toString()).isEqualTo("x" + instant);
        var sameSecond = instant.getEpochSecond() < Instant.MAX.getEpochSecond() ? instant.plusNanos(1) : instant;
        assertThat(InstantText.append(new StringBuilder(), sameSecond).toString()).isEqualTo(sameSecond.toString());
    }

    @Test
    void fractionsInGroupsOfThreeDigits() {
        var second = Instant.parse("2026-12-07T07:21:40Z");
        assertThat(text(second)).isEqualTo("2026-12-07T07:21:40Z");
        assertThat(text(second.plusMillis(5))).isEqualTo("2026-12-07T07:21:40.005Z");
        assertThat(text(second.plusNanos(5_000))).isEqualTo("2026-12-07T07:21:40.000005Z");
        assertThat(text(second.plusNanos(123_456_789))).isEqualTo("2026-12-07T07:21:40.123456789Z");
        assertThat(text(Instant.parse("9999-12-31T23:59:59.999Z"))).isEqualTo("9999-12-31T23:59:59.999Z");
        assertThat(text(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("+10000-01-01T00:00:00Z");
    }

    private static String text(Instant instant) {
        return InstantText.append(new StringBuilder(), instant).toString();
    }

    @Provide
    Arbitrary<Instant> instants() {
        var seconds = Arbitraries.oneOf(
                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                Arbitraries.longs().between(-62_167_219_300L, 253_402_300_900L),
                Arbitraries.longs().between(1_700_000_000L, 1_900_000_000L));
        var nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000), Arbitraries.integers().between(0, 999_999_999));
        return seconds.flatMap(s -> nanos.map(n -> Instant.ofEpochSecond(s, n)));
    }
}
