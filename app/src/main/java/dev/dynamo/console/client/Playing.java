package dev.dynamo.console.client;

import java.util.List;

/**
 * A scenario being played on an engine started for it: the engine serves one site per strategy over
 * HTTP like any other, on simulated time. Closing stops the playback and that engine.
 */
public interface Playing extends AutoCloseable {
    RunningEngine engine();

    /** The played sites, one per strategy in the order asked. */
    List<String> siteIds();

    void pause();

    void resume();

    /** Simulated seconds per wall second; {@link Double#POSITIVE_INFINITY} for as fast as possible. */
    void speed(double speed);

    @Override
    void close();

    /** What a playback reports, from a thread of its own. */
    interface Events {
        /** How far the run is, 0..1, and the simulated instant. */
        void progress(double done, java.time.Instant at);

        void finished(SimulationOutcome outcome);

        void failed(Throwable failure);
    }
}
