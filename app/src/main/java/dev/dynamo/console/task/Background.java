package dev.dynamo.console.task;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * The one way screens do slow work: {@code work} runs off the FX thread, its outcome and progress
 * come back on the FX thread. Tests use {@link SameThreadBackground} so view-models need no window.
 */
public interface Background {

    /** Work that may report progress (0..1) and should stop early once its job is cancelled. */
    @FunctionalInterface
    interface Work<T> {
        T run(JobContext context) throws Exception;
    }

    interface JobContext {
        void progress(double fraction);

        boolean cancelled();
    }

    <T> Job submit(Work<T> work, DoubleConsumer onProgress, Consumer<? super T> onDone,
                   Consumer<? super Throwable> onFail);

    default <T> Job submit(Work<T> work, Consumer<? super T> onDone, Consumer<? super Throwable> onFail) {
        return submit(work, _ -> {}, onDone, onFail);
    }

    /** Runs {@code tick} on the FX thread every {@code period} until the job is cancelled. */
    Job every(Duration period, Runnable tick);
}
