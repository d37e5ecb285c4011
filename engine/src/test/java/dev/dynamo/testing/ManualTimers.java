package dev.dynamo.testing;

import dev.dynamo.site.Timers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Timers that fire only when a test advances the manual clock past them. */
public final class ManualTimers implements Timers {
    private final ManualClock clock;
    private final List<Entry> pending = new ArrayList<>();

    public ManualTimers(ManualClock clock) { this.clock = clock; }

    private record Entry(Instant at, Runnable task) {}

    @Override
    public synchronized Cancellable at(Instant instant, Runnable task) {
        var entry = new Entry(instant, task);
        pending.add(entry);
        return () -> {
            synchronized (this) {
                pending.remove(entry);
            }
        };
    }

    /** The earliest timer set, if any. */
    public synchronized Optional<Instant> next() {
        return pending.stream().map(Entry::at).min(Comparator.naturalOrder());
    }

    /** Moves the clock to {@code instant}, firing every timer due on the way, in order. */
    public void advanceTo(Instant instant) {
        while (true) {
            Entry due;
            synchronized (this) {
                due = pending.stream().filter(e -> !e.at().isAfter(instant))
                        .min(Comparator.comparing(Entry::at)).orElse(null);
                if (due != null) pending.remove(due);
            }
            if (due == null) break;
            if (due.at().isAfter(clock.instant())) clock.set(due.at());
            due.task().run();
        }
        clock.set(instant);
    }
}
