package dev.dynamo.site;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The one thread a site's state lives on: its own, or, for timers that drive the site from one thread
 * (the simulation's event loop, {@link Timers#callerRuns()}), the caller's, with no hand-off at all.
 */
final class SiteExecutor implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SiteExecutor.class);
    private final ExecutorService executor;
    private volatile Thread thread;

    private SiteExecutor() {
        this.executor = null;
    }

    /** Runs every task at once on the calling thread; the caller is the only thread that touches the site. */
    static SiteExecutor callerRuns() { return new SiteExecutor(); }

    SiteExecutor(String siteId) {
        var factory = Thread.ofPlatform().daemon().name("site-" + siteId).factory();
        this.executor = Executors.newSingleThreadExecutor(task -> {
            var t = factory.newThread(task);
            thread = t;
            return t;
        });
    }

    /** Runs the task on the site's thread and waits for it; its exceptions come back as they were thrown. */
    <T> T call(Callable<T> task) {
        if (executor == null || Thread.currentThread() == thread) return run(task);
        try {
            return executor.submit(() -> run(task)).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            if (e.getCause() instanceof Error error) throw error;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the site", e);
        }
    }

    /** Runs the task later on the site's thread (a timer's); ignored once the site is closed. */
    void submit(Runnable task) {
        if (executor == null) {
            task.run();
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("a timed event of the site failed", e);
                }
            });
        } catch (RejectedExecutionException closed) {
            // the site is gone: its timers no longer matter
        }
    }

    private static <T> T run(Callable<T> task) {
        try {
            return task.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (executor == null) return;
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
