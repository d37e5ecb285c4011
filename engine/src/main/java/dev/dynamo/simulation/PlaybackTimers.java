package dev.dynamo.simulation;

import dev.dynamo.site.Timers;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The timers of an engine a playback drives: each site's timers become events of that site's run, so they
 * fire on simulated time. A site no run drives (yet) has timers that never fire; its next decision under a
 * run sets them again.
 */
final class PlaybackTimers implements Timers {
    private final Map<String, EventLoop> runs = new ConcurrentHashMap<>();

    void drive(String siteId, EventLoop run) { runs.put(siteId, run); }

    @Override
    public Cancellable at(Instant instant, Runnable task) { return () -> {}; }

    @Override
    public Timers forSite(String siteId) {
        return new Timers() {
            @Override
            public Cancellable at(Instant instant, Runnable task) {
                var run = runs.get(siteId);
                return run == null ? () -> {} : run.at(instant, task);
            }
        };
    }
}
