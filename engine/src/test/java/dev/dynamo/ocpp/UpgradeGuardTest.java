package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UpgradeGuardTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final UpgradeGuard guard = new UpgradeGuard(clock);

    @Test
    void after_three_failures_an_address_waits_1_s_doubling_to_60_s_and_a_success_forgets_it() {
        guard.failed("10.0.0.9");
        guard.failed("10.0.0.9");
        assertThat(guard.waitFor("10.0.0.9")).isEmpty();

        guard.failed("10.0.0.9");
        assertThat(guard.waitFor("10.0.0.9")).contains(Duration.ofSeconds(1));
        assertThat(guard.waitFor("10.0.0.8")).as("another address").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(guard.waitFor("10.0.0.9")).isEmpty();

        guard.failed("10.0.0.9");
        assertThat(guard.waitFor("10.0.0.9")).contains(Duration.ofSeconds(2));
        for (int i = 0; i < 10; i++) guard.failed("10.0.0.9");
        assertThat(guard.waitFor("10.0.0.9")).contains(Duration.ofSeconds(60));

        guard.succeeded("10.0.0.9");
        assertThat(guard.waitFor("10.0.0.9")).isEmpty();
        guard.failed("10.0.0.9");
        assertThat(guard.waitFor("10.0.0.9")).as("counting starts afresh").isEmpty();
    }

    @Test
    void a_charge_point_opens_three_connections_at_once_then_one_a_second() {
        assertThat(guard.mayConnect("CP-1")).isTrue();
        assertThat(guard.mayConnect("CP-1")).isTrue();
        assertThat(guard.mayConnect("CP-1")).isTrue();
        assertThat(guard.mayConnect("CP-1")).isFalse();
        assertThat(guard.mayConnect("CP-2")).as("another charge point").isTrue();

        clock.advance(Duration.ofMillis(999));
        assertThat(guard.mayConnect("CP-1")).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(guard.mayConnect("CP-1")).isTrue();
        assertThat(guard.mayConnect("CP-1")).isFalse();

        clock.advance(Duration.ofMinutes(5));
        assertThat(guard.mayConnect("CP-1")).isTrue();
        assertThat(guard.mayConnect("CP-1")).isTrue();
        assertThat(guard.mayConnect("CP-1")).isTrue();
        assertThat(guard.mayConnect("CP-1")).as("the burst does not grow beyond three").isFalse();
    }
}
