package dev.dynamo.console.simulation;

import dev.dynamo.console.client.ScenarioSource;
import dev.dynamo.console.client.SimulationOutcome;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Simulation screen: scenario and strategies on top, progress, then the KPI table beside the energy chart. */
public final class SimulationView extends BorderPane {
    private final SimulationViewModel model;
    private final ComboBox<ScenarioSource> scenario = new ComboBox<>();
    private final Button open = new Button("_Open scenario file…");
    private final CheckBox equal = new CheckBox("_Equal");
    private final CheckBox priority = new CheckBox("_Priority");
    private final CheckBox scheduled = new CheckBox("Sc_heduled");
    private final CheckBox scenarioStrategy = new CheckBox("Scenario's o_wn");
    private final CheckBox rotation = new CheckBox("Ro_tation every");
    private final TextField rotationMin = new TextField();
    private final Button run = new Button("_Run");
    private final Button cancel = new Button("_Cancel");
    private final ComboBox<Speed> speed = new ComboBox<>();
    // mnemonics: the strategies and Run already use P, O, T, R and S
    private final Button play = new Button("Pl_ay");
    private final Button stop = new Button("Stop pla_yback");
    private final Label clock = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();
    private final Label error = new Label();
    private final TableView<KpiRow> table = new TableView<>();
    private final BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final LineChart<Number, Number> drawChart = new LineChart<>(new NumberAxis(), new NumberAxis());

    public SimulationView(SimulationViewModel model) {
        this.model = model;
        createView();
        initListeners();
    }

