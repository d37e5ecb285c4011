package dev.dynamo.console.simulation;

import dev.dynamo.console.client.Playing;
import dev.dynamo.console.client.ScenarioSource;
import dev.dynamo.console.client.SimulationOutcome;
import dev.dynamo.console.client.SimulationRunner;
import dev.dynamo.console.client.StrategyKpis;
import dev.dynamo.console.task.Background;
import dev.dynamo.console.task.Job;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Simulation screen: pick a scenario and the strategies to compare, then either Run them offline (as fast
 * as possible, progress and cancel) or Play them on an engine started for the purpose, at a chosen speed,
 * with pause and stop, while the other screens show its sites; either way the KPIs end up side by side.
 */
public final class SimulationViewModel {
    static final String DEFAULT_ROTATION_MIN = "30";

    private final Background background;
    private final SimulationRunner runner;
    private final ObservableList<ScenarioSource> scenarios = FXCollections.observableArrayList();
    private final ObjectProperty<ScenarioSource> scenario = new SimpleObjectProperty<>();
    private final BooleanProperty equal = new SimpleBooleanProperty(true);
    private final BooleanProperty priority = new SimpleBooleanProperty(true);
    private final BooleanProperty scheduled = new SimpleBooleanProperty(false);
    private final BooleanProperty scenarioStrategy = new SimpleBooleanProperty(true);
    private final BooleanProperty rotation = new SimpleBooleanProperty(false);
    private final StringProperty rotationMin = new SimpleStringProperty(DEFAULT_ROTATION_MIN);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Pick a scenario and the strategies, then Run");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<SimulationOutcome> outcome = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final ObservableList<KpiRow> rows = FXCollections.observableArrayList();
    // read-only views kept: listeners on a throwaway wrapper would be collected with it
    private final ObservableList<String> columnsView = FXCollections.unmodifiableObservableList(columns);
    private final ObservableList<KpiRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObjectProperty<Speed> speed = new SimpleObjectProperty<>(Speed.X60);
    private final ReadOnlyObjectWrapper<Playing> playing = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Instant> simulatedAt = new ReadOnlyObjectWrapper<>();
    private Job job = Job.DONE;
    /** Which playback the events come from: those of one stopped or replaced are dropped. */
    private int playbackNumber;
    private boolean playbackOver;
    private boolean playbackStarting;

    public SimulationViewModel(Background background, SimulationRunner runner) {
        this.background = background;
        this.runner = runner;
        scenarios.setAll(runner.bundledScenarios());
        if (!scenarios.isEmpty()) scenario.set(scenarios.getFirst());
        speed.addListener((_, _, chosen) -> {
            var current = playing.get();
            if (current != null && chosen != null) background.submit(_ -> { current.speed(chosen.factor()); return null; }, _ -> {}, this::failed);
        });
    }

    /** How fast Play runs; may change while it plays. */
    public ObjectProperty<Speed> speedProperty() { return speed; }

