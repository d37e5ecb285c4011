package dev.dynamo.console.task;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import javafx.application.Platform;

/** Work on a small daemon pool, results handed to the FX thread with {@code Platform.runLater}. */
public final class FxBackground implements Background, AutoCloseable {
    private final ExecutorService workers = Executors.newFixedThreadPool(3, daemon("dynamo-work"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("dynamo-timer"));

    @Override
    public <T> Job submit(Work<T> work, DoubleConsumer onProgress, Consumer<? super T> onDone,
                          Consumer<? super Throwable> onFail) {
        var job = new FxJob();
        JobContext context = new JobContext() {
            @Override
            public void progress(double fraction) {
                if (!job.cancelled()) {
                    Platform.runLater(() -> { if (!job.cancelled()) onProgress.accept(fraction); });
                }
            }

            @Override
            public boolean cancelled() { return job.cancelled() || Thread.currentThread().isInterrupted(); }
        };
        job.future = workers.submit(() -> {
            try {
                var result = work.run(context);
                Platform.runLater(() -> { if (!job.cancelled()) onDone.accept(result); });
            } catch (Throwable failure) {
                Platform.runLater(() -> { if (!job.cancelled()) onFail.accept(failure); });
            }
        });
        return job;
    }

    @Override
    public Job every(Duration period, Runnable tick) {
        var job = new FxJob();
        job.future = timer.scheduleWithFixedDelay(() -> Platform.runLater(() -> {
            if (!job.cancelled()) tick.run();
        }), 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return job;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return Thread.ofPlatform().name(name + "-", 0).daemon(true).factory();
    }

    private static final class FxJob implements Job {
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private volatile Future<?> future;

        @Override
        public void cancel() {
            if (cancelled.compareAndSet(false, true) && future != null) {
                future.cancel(true);
            }
        }

        @Override
        public boolean cancelled() { return cancelled.get(); }
    }
}
