package dev.dynamo.site;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Timers on a real scheduler: the delay is measured on the clock when the timer is set. */
public final class SystemTimers implements Timers {
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("dynamo-timers").factory());

    public SystemTimers(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Cancellable at(Instant instant, Runnable task) {
        var delayMs = Math.max(0, Duration.between(clock.instant(), instant).toMillis());
        var future = scheduler.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
