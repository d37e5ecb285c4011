package dev.dynamo.console.client;

/** Starts an engine inside the console's own process (the embedded mode). */
public interface EngineStarter {
    RunningEngine start() throws Exception;
}