    private void createView() {
        setId("simulation-screen");
        getStyleClass().add("screen");
        var title = new Label("Simulation");
        title.getStyleClass().add("screen-title");

        scenario.setId("sim-scenario");
        scenario.setItems(model.scenarios());
        scenario.setPrefWidth(300);
        scenario.setCellFactory(_ -> new SourceCell());
        scenario.setButtonCell(new SourceCell());
        var scenarioLabel = new Label("_Scenario");
        scenarioLabel.setMnemonicParsing(true);
        scenarioLabel.setLabelFor(scenario);
        open.setId("sim-open");
        var scenarioRow = new HBox(10, scenarioLabel, scenario, open);
        scenarioRow.setAlignment(Pos.CENTER_LEFT);

        equal.setId("sim-equal");
        priority.setId("sim-priority");
        scheduled.setId("sim-scheduled");
        scenarioStrategy.setId("sim-scenario-strategy");
        rotation.setId("sim-rotation");
        rotationMin.setId("sim-rotation-min");
        rotationMin.setPrefColumnCount(5);
        var strategiesLabel = new Label("Strategies");
        var strategies = new HBox(14, strategiesLabel, equal, priority, scheduled, scenarioStrategy, rotation, rotationMin,
                new Label("min (not for priority)"));
        strategies.setAlignment(Pos.CENTER_LEFT);

        run.setId("sim-run");
        cancel.setId("sim-cancel");
        cancel.setCancelButton(false);
        progress.setId("sim-progress");
        progress.setPrefWidth(320);
        status.setId("sim-status");
        speed.setId("sim-speed");
        speed.getItems().setAll(Speed.values());
        var speedLabel = new Label("Spee_d");
        speedLabel.setMnemonicParsing(true);
        speedLabel.setLabelFor(speed);
        play.setId("sim-play");
        play.setMinWidth(90);
        stop.setId("sim-stop");
        clock.setId("sim-clock");
        clock.getStyleClass().add("number-column");
        var playRow = new HBox(12, new Label("Play on an engine of its own (Live and History show it):"), speedLabel, speed,
                play, stop, clock);
        playRow.setAlignment(Pos.CENTER_LEFT);
        var runRow = new HBox(12, new Label("Or compare offline, as fast as possible:"), run, cancel);
        runRow.setAlignment(Pos.CENTER_LEFT);
        progress.setPrefWidth(420);
        progress.setMinWidth(Region.USE_PREF_SIZE);
        var progressRow = new HBox(12, progress, status);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        error.setId("sim-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);

        var form = new VBox(10, scenarioRow, strategies, playRow, runRow, progressRow, error);
        form.getStyleClass().add("panel");
        var top = new VBox(12, title, form);
        top.setPadding(new Insets(0, 0, 12, 0));
        setTop(top);

        table.setId("sim-kpis");
        table.setPlaceholder(new Label("Run or play a scenario to compare the strategies (a playback shows them at its end)"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setItems(model.rows());
        // as tall as its rows (plus the header), so no empty stripes under the last KPI
        table.setFixedCellSize(26);
        table.prefHeightProperty().bind(Bindings.max(180, Bindings.size(model.rows()).multiply(26).add(34)));
        table.setMaxHeight(Region.USE_PREF_SIZE);
        table.setMinHeight(Region.USE_PREF_SIZE);
        chart.setId("sim-chart");
        chart.setTitle("Energy delivered vs upper bound (kWh)");
        chart.setAnimated(false);
        chart.setPrefWidth(460);
        chart.setPrefHeight(380);
        chart.setMaxHeight(Region.USE_PREF_SIZE);
        chart.getYAxis().setLabel("kWh");
        var results = new HBox(14, table, chart);
        results.setFillHeight(false);
        HBox.setHgrow(table, Priority.ALWAYS);
        drawChart.setId("sim-draw-chart");
        drawChart.setTitle("Site draw over the run (kW), per strategy");
        drawChart.setAnimated(false);
        drawChart.setCreateSymbols(false);
        drawChart.setLegendSide(javafx.geometry.Side.RIGHT);
        drawChart.setPrefHeight(220);
        drawChart.setMinHeight(150);
        ((NumberAxis) drawChart.getXAxis()).setLabel("hours from the start");
        drawChart.getYAxis().setLabel("kW");
        // no empty axes before there is something to compare
        drawChart.visibleProperty().bind(Bindings.isNotEmpty(drawChart.getData()));
        chart.visibleProperty().bind(Bindings.isNotEmpty(chart.getData()));
        var center = new VBox(10, results, drawChart);
        VBox.setVgrow(drawChart, Priority.ALWAYS);
        setCenter(center);
        setPadding(new Insets(20));
        rebuildColumns();
    }

    private void initListeners() {
        scenario.valueProperty().bindBidirectional(model.scenarioProperty());
        equal.selectedProperty().bindBidirectional(model.equalProperty());
        priority.selectedProperty().bindBidirectional(model.priorityProperty());
        scheduled.selectedProperty().bindBidirectional(model.scheduledProperty());
        scenarioStrategy.selectedProperty().bindBidirectional(model.scenarioStrategyProperty());
        rotation.selectedProperty().bindBidirectional(model.rotationProperty());
        rotationMin.textProperty().bindBidirectional(model.rotationMinProperty());
        rotationMin.disableProperty().bind(rotation.selectedProperty().not());
        open.setOnAction(_ -> chooseFile());
        run.setOnAction(_ -> model.run());
        cancel.setOnAction(_ -> model.cancel());
        speed.valueProperty().bindBidirectional(model.speedProperty());
        play.setOnAction(_ -> model.playOrPause());
        stop.setOnAction(_ -> model.stop());
        var playingNow = model.playingProperty().isNotNull().and(model.runningProperty());
        play.textProperty().bind(Bindings.when(playingNow.and(model.pausedProperty().not())).then("P_ause")
                .otherwise(Bindings.when(playingNow).then("Resume pl_ay").otherwise("Pl_ay")));
        play.disableProperty().bind(model.runningProperty().and(model.playingProperty().isNull()));
        stop.disableProperty().bind(model.playingProperty().isNull().and(model.runningProperty().not()));
        clock.textProperty().bind(Bindings.createStringBinding(() -> clockText(model.simulatedAtProperty().get()),
                model.simulatedAtProperty()));
        run.disableProperty().bind(model.runningProperty());
        cancel.disableProperty().bind(model.runningProperty().not().or(model.playingProperty().isNotNull()));
        progress.progressProperty().bind(model.progressProperty());
        status.textProperty().bind(model.statusProperty());
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        model.columns().addListener((ListChangeListener<String>) _ -> rebuildColumns());
        model.outcomeProperty().addListener((_, _, outcome) -> showChart(outcome));
    }

    private void chooseFile() {
        var chooser = new FileChooser();
        chooser.setTitle("Open a simulation scenario");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Dynamo scenarios", "*.dynamo-scenario.json", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        var file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) model.addScenarioFile(file.toPath());
    }

    private void rebuildColumns() {
        var kpi = new TableColumn<KpiRow, String>("KPI");
        kpi.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().kpi()));
        kpi.setPrefWidth(280);
        kpi.setSortable(false);
        table.getColumns().setAll(java.util.List.of(kpi));
        for (int i = 0; i < model.columns().size(); i++) {
            var index = i;
            var column = new TableColumn<KpiRow, String>(model.columns().get(i));
            column.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().values().get(index)));
            column.setSortable(false);
            column.setPrefWidth(150);
            column.getStyleClass().add("number-column");
            table.getColumns().add(column);
        }
    }

    private void showChart(SimulationOutcome outcome) {
        chart.getData().clear();
        drawChart.getData().clear();
        if (outcome == null) return;
        var delivered = new XYChart.Series<String, Number>();
        delivered.setName("Delivered");
        var bound = new XYChart.Series<String, Number>();
        bound.setName("Upper bound");
        for (var run : outcome.runs()) {
            delivered.getData().add(new XYChart.Data<>(run.strategy(), run.deliveredKwh()));
            bound.getData().add(new XYChart.Data<>(run.strategy(), Double.isNaN(run.upperBoundKwh()) ? 0 : run.upperBoundKwh()));
        }
        chart.getData().setAll(java.util.List.of(delivered, bound));
        var draws = new java.util.ArrayList<XYChart.Series<Number, Number>>();
        for (var draw : outcome.draws()) {
            var series = new XYChart.Series<Number, Number>();
            series.setName(draw.strategy());
            var start = draw.at().isEmpty() ? null : draw.at().getFirst();
            for (int i = 0; i < draw.at().size(); i++) {
                var hours = java.time.Duration.between(start, draw.at().get(i)).toSeconds() / 3600.0;
                series.getData().add(new XYChart.Data<>(hours, draw.drawKw().get(i)));
            }
            draws.add(series);
        }
        drawChart.getData().setAll(draws);
    }

    private static String clockText(java.time.Instant at) {
        if (at == null) return "";
        return "Simulated " + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", java.util.Locale.ROOT)
                .withZone(java.time.ZoneOffset.UTC).format(at);
    }

    /** Lets keyboard users start from the scenario choice. */
    public void focusDefault() { scenario.requestFocus(); }

    private static final class SourceCell extends ListCell<ScenarioSource> {
        @Override
        protected void updateItem(ScenarioSource item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.label());
        }
    }
}