    /** The playback the Live and History screens show, or null; it stays after the end until Stop. */
    public ReadOnlyObjectProperty<Playing> playingProperty() { return playing.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty pausedProperty() { return paused.getReadOnlyProperty(); }

    /** The playback's simulated instant, or null when none plays. */
    public ReadOnlyObjectProperty<Instant> simulatedAtProperty() { return simulatedAt.getReadOnlyProperty(); }

    public ObservableList<ScenarioSource> scenarios() { return scenarios; }

    public ObjectProperty<ScenarioSource> scenarioProperty() { return scenario; }

    public BooleanProperty equalProperty() { return equal; }

    public BooleanProperty priorityProperty() { return priority; }

    public BooleanProperty scheduledProperty() { return scheduled; }

    /** The scenario file's own strategy (and its config changes). */
    public BooleanProperty scenarioStrategyProperty() { return scenarioStrategy; }

    /** Rotation on for every strategy but priority, with the period in {@link #rotationMinProperty()}. */
    public BooleanProperty rotationProperty() { return rotation; }

    public StringProperty rotationMinProperty() { return rotationMin; }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<SimulationOutcome> outcomeProperty() { return outcome.getReadOnlyProperty(); }

    /** The strategies of the last finished run, in table column order. */
    public ObservableList<String> columns() { return columnsView; }

    public ObservableList<KpiRow> rows() { return rowsView; }

    /** Adds a scenario file the user picked and selects it. */
    public void addScenarioFile(Path file) {
        var source = new ScenarioSource.File(file);
        if (!scenarios.contains(source)) scenarios.add(source);
        scenario.set(source);
    }

    /** The strategies to run, as the simulator writes them; throws with a user-facing message if none fit. */
    List<String> strategies() {
        var suffix = "";
        if (rotation.get()) {
            var minutes = parseRotation(rotationMin.get());
            suffix = ":rotation=" + minutes;
        }
        var chosen = new ArrayList<String>();
        if (equal.get()) chosen.add("equal" + suffix);
        if (priority.get()) chosen.add("priority");
        if (scheduled.get()) chosen.add("scheduled" + suffix);
        if (scenarioStrategy.get()) chosen.add("scenario" + suffix);
        if (chosen.isEmpty()) throw new IllegalArgumentException("Choose at least one strategy");
        return chosen;
    }

    private static int parseRotation(String text) {
        try {
            var minutes = Integer.parseInt(text == null ? "" : text.trim());
            if (minutes >= 5 && minutes <= 1440) return minutes;
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("Rotation period must be a whole number of minutes, 5–1440");
    }

    /** The strategies chosen for {@code source}, or null once the reason they can't be used is shown. */
    private List<String> chosenStrategies(ScenarioSource source) {
        try {
            if (source == null) throw new IllegalArgumentException("Pick a scenario first");
            return strategies();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return null;
        }
    }

    public void run() {
        if (running.get()) return;
        var source = scenario.get();
        var strategies = chosenStrategies(source);
        if (strategies == null) return;
        error.set(null);
        running.set(true);
        progress.set(0);
        status.set("Running " + source.label() + ": " + String.join(", ", strategies) + "…");
        job = background.submit(context -> runner.compare(source, strategies, done -> {
                    context.stopIfCancelled();
                    context.progress(done);
                }), progress::set, this::finished, this::failed);
    }

    /**
     * The Play / Pause button: starts a playback on an engine of its own (one site per strategy) when none
     * runs, else pauses or resumes it.
     */
    public void playOrPause() {
        var current = playing.get();
        if (current != null && !playbackOver) {
            var pause = !paused.get();
            paused.set(pause);
            status.set(pause ? "Paused" : "Playing");
            background.submit(_ -> {
                if (pause) current.pause();
                else current.resume();
                return null;
            }, _ -> {}, this::failed);
            return;
        }
        if (running.get()) return;
        var source = scenario.get();
        var strategies = chosenStrategies(source);
        if (strategies == null) return;
        stop();
        var number = ++playbackNumber;
        playbackOver = false;
        // the KPIs shown are those of the run that ends next
        outcome.set(null);
        columns.clear();
        rows.clear();
        error.set(null);
        running.set(true);
        paused.set(false);
        progress.set(0);
        status.set("Starting " + source.label() + "…");
        var factor = speed.get().factor();
        playbackStarting = true;
        Playing.Events events = new Playing.Events() {
            @Override
            public void progress(double done, Instant at) { onFx(number, () -> played(done, at)); }

            @Override
            public void finished(SimulationOutcome result) { onFx(number, () -> playedToEnd(result)); }

            @Override
            public void failed(Throwable failure) { onFx(number, () -> SimulationViewModel.this.failed(failure)); }
        };
        background.submit(_ -> runner.play(source, strategies, factor, events), started -> {
            playbackStarting = false;
            if (number != playbackNumber) {
                background.submit(_ -> { started.close(); return null; }, _ -> {}, _ -> {});
                return;
            }
            playing.set(started);
            status.set("Playing " + source.label() + ": " + String.join(", ", strategies));
        }, failure -> {
            playbackStarting = false;
            if (number == playbackNumber) failed(failure);
        });
    }

    /** Stops the playback and its engine; the screens go back to the engine they showed before. */
    public void stop() {
        var current = playing.get();
        playbackNumber++;
        if (current == null) {
            if (playbackStarting) {
                playbackStarting = false;
                running.set(false);
                status.set("Stopped");
            }
            return;
        }
        playing.set(null);
        simulatedAt.set(null);
        paused.set(false);
        if (!playbackOver) {
            running.set(false);
            progress.set(0);
            status.set("Stopped");
        }
        background.submit(_ -> { current.close(); return null; }, _ -> {}, this::failed);
    }

    /** At exit: stops the playback and its engine before returning. */
    public void shutdown() {
        cancel();
        var current = playing.get();
        playbackNumber++;
        playing.set(null);
        if (current != null) current.close();
    }

    private void onFx(int number, Runnable action) {
        background.submit(_ -> null, _ -> { if (number == playbackNumber) action.run(); }, _ -> {});
    }

    private void played(double done, Instant at) {
        if (playbackOver) return;
        progress.set(done);
        simulatedAt.set(at);
    }

    private void playedToEnd(SimulationOutcome result) {
        playbackOver = true;
        paused.set(false);
        finished(result);
        status.set(status.get() + " · played to the end");
    }

    /** Cancels an offline run (a playback stops with {@link #stop}). */
    public void cancel() {
        if (!running.get() || playing.get() != null || playbackStarting) return;
        job.cancel();
        job = Job.DONE;
        running.set(false);
        progress.set(0);
        status.set("Cancelled");
    }

    private void finished(SimulationOutcome result) {
        running.set(false);
        progress.set(1);
        outcome.set(result);
        columns.setAll(result.runs().stream().map(StrategyKpis::strategy).toList());
        rows.setAll(KpiTable.rows(result.runs()));
        status.set(String.format(Locale.ROOT, "%s: %d vehicles, %d strategies compared", result.scenario(),
                result.vehicles(), result.runs().size()));
    }

    private void failed(Throwable failure) {
        if (playing.get() != null) playbackOver = true;
        running.set(false);
        progress.set(0);
        status.set("Failed");
        error.set(failure.getMessage() == null ? failure.toString() : failure.getMessage());
    }
}
