package dev.dynamo.console.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * Runs work at once on the caller's thread; periodic ticks only run when {@link #tick()} is called.
 * For view-model tests: no threads, no sleeps.
 */
public final class SameThreadBackground implements Background {
    private final List<Runnable> periodic = new ArrayList<>();

    @Override
    public <T> Job submit(Work<T> work, DoubleConsumer onProgress, Consumer<? super T> onDone,
                          Consumer<? super Throwable> onFail) {
        var job = new SimpleJob();
        T result;
        try {
            result = work.run(new JobContext() {
                @Override
                public void progress(double fraction) { onProgress.accept(fraction); }

                @Override
                public boolean cancelled() { return job.cancelled(); }
            });
        } catch (Throwable failure) {
            if (!job.cancelled()) onFail.accept(failure);
            return job;
        }
        if (!job.cancelled()) onDone.accept(result);
        return job;
    }

    @Override
    public Job every(Duration period, Runnable tick) {
        var job = new SimpleJob();
        periodic.add(() -> { if (!job.cancelled()) tick.run(); });
        return job;
    }

    /** Runs every periodic task once, as if a period had passed. */
    public void tick() {
        List.copyOf(periodic).forEach(Runnable::run);
    }

    private static final class SimpleJob implements Job {
        private boolean cancelled;

        @Override
        public void cancel() { cancelled = true; }

        @Override
        public boolean cancelled() { return cancelled; }
    }
}
