package dev.dynamo.testing;

import dev.dynamo.site.SiteEnvironment;
import dev.dynamo.site.SiteRegistry;
import dev.dynamo.store.DecisionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A site registry on a manual clock and timers, an in-memory store and a list of recorded decisions. */
public final class SiteFixture implements AutoCloseable {
    public final ManualClock clock;
    public final ManualTimers timers;
    public final MemoryStore store;
    public final List<DecisionRecord> decisions = new CopyOnWriteArrayList<>();
    public final SiteRegistry registry;

    public SiteFixture(Instant start) {
        this(start, new MemoryStore());
    }

    public SiteFixture(Instant start, MemoryStore store) {
        this.clock = new ManualClock(start);
        this.timers = new ManualTimers(clock);
        this.store = store;
        this.registry = new SiteRegistry(new SiteEnvironment(clock, store, decisions::add, timers, Duration.ofMinutes(5)));
    }

    /** Moves time on, firing due timers one at a time and letting the sites apply each before the next. */
    public void advanceTo(Instant instant) {
        while (true) {
            var next = timers.next();
            if (next.isEmpty() || next.get().isAfter(instant)) break;
            timers.advanceTo(next.get());
            registry.awaitIdle();
        }
        timers.advanceTo(instant);
        registry.awaitIdle();
    }

    public List<String> triggers() {
        return decisions.stream().map(DecisionRecord::trigger).toList();
    }

    @Override
    public void close() {
        registry.close();
    }
}
