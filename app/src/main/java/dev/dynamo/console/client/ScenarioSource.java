package dev.dynamo.console.client;

import java.nio.file.Path;

/** Where a simulation scenario comes from: one shipped with the engine, or a file the user picked. */
public sealed interface ScenarioSource {
    String label();

    /** @param name the file name under the engine's {@code scenarios/}, e.g. {@code office-car-park.dynamo-scenario.json} */
    record Bundled(String name) implements ScenarioSource {
        public String label() { return name.replace(".dynamo-scenario.json", "") + " (bundled)"; }
    }

    record File(Path path) implements ScenarioSource {
        public String label() { return path.getFileName().toString(); }
    }
}
