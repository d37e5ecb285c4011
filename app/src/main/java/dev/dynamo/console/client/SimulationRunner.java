package dev.dynamo.console.client;

import java.util.List;

/**
 * Runs offline simulations (the engine's simulator, in-process) and compares strategies. Implemented in
 * {@code embedded}, the one console package that may touch engine classes.
 */
public interface SimulationRunner {
    /** Told the overall fraction done, 0..1; may throw (e.g. a cancellation) to stop the run. */
    @FunctionalInterface
    interface Progress {
        void update(double done);
    }

    /** The scenarios shipped with the engine. */
    List<ScenarioSource> bundledScenarios();

    /**
     * Runs the scenario once per strategy: {@code equal}, {@code priority}, {@code scheduled} or {@code scenario}
     * (the file's own), each optionally followed by {@code :rotation=N} or {@code :rotation=off}.
     *
     * @throws IllegalArgumentException when the scenario cannot be read or a strategy cannot apply to it
     */
    SimulationOutcome compare(ScenarioSource scenario, List<String> strategies, Progress progress);

    /**
     * Starts an engine that plays the scenario, one site per strategy, at {@code speed} simulated seconds per
     * wall second ({@link Double#POSITIVE_INFINITY}: as fast as possible); the engine's sites show it over HTTP.
     *
     * @throws IllegalArgumentException when the scenario cannot be read or a strategy cannot apply to it
     */
    Playing play(ScenarioSource scenario, List<String> strategies, double speed, Playing.Events events) throws Exception;
}
