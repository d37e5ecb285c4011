package dev.dynamo.site;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A site's named one-shot timers; their tasks run on the site's thread. Used only on that thread. A timed
 * event the store could not take (it changed nothing) is tried again {@link #RETRY_AFTER} later, so a site
 * whose database was away goes on rotating and following its schedule once it is back.
 */
final class SiteTimers {
    static final java.time.Duration RETRY_AFTER = java.time.Duration.ofSeconds(5);
    private final Timers timers;
    private final SiteExecutor executor;
    private final java.time.Clock clock;
    private final Map<String, Timers.Cancellable> set = new HashMap<>();
    private long generation;

    SiteTimers(Timers timers, SiteExecutor executor, java.time.Clock clock) {
        this.timers = timers;
        this.executor = executor;
        this.clock = clock;
    }

    /** Sets (or resets) the timer of that name. */
    void once(String name, Instant at, Runnable task) {
        cancel(name);
        var id = ++generation;
        var handle = timers.at(at, () -> executor.submit(() -> {
            // a timer cancelled or replaced after it fired but before it ran is ignored
            if (!isCurrent(name, id)) return;
            if (clock.instant().isBefore(at)) {
                once(name, at, task); // a scheduler may wake a little before the clock reaches the instant
                return;
            }
            set.remove(name);
            try {
                task.run();
            } catch (dev.dynamo.store.StoreException e) {
                if (!set.containsKey(name)) once(name, clock.instant().plus(RETRY_AFTER), task);
                throw e;
            }
        }));
        set.put(name, new Tagged(id, handle));
    }

    boolean isSet(String name) { return set.containsKey(name); }

    void cancel(String name) {
        var handle = set.remove(name);
        if (handle != null) handle.cancel();
    }

    void cancelAll() {
        set.values().forEach(Timers.Cancellable::cancel);
        set.clear();
    }

    private boolean isCurrent(String name, long id) {
        return set.get(name) instanceof Tagged tagged && tagged.id() == id;
    }

    private record Tagged(long id, Timers.Cancellable handle) implements Timers.Cancellable {
        @Override
        public void cancel() { handle.cancel(); }
    }
}
