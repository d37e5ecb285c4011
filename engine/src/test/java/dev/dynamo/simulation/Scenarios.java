package dev.dynamo.simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Scenario files of the tests and of {@code resources/scenarios}. */
final class Scenarios {
    private Scenarios() {}

    static String text(String resource) {
        try (var in = Scenarios.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("no resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Scenario twoChargers() { return ScenarioReader.read(text("/scenarios/two-chargers.dynamo-scenario.json")); }

    static Scenario shipped(String name) { return ScenarioReader.read(text("/dynamo/scenarios/" + name + ".dynamo-scenario.json")); }
}
