package dev.dynamo.console.client;

import java.net.URI;

/** An engine the console started: where it listens, its API key, and how to stop it. */
public interface RunningEngine extends AutoCloseable {
    URI baseUri();

    String apiKey();

    /** The engine's version when the engine does not report one over HTTP; null when unknown. */
    default String version() { return null; }

    /** True when the engine's sites are simulated (the demo loop, a playback): nothing needs feeding. */
    default boolean simulated() { return false; }

    @Override
    void close();
}
