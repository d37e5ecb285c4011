package dev.dynamo.console.history;

import dev.dynamo.console.client.HistoryInterval;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.FileChooser;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** History screen: range, interval, load / cancel with progress, the chart, CSV export. */
public final class HistoryView extends VBox {
    private final HistoryViewModel model;
    private final ComboBox<RangeChoice> range = new ComboBox<>();
    private final ComboBox<HistoryInterval> interval = new ComboBox<>();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final Button load = new Button("_Load");
    private final Button cancel = new Button("Ca_ncel");
    private final Button export = new Button("_Export CSV…");
    private final ProgressBar progress = new ProgressBar();
    private final Label status = new Label();
    private final Label toLabel = new Label("to");
    private final Label error = new Label();
    private final HistoryChart chart = new HistoryChart();

    public HistoryView(HistoryViewModel model) {
        this.model = model;
        createView();
        initListeners();
    }

    private void createView() {
        setId("history-screen");
        getStyleClass().add("screen");
        var title = new Label("Allocation history");
        title.getStyleClass().add("screen-title");
        range.setId("history-range");
        range.getItems().setAll(RangeChoice.values());
        interval.setId("history-interval");
        interval.getItems().setAll(HistoryInterval.values());
        from.setId("history-from");
        to.setId("history-to");
        from.setPrefWidth(150);
        to.setPrefWidth(150);
        load.setId("history-load");
        load.setDefaultButton(true);
        cancel.setId("history-cancel");
        export.setId("history-export");
        progress.setId("history-progress");
        progress.setPrefWidth(160);
        status.setId("history-status");
        status.getStyleClass().add("dim");
        error.setId("history-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);

        var rangeLabel = new Label("_Range");
        rangeLabel.setMnemonicParsing(true);
        rangeLabel.setLabelFor(range);
        var intervalLabel = new Label("_Interval");
        intervalLabel.setMnemonicParsing(true);
        intervalLabel.setLabelFor(interval);
        toLabel.visibleProperty().bind(to.visibleProperty());
        toLabel.managedProperty().bind(to.visibleProperty());
        var controls = new HBox(10, rangeLabel, range, from, toLabel, to, intervalLabel, interval, load,
                cancel, progress, export);
        controls.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(chart, Priority.ALWAYS);
        getChildren().addAll(title, controls, new HBox(18, status, error), chart);
    }

    private void initListeners() {
        range.valueProperty().bindBidirectional(model.rangeProperty());
        interval.valueProperty().bindBidirectional(model.intervalProperty());
        from.valueProperty().bindBidirectional(model.customFromProperty());
        to.valueProperty().bindBidirectional(model.customToProperty());
        var custom = model.rangeProperty().isEqualTo(RangeChoice.CUSTOM);
        for (var picker : new DatePicker[] {from, to}) {
            picker.visibleProperty().bind(custom);
            picker.managedProperty().bind(custom);
        }
        load.setOnAction(_ -> model.load());
        cancel.setOnAction(_ -> model.cancel());
        export.setOnAction(_ -> chooseExportFile());
        load.disableProperty().bind(model.runningProperty());
        cancel.disableProperty().bind(model.runningProperty().not());
        export.disableProperty().bind(model.tableProperty().isNull().or(model.runningProperty()));
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.runningProperty());
        status.textProperty().bind(model.statusProperty());
        error.textProperty().bind(model.errorProperty());
        model.tableProperty().addListener((_, _, table) -> chart.show(table));
    }

    private void chooseExportFile() {
        var chooser = new FileChooser();
        chooser.setTitle("Export history as CSV");
        chooser.setInitialFileName("dynamo-history.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        var file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) model.exportCsv(file.toPath());
    }

    public void focusDefault() { load.requestFocus(); }
}
