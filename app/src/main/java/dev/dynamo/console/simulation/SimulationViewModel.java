package dev.dynamo.console.simulation;

import dev.dynamo.console.client.ScenarioSource;
import dev.dynamo.console.client.SimulationOutcome;
import dev.dynamo.console.client.SimulationRunner;
import dev.dynamo.console.client.StrategyKpis;
import dev.dynamo.console.task.Background;
import dev.dynamo.console.task.Job;
import java.nio.file.Path;
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
 * Simulation screen: pick a scenario and the strategies to compare, run them off the FX thread with
 * progress and cancel, then show the KPIs side by side. Works without a connected engine.
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
    private Job job = Job.DONE;

    public SimulationViewModel(Background background, SimulationRunner runner) {
        this.background = background;
        this.runner = runner;
        scenarios.setAll(runner.bundledScenarios());
        if (!scenarios.isEmpty()) scenario.set(scenarios.getFirst());
    }

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

    public void run() {
        if (running.get()) return;
        var source = scenario.get();
        List<String> strategies;
        try {
            if (source == null) throw new IllegalArgumentException("Pick a scenario first");
            strategies = strategies();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        error.set(null);
        running.set(true);
        progress.set(0);
        status.set("Running " + source.label() + ": " + String.join(", ", strategies) + "…");
        job = background.submit(context -> runner.compare(source, strategies, done -> {
                    context.stopIfCancelled();
                    context.progress(done);
                }), progress::set, this::finished, this::failed);
    }

    public void cancel() {
        if (!running.get()) return;
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
        running.set(false);
        progress.set(0);
        status.set("Failed");
        error.set(failure.getMessage() == null ? failure.toString() : failure.getMessage());
    }
}
