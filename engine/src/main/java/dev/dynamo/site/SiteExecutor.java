package dev.dynamo.site;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread a site's state lives on: its own virtual thread (10,000 sites cost no 10,000 platform
 * threads), or, for timers that drive the site from one thread (the simulation's event loop,
 * {@link Timers#callerRuns()}), the caller's, with no hand-off at all.
 *
 * <p>A caller waits at most {@link #START_WAIT} for its task to start (the site may be held up by a slow
 * store): then the task is withdrawn, never runs, and the caller gets a {@link SiteBusyException}. A task
 * that started is waited for to its end, which the store's own time-outs bound, so an answer never claims
 * less than what was done.
 */
final class SiteExecutor implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SiteExecutor.class);
    static final Duration START_WAIT = Duration.ofSeconds(3);
    /** How long closing waits for what is queued (for all sites together when the registry closes). */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    /** A started task is bounded by the store's time-outs; this only guards against a bug holding the thread. */
    private static final Duration FINISH_WAIT = Duration.ofSeconds(60);
    private static final int QUEUED = 0;
    private static final int STARTED = 1;
    private static final int WITHDRAWN = 2;

    private final ExecutorService executor;
    private final Duration startWait;
    private volatile Thread thread;

    private SiteExecutor() {
        this.executor = null;
        this.startWait = START_WAIT;
    }

    /** Runs every task at once on the calling thread; the caller is the only thread that touches the site. */
    static SiteExecutor callerRuns() { return new SiteExecutor(); }

    SiteExecutor(String siteId) {
        this(siteId, START_WAIT);
    }

    SiteExecutor(String siteId, Duration startWait) {
        var factory = Thread.ofVirtual().name("site-" + siteId).factory();
        this.startWait = startWait;
        this.executor = Executors.newSingleThreadExecutor(task -> {
            var t = factory.newThread(task);
            thread = t;
            return t;
        });
    }

    /**
     * Runs the task on the site's thread and waits for it; its exceptions come back as they were thrown.
     * A task that did not start within the wait is withdrawn: {@link SiteBusyException}, nothing done.
     */
    <T> T call(Callable<T> task) {
        if (executor == null || Thread.currentThread() == thread) return run(task);
        var state = new AtomicInteger(QUEUED);
        java.util.concurrent.Future<T> future;
        try {
            future = executor.submit(() -> state.compareAndSet(QUEUED, STARTED) ? run(task) : null);
        } catch (RejectedExecutionException e) {
            throw new SiteBusyException("the site is closing");
        }
        try {
            try {
                return future.get(startWait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                if (state.compareAndSet(QUEUED, WITHDRAWN)) {
                    future.cancel(false);
                    throw new SiteBusyException("the site did not get to the request within " + startWait.toMillis()
                            + " ms (its store is slow or does not answer); nothing was changed");
                }
                return future.get(FINISH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            if (e.getCause() instanceof Error error) throw error;
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            LOG.error("a site task ran for over {} s", FINISH_WAIT.toSeconds());
            throw new SiteBusyException("the site did not finish the request in time; its outcome is not known");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the site", e);
        }
    }

    /**
     * As {@link #call}, waiting as long as it takes and never withdrawn: for facts that must be applied (the
     * connector's notices), the start-up and tests, never for a request that could be answered 503.
     */
    <T> T callUnbounded(Callable<T> task) {
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

    /**
     * As {@link #callUnbounded}, without waiting: the returned stage completes on the site's thread when the
     * task has run (or at once when the caller is that thread, or the site runs on the caller's). For the
     * connector's notices: a burst of them holds up no thread of the server while the site works through it.
     */
    <T> java.util.concurrent.CompletableFuture<T> callAsync(Callable<T> task) {
        if (executor == null || Thread.currentThread() == thread) {
            try {
                return java.util.concurrent.CompletableFuture.completedFuture(run(task));
            } catch (RuntimeException | Error e) {
                return java.util.concurrent.CompletableFuture.failedFuture(e);
            }
        }
        var result = new java.util.concurrent.CompletableFuture<T>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(run(task));
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new SiteBusyException("the site is closing"));
        }
        return result;
    }

    /** Whether the caller is the site's thread (or the site runs on its callers'): a task it waits for runs at once. */
    boolean onSiteThread() {
        return executor == null || Thread.currentThread() == thread;
    }

    /** Runs the task later on the site's thread (a timer's, the connector's notices); ignored once the site is closed. */
    void submit(Runnable task) {
        if (executor == null) {
            task.run();
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (dev.dynamo.store.StoreException e) {
                    // the event changed nothing; the store's state is on /health
                    LOG.warn("a queued event of the site (a timer's, the connector's notices) was not applied: {}", e.getMessage());
                } catch (RuntimeException e) {
                    LOG.error("a queued event of the site (a timer's, the connector's notices) failed", e);
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
        shutdown();
        awaitTermination(System.nanoTime() + CLOSE_WAIT.toNanos());
    }

    void shutdown() {
        if (executor != null) executor.shutdown();
    }

    /** Waits for the queued tasks until the deadline ({@link System#nanoTime()}); a task still running is left. */
    void awaitTermination(long deadlineNanos) {
        if (executor == null) return;
        try {
            if (!executor.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.warn("a site still had work when the engine stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
