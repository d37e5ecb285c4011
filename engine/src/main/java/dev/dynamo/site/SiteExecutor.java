package dev.dynamo.site;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/** The one thread a site's state lives on. */
final class SiteExecutor implements AutoCloseable {
    private final ExecutorService executor;
    private volatile Thread thread;

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
        if (Thread.currentThread() == thread) return run(task);
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

    /** Runs the task later on the site's thread; ignored once the site is closed. */
    void submit(Runnable task) {
        try {
            executor.execute(task);
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
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
