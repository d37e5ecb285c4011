package dev.dynamo.cli;

import dev.dynamo.simulation.PacedClock;
import dev.dynamo.simulation.Playback;
import dev.dynamo.simulation.ScenarioReader;
import dev.dynamo.simulation.StrategyChoice;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/** {@code serve --scenario}: the playback a served engine runs. */
final class ScenarioPlayback {
    private ScenarioPlayback() {}

    static Playback of(String nameOrFile, String speedText, List<String> strategies, boolean loop) throws IOException {
        var scenario = ScenarioReader.read(SimulateCommand.readScenario(nameOrFile));
        if (loop) scenario = Playback.shifted(scenario, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        var choices = strategies == null || strategies.isEmpty() ? List.of(StrategyChoice.scenario())
                : strategies.stream().map(StrategyChoice::parse).toList();
        var name = scenario.name();
        return new Playback(scenario, choices, speed(speedText), loop, System::nanoTime, new Playback.Listener() {
            @Override
            public void finished(dev.dynamo.simulation.SimulationReport report) {
                LoggerFactory.getLogger(ScenarioPlayback.class).info("scenario {} played to the end", name);
            }

            @Override
            public void failed(RuntimeException failure) {
                LoggerFactory.getLogger(ScenarioPlayback.class).error("the playback of {} stopped", name, failure);
            }
        });
    }

    static double speed(String text) {
        if (text.toLowerCase(Locale.ROOT).equals("max")) return PacedClock.MAX_SPEED;
        try {
            var speed = Double.parseDouble(text);
            if (speed > 0 && Double.isFinite(speed)) return speed;
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("--speed must be a positive number or max, was " + text);
    }
}
