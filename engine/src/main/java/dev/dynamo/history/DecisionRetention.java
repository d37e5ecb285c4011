package dev.dynamo.history;

import dev.dynamo.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes decisions older than the retention ({@code --retain-decisions}, 400 days by default) in the
 * background: a pass every {@link #EVERY}, site by site, in batches of {@link #BATCH} with a pause
 * between them, so that no write holds the store for long and the decision log's writes go in between.
 */
public final class DecisionRetention implements AutoCloseable {
    static final Duration EVERY = Duration.ofHours(1);
    static final int BATCH = 500;
    private static final Duration PAUSE = Duration.ofMillis(50);
    private static final Logger LOG = LoggerFactory.getLogger(DecisionRetention.class);

    private final Store store;
    private final Clock clock;
    private final Duration retain;
    private final Supplier<List<String>> siteIds;
    private final ScheduledThreadPoolExecutor runner;
    private volatile boolean closed;

    public DecisionRetention(Store store, Clock clock, Duration retain, Supplier<List<String>> siteIds) {
        if (retain.isNegative() || retain.isZero()) throw new IllegalArgumentException("retention must be positive: " + retain);
        this.store = store;
        this.clock = clock;
        this.retain = retain;
        this.siteIds = siteIds;
        this.runner = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("decision-retention").daemon(true).factory());
        runner.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** The first pass a minute after start-up, then one every hour. */
    public DecisionRetention start() {
        runner.scheduleWithFixedDelay(this::passQuietly, 60, EVERY.toSeconds(), TimeUnit.SECONDS);
        return this;
    }

    /** One pass over every site; returns how many decisions it deleted. */
    public long pass() {
        var before = clock.instant().minus(retain);
        long deleted = 0;
        for (var siteId : siteIds.get()) {
            int batch;
            do {
                if (closed) return deleted;
                batch = store.pruneDecisions(siteId, before, BATCH);
                deleted += batch;
                if (batch == BATCH) pause();
            } while (batch == BATCH);
        }
        if (deleted > 0) LOG.info("deleted {} decisions made before {} (kept {})", deleted, before, retain);
        return deleted;
    }

    private void passQuietly() {
        try {
            pass();
        } catch (RuntimeException e) {
            // the next pass takes up where this one stopped
            LOG.warn("pruning old decisions failed: {}", e.getMessage());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        runner.shutdownNow();
    }
}
