package dev.dynamo.site;

import java.time.Instant;

/** Runs a task at an instant of the injected clock; tests supply one they drive by hand. */
public interface Timers extends AutoCloseable {

    Cancellable at(Instant instant, Runnable task);

    @Override
    default void close() {}

    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
