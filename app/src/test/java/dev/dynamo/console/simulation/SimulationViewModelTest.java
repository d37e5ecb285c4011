package dev.dynamo.console.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.Playing;
import dev.dynamo.console.client.RunningEngine;
import dev.dynamo.console.client.ScenarioSource;
import dev.dynamo.console.client.SimulationOutcome;
import dev.dynamo.console.client.SimulationRunner;
import dev.dynamo.console.client.StrategyKpis;
import dev.dynamo.console.embedded.EmbeddedSimulationRunner;
import dev.dynamo.console.task.SameThreadBackground;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationViewModelTest {
    private final SameThreadBackground background = new SameThreadBackground();

    static Path smallYard() throws URISyntaxException {
        return Path.of(SimulationViewModelTest.class.getResource("small-yard.dynamo-scenario.json").toURI());
    }

    @Test
    void the_bundled_scenarios_are_offered_and_the_first_is_selected() {
        var model = new SimulationViewModel(background, new EmbeddedSimulationRunner());

        assertThat(model.scenarios()).extracting(ScenarioSource::label).containsExactly(
                "office-car-park (bundled)", "overnight-depot (bundled)", "public-hub (bundled)", "demo-loop (bundled)");
        assertThat(model.scenarioProperty().get()).isEqualTo(model.scenarios().getFirst());
    }

    @Test
    void a_run_of_the_real_simulator_fills_one_column_per_strategy_and_one_row_per_kpi() throws Exception {
        var model = new SimulationViewModel(background, new EmbeddedSimulationRunner());
        model.addScenarioFile(smallYard());

        model.run();

        assertThat(model.errorProperty().get()).isNull();
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.progressProperty().get()).isEqualTo(1.0);
        assertThat(model.columns()).containsExactly("equal", "priority", "scenario");
        assertThat(model.rows()).hasSize(14);
        assertThat(model.rows()).allSatisfy(row -> assertThat(row.values()).hasSize(3));
        assertThat(model.rows().getFirst()).isEqualTo(new KpiRow("Vehicles", List.of("3", "3", "3")));
        var outcome = model.outcomeProperty().get();
        assertThat(outcome.scenario()).isEqualTo("Small test yard");
        // the upper bound is what any allocation could deliver: no strategy beats it
        assertThat(outcome.runs()).allSatisfy(r -> assertThat(r.deliveredKwh()).isLessThanOrEqualTo(r.upperBoundKwh() + 1e-6));
        assertThat(outcome.runs()).allSatisfy(r -> assertThat(r.deliveredKwh()).isPositive());
    }

    @Test
    void rotation_is_added_to_every_strategy_but_priority() {
        var runner = new RecordingRunner();
        var model = new SimulationViewModel(background, runner);
        model.scheduledProperty().set(true);
        model.rotationProperty().set(true);
        model.rotationMinProperty().set("15");

        model.run();

        assertThat(runner.strategies).containsExactly(
                List.of("equal:rotation=15", "priority", "scheduled:rotation=15", "scenario:rotation=15"));
    }

    @Test
    void no_strategy_or_a_bad_rotation_period_is_refused_without_running() {
        var runner = new RecordingRunner();
        var model = new SimulationViewModel(background, runner);
        model.rotationProperty().set(true);
        model.rotationMinProperty().set("2");

        model.run();
        assertThat(model.errorProperty().get()).contains("5–1440");

        model.rotationProperty().set(false);
        model.equalProperty().set(false);
        model.priorityProperty().set(false);
        model.scenarioStrategyProperty().set(false);
        model.run();
        assertThat(model.errorProperty().get()).isEqualTo("Choose at least one strategy");
        assertThat(runner.strategies).isEmpty();
    }

    @Test
    void a_strategy_the_scenario_cannot_use_shows_the_simulators_reason() throws Exception {
        var model = new SimulationViewModel(background, new EmbeddedSimulationRunner());
        model.addScenarioFile(smallYard());
        model.scheduledProperty().set(true);

        model.run();

        assertThat(model.errorProperty().get()).contains("schedule");
        assertThat(model.rows()).isEmpty();
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void progress_reaches_the_screen_and_cancel_after_the_end_keeps_the_results() {
        var model = new SimulationViewModel(background, new RecordingRunner());
        var seen = new ArrayList<Double>();
        model.progressProperty().addListener((_, _, p) -> seen.add(p.doubleValue()));

        model.run();
        assertThat(seen).contains(0.5);

        model.cancel();
        assertThat(model.statusProperty().get()).isNotEqualTo("Cancelled");
        assertThat(model.columns()).containsExactly("equal", "priority", "scenario");
    }

    @Test
    void play_starts_a_playback_whose_button_pauses_and_resumes_it_and_whose_speed_follows_the_choice() {
        var runner = new RecordingRunner();
        var model = new SimulationViewModel(background, runner);
        model.speedProperty().set(Speed.X600);

        model.playOrPause();
        var playing = runner.playing;
        assertThat(model.playingProperty().get()).isSameAs(playing);
        assertThat(playing.speed).isEqualTo(600);
        assertThat(model.runningProperty().get()).isTrue();

        model.playOrPause();
        assertThat(playing.paused).isTrue();
        assertThat(model.pausedProperty().get()).isTrue();
        model.playOrPause();
        assertThat(playing.paused).isFalse();

        model.speedProperty().set(Speed.MAX);
        assertThat(playing.speed).isEqualTo(Double.POSITIVE_INFINITY);

        var at = Instant.parse("2026-11-23T10:00:00Z");
        runner.events.progress(0.25, at);
        assertThat(model.progressProperty().get()).isEqualTo(0.25);
        assertThat(model.simulatedAtProperty().get()).isEqualTo(at);
    }

    @Test
    void a_playback_played_to_the_end_shows_the_kpis_and_stays_until_stopped() {
        var runner = new RecordingRunner();
        var model = new SimulationViewModel(background, runner);
        model.playOrPause();

        runner.events.finished(runner.outcome(List.of("equal", "priority")));

        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.columns()).containsExactly("equal", "priority");
        assertThat(model.rows()).hasSize(14);
        assertThat(model.playingProperty().get()).isNotNull();

        model.stop();
        assertThat(runner.playing.closed).isTrue();
        assertThat(model.playingProperty().get()).isNull();
        assertThat(model.rows()).hasSize(14);
        // what a stopped playback still says is not shown
        runner.events.progress(0.5, Instant.now());
        assertThat(model.progressProperty().get()).isEqualTo(1.0);
    }

    @Test
    void a_scenario_file_that_cannot_be_read_is_reported_on_the_screen_when_played() throws Exception {
        var bad = Files.writeString(Files.createTempFile("bad", ".dynamo-scenario.json"), "{\"name\": \"x\"");
        try {
            var model = new SimulationViewModel(background, new EmbeddedSimulationRunner());
            model.addScenarioFile(bad);

            model.playOrPause();

            assertThat(model.errorProperty().get()).contains("not valid JSON");
            assertThat(model.playingProperty().get()).isNull();
            assertThat(model.runningProperty().get()).isFalse();
        } finally {
            Files.deleteIfExists(bad);
        }
    }

    /** A playback that only records what it is told. */
    private static final class RecordingPlaying implements Playing {
        double speed;
        boolean paused;
        boolean closed;

        RecordingPlaying(double speed) { this.speed = speed; }

        @Override
        public RunningEngine engine() { throw new UnsupportedOperationException(); }

        @Override
        public List<String> siteIds() { return List.of("x"); }

        @Override
        public void pause() { paused = true; }

        @Override
        public void resume() { paused = false; }

        @Override
        public void speed(double speed) { this.speed = speed; }

        @Override
        public void close() { closed = true; }
    }

    /** Remembers what it was asked to run and answers one fixed run. */
    private static final class RecordingRunner implements SimulationRunner {
        final List<List<String>> strategies = new ArrayList<>();

        @Override
        public List<ScenarioSource> bundledScenarios() { return List.of(new ScenarioSource.Bundled("x.dynamo-scenario.json")); }

        @Override
        public SimulationOutcome compare(ScenarioSource scenario, List<String> chosen, Progress progress) {
            strategies.add(chosen);
            progress.update(0.5);
            return outcome(chosen);
        }

        SimulationOutcome outcome(List<String> chosen) {
            return new SimulationOutcome("x", 1, chosen.stream()
                    .map(s -> new StrategyKpis(s, 1, 10, 5, 0, 5, 11, 0.5, 1, 0, 0, 2, 8, 0.625)).toList());
        }

        RecordingPlaying playing;
        Playing.Events events;

        @Override
        public Playing play(ScenarioSource scenario, List<String> chosen, double speed, Playing.Events events) {
            strategies.add(chosen);
            this.events = events;
            playing = new RecordingPlaying(speed);
            return playing;
        }
    }
}
