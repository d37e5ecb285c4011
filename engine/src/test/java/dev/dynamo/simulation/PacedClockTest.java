package dev.dynamo.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PacedClockTest {
    private static final Instant START = Instant.parse("2026-11-23T08:00:00Z");
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong wall = new AtomicLong(5 * SECOND);

    @Test
    void simulatedTimeRunsAtSpeedTimesWallTime() {
        var clock = new PacedClock(START, 60, wall::get);
        wall.addAndGet(10 * SECOND);
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(600));
    }

    @Test
    void pauseFreezesTimeAndResumeGoesOnFromThere() {
        var clock = new PacedClock(START, 10, wall::get);
        wall.addAndGet(SECOND);
        clock.pause();
        wall.addAndGet(100 * SECOND);
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(10));
        assertThat(clock.millisUntil(START.plusSeconds(20))).isEqualTo(Long.MAX_VALUE);
        clock.resume();
        wall.addAndGet(2 * SECOND);
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(30));
    }

    @Test
    void aNewSpeedAppliesFromTheTimeShownSoTimeNeverJumps() {
        var clock = new PacedClock(START, 1, wall::get);
        wall.addAndGet(30 * SECOND);
        clock.setSpeed(600);
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(30));
        wall.addAndGet(SECOND);
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(630));
    }

    @Test
    void theClockNeverShowsATimePastTheEventReached() {
        var clock = new PacedClock(START, 60, wall::get);
        clock.set(START.plusSeconds(30));
        wall.addAndGet(SECOND);
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(30));
        clock.set(START.plusSeconds(300));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(60));
    }

    @Test
    void atMaxSpeedTheClockShowsTheEventReachedAndNeverWaits() {
        var clock = new PacedClock(START, PacedClock.MAX_SPEED, wall::get);
        clock.set(START.plusSeconds(3600));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(3600));
        assertThat(clock.millisUntil(START.plusSeconds(7200))).isZero();
    }

    @Test
    void millisUntilIsTheWallTimeLeftAtTheCurrentSpeed() {
        var clock = new PacedClock(START, 60, wall::get);
        assertThat(clock.millisUntil(START.plusSeconds(120))).isEqualTo(2000);
        wall.addAndGet(SECOND);
        assertThat(clock.millisUntil(START.plusSeconds(120))).isEqualTo(1000);
        assertThat(clock.millisUntil(START)).isZero();
    }

    @Test
    void beforeLiveFromTimeRunsAsFastAsPossibleThenAtSpeedFromWhenItWasSet() {
        var now = START.plusSeconds(7200);
        var clock = new PacedClock(START, 1, wall::get);
        clock.playFastUntil(now);
        clock.set(START.plusSeconds(3600));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(3600));
        assertThat(clock.millisUntil(START.plusSeconds(3600))).isZero();

        wall.addAndGet(3 * SECOND); // the catch-up took 3 s of wall time: the clock is now + 3 s, in step with the wall
        clock.set(now.plusSeconds(60));
        assertThat(clock.instant()).isEqualTo(now.plusSeconds(3));
        assertThat(clock.millisUntil(now.plusSeconds(60))).isEqualTo(57_000);
    }

    @Test
    void speedMustBePositive() {
        assertThatThrownBy(() -> new PacedClock(START, 0, wall::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
