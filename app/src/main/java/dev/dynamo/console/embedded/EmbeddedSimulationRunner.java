package dev.dynamo.console.embedded;

import dev.dynamo.console.client.Playing;
import dev.dynamo.console.client.RunningEngine;
import dev.dynamo.console.client.ScenarioSource;
import dev.dynamo.console.client.SimulationOutcome;
import dev.dynamo.console.client.SimulationRunner;
import dev.dynamo.console.client.StrategyKpis;
import dev.dynamo.simulation.Playback;
import dev.dynamo.simulation.RunResult;
import dev.dynamo.simulation.Scenario;
import dev.dynamo.simulation.ScenarioException;
import dev.dynamo.simulation.ScenarioReader;
import dev.dynamo.simulation.SimulationReport;
import dev.dynamo.simulation.Simulator;
import dev.dynamo.simulation.StrategyChoice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the engine's {@link Simulator} in this process, or plays a scenario on an engine started for it
 * ({@link Playback}), and hands the console plain records.
 */
public final class EmbeddedSimulationRunner implements SimulationRunner {
    private static final int DRAW_SAMPLES = 288;
    private static final String BUNDLED_DIR = "/dynamo/scenarios/";
    private static final List<String> BUNDLED = List.of("office-car-park.dynamo-scenario.json",
            "overnight-depot.dynamo-scenario.json", "public-hub.dynamo-scenario.json", "demo-loop.dynamo-scenario.json");

    @Override
    public List<ScenarioSource> bundledScenarios() {
        return BUNDLED.stream().filter(n -> Simulator.class.getResource(BUNDLED_DIR + n) != null)
                .<ScenarioSource>map(ScenarioSource.Bundled::new).toList();
    }

    @Override
    public SimulationOutcome compare(ScenarioSource source, List<String> strategies, Progress progress) {
        if (strategies.isEmpty()) throw new IllegalArgumentException("choose at least one strategy");
        var scenario = read(source);
        var choices = strategies.stream().map(StrategyChoice::parse).toList();
        try {
            for (var choice : choices) choice.check(scenario);
        } catch (ScenarioException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        var labels = choices.stream().map(StrategyChoice::label).toList();
        // the simulator reports each run's own fraction; the screen shows one bar over all runs
        Simulator.Progress overall = (run, done) -> progress.update((labels.indexOf(run) + Math.min(1, done)) / labels.size());
        var report = new Simulator().compare(scenario, choices, overall);
        progress.update(1);
        return outcome(report);
    }

    @Override
    public Playing play(ScenarioSource source, List<String> strategies, double speed, Playing.Events events) throws IOException {
        if (strategies.isEmpty()) throw new IllegalArgumentException("choose at least one strategy");
        var scenario = read(source);
        List<StrategyChoice> choices;
        try {
            choices = strategies.stream().map(StrategyChoice::parse).toList();
            for (var choice : choices) choice.check(scenario);
        } catch (ScenarioException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        var playback = new Playback(scenario, choices, speed, false, System::nanoTime, new Playback.Listener() {
            @Override
            public void progress(double done, Instant at) { events.progress(done, at); }

            @Override
            public void finished(SimulationReport report) { events.finished(outcome(report)); }

            @Override
            public void failed(RuntimeException failure) { events.failed(failure); }
        });
        // the engine starts with no sites of its own: the playback puts one per strategy
        var noSites = Files.writeString(Files.createTempFile("dynamo-playback-sites", ".json"), "{\"sites\": []}");
        RunningEngine engine;
        try {
            engine = EmbeddedEngineStarter.start(options -> options.withSitesFile(noSites).withClock(playback.clock())
                    .withTimers(playback.timers()), playback);
        } finally {
            Files.deleteIfExists(noSites);
        }
        return new Playing() {
            @Override
            public RunningEngine engine() { return engine; }

            @Override
            public List<String> siteIds() { return playback.siteIds(); }

            @Override
            public void pause() { playback.pause(); }

            @Override
            public void resume() { playback.resume(); }

            @Override
            public void speed(double speed) { playback.setSpeed(speed); }

            @Override
            public void close() { engine.close(); }
        };
    }

    private static SimulationOutcome outcome(SimulationReport report) {
        return new SimulationOutcome(report.scenario(), report.vehicles(),
                report.runs().stream().map(EmbeddedSimulationRunner::kpis).toList(),
                report.runs().stream().map(run -> draw(run, report.start(), report.end())).toList());
    }

    /** The timeline is a step function (each point holds until the next): sampled at evenly spaced instants. */
    private static SimulationOutcome.DrawOverTime draw(RunResult run, Instant start, Instant end) {
        var at = new ArrayList<Instant>();
        var drawKw = new ArrayList<Double>();
        var points = run.timeline();
        var stepMs = Math.max(1, (end.toEpochMilli() - start.toEpochMilli()) / DRAW_SAMPLES);
        var next = 0;
        var kw = 0.0;
        for (var t = start.toEpochMilli(); t <= end.toEpochMilli(); t += stepMs) {
            while (next < points.size() && points.get(next).at().toEpochMilli() <= t) kw = points.get(next++).drawKw();
            at.add(Instant.ofEpochMilli(t));
            drawKw.add(kw);
        }
        return new SimulationOutcome.DrawOverTime(run.strategy(), at, drawKw);
    }

    private static Scenario read(ScenarioSource source) {
        try {
            return switch (source) {
                case ScenarioSource.File file -> ScenarioReader.read(file.path());
                case ScenarioSource.Bundled bundled -> {
                    try (var in = Simulator.class.getResourceAsStream(BUNDLED_DIR + bundled.name())) {
                        if (in == null) throw new IllegalArgumentException("no bundled scenario " + bundled.name());
                        yield ScenarioReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ScenarioException e) {
            throw new IllegalArgumentException(source.label() + ": " + e.getMessage(), e);
        }
    }

    private static StrategyKpis kpis(RunResult run) {
        var k = run.kpis();
        return new StrategyKpis(run.strategy(), k.vehicles(), k.requestedKwh(), k.deliveredKwh(), k.fullyServed(),
                k.unmetKwh(), k.peakKw(), k.budgetUtilisation(), k.fairness(), k.longestWaitMin(),
                k.longestWaitWithoutRotationMin(), k.decisions(), k.upperBoundKwh(), k.achievedToUpperBound());
    }
}
