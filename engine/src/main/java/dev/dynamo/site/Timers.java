package dev.dynamo.site;

import java.time.Instant;

/** Runs a task at an instant of the injected clock; tests supply one they drive by hand. */
public interface Timers extends AutoCloseable {

    Cancellable at(Instant instant, Runnable task);

    /**
     * True when one thread drives the sites and runs these timers' tasks (a simulation's event loop): the
     * sites then do their work on the calling thread instead of a thread of their own.
     */
    default boolean callerRuns() { return false; }

    /** The timers one site uses; a playback of several sites on one clock tells their timers apart here. */
    default Timers forSite(String siteId) { return this; }

    @Override
    default void close() {}

    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
