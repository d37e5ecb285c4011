package dev.dynamo.console.schedule;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Config and schedule screen: the config form, the weekly timeline, the same windows as a table, Apply. */
public final class ConfigView extends ScrollPane {
    private final ConfigViewModel model;
    private final TextField maxPower = new TextField();
    private final ComboBox<String> strategy = new ComboBox<>();
    private final TextField floor = new TextField();
    private final TextField rotation = new TextField();
    private final CheckBox redistribute = new CheckBox("Re_distribute unused power (chargers drawing less than allocated)");
    private final CheckBox departureAware = new CheckBox("Departure-a_ware sharing");
    private final Label departureAwareBlocked = new Label();
    private final Label capacity = new Label();
    private final ScheduleTimeline timeline;
    private final ScheduleTable table;
    private final Button apply = new Button("_Apply config");
    private final Button reload = new Button("Re_load");
    private final Button preview = new Button("_Preview");
    private final Label previewSummary = new Label();
    private final Label status = new Label();
    private final Label error = new Label();
    private VBox previewPanel;

    public ConfigView(ConfigViewModel model) {
        this.model = model;
        this.timeline = new ScheduleTimeline(model);
        this.table = new ScheduleTable(model, timeline::refresh);
        createView();
        initListeners();
    }

    private void createView() {
        setId("config-screen");
        setFitToWidth(true);
        var title = new Label("Config and schedule");
        title.getStyleClass().add("screen-title");

        maxPower.setId("max-power");
        strategy.setId("strategy");
        floor.setId("floor");
        rotation.setId("rotation");
        redistribute.setId("redistribute");
        capacity.setId("grid-capacity");
        capacity.getStyleClass().add("hint");
        rotation.setPromptText("off");
        strategy.getItems().setAll(ConfigViewModel.STRATEGIES);
        for (var field : new TextField[] {maxPower, floor, rotation}) field.setPrefColumnCount(8);

        var form = new GridPane(12, 8);
        row(form, 0, "_Max power (kW)", maxPower, capacity, "max_power_kw");
        row(form, 1, "_Strategy", strategy, hint("equal · priority · scheduled"), "strategy");
        row(form, 2, "_Floor per charger (kW)", floor, hint("0 = no floor"), "min_power_per_charger_kw");
        row(form, 3, "_Rotation period (min)", rotation, hint("5–1440, empty = off (equal sharing with a floor)"),
                "rotation_period_min");
        form.add(redistribute, 1, 4, 3, 1);
        departureAware.setId("departure-aware");
        var departureHint = hint("Vans with the least time to spare charge first, so each is full by its departure.");
        departureHint.setId("departure-aware-hint");
        departureAwareBlocked.setId("departure-aware-blocked");
        departureAwareBlocked.getStyleClass().add("blocked-reason");
        departureAwareBlocked.setWrapText(true);
        departureAwareBlocked.setMaxWidth(760);
        var departureRow = new HBox(12, departureAware, departureHint);
        departureRow.setAlignment(Pos.CENTER_LEFT);
        form.add(departureRow, 1, 5, 3, 1);
        form.add(new VBox(2, departureAwareBlocked, errorLabel("departure_aware")), 1, 6, 3, 1);
        var formPanel = new VBox(10, form);
        formPanel.getStyleClass().add("panel");

        var scheduleTitle = new Label("Weekly schedule (site local time)");
        scheduleTitle.getStyleClass().add("section-title");
        var scheduleHint = hint("Drag on empty space to draw a window · drag a window to move it · drag its edges "
                + "to resize · arrows move, Shift+arrows resize, Delete removes the selected one. "
                + "Used when the strategy is \"scheduled\".");
        scheduleHint.setWrapText(true);
        var scheduleError = errorLabel("schedule");
        table.setPrefHeight(220);
        var schedulePanel = new VBox(10, scheduleTitle, scheduleHint, timeline, scheduleError, table);
        schedulePanel.getStyleClass().add("panel");

        apply.setId("apply-config");
        apply.setDefaultButton(true);
        reload.setId("reload-config");
        status.setId("config-status");
        status.getStyleClass().add("ok-text");
        error.setId("config-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.setMaxWidth(900);
        preview.setId("preview-config");
        preview.setTooltip(new javafx.scene.control.Tooltip("What this config would give the chargers now (Alt+P); nothing is stored"));
        previewSummary.setId("config-preview-summary");
        previewSummary.getStyleClass().add("section-title");
        var previewTable = new dev.dynamo.console.preview.PreviewTable(model.previewRows());
        previewTable.setId("config-preview");
        previewTable.setPrefHeight(200);
        var previewPanel = new VBox(8, previewSummary, previewTable);
        previewPanel.getStyleClass().add("panel");
        previewPanel.visibleProperty().bind(model.previewSummaryProperty().isNotNull());
        previewPanel.managedProperty().bind(previewPanel.visibleProperty());
        this.previewPanel = previewPanel;
        var actions = new HBox(12, preview, apply, reload, status);
        actions.setAlignment(Pos.CENTER_LEFT);

        // actions on top: always in view, however far the schedule scrolls
        var content = new VBox(14, title, actions, error, previewPanel, formPanel, schedulePanel);
        content.getStyleClass().add("screen");
        setContent(content);
    }

    private void row(GridPane form, int row, String label, Control field, Node hint, String errorField) {
        var name = new Label(label);
        name.setMnemonicParsing(true);
        name.setLabelFor(field);
        form.addRow(row, name, field, hint, errorLabel(errorField));
        model.fieldErrors().addListener((javafx.collections.MapChangeListener<String, String>) _ -> {
            var invalid = model.fieldErrors().containsKey(errorField);
            if (invalid && !field.getStyleClass().contains("invalid")) field.getStyleClass().add("invalid");
            if (!invalid) field.getStyleClass().remove("invalid");
        });
    }

    private Label errorLabel(String field) {
        var label = new Label();
        label.setId("error-" + field.replace('_', '-'));
        label.getStyleClass().add("field-error");
        label.setWrapText(true);
        label.setMaxWidth(520);
        label.textProperty().bind(Bindings.valueAt(model.fieldErrors(), field));
        return label;
    }

    private static Label hint(String text) {
        var label = new Label(text);
        label.getStyleClass().add("hint");
        return label;
    }

    private void initListeners() {
        maxPower.textProperty().bindBidirectional(model.maxPowerKwProperty());
        floor.textProperty().bindBidirectional(model.floorKwProperty());
        rotation.textProperty().bindBidirectional(model.rotationPeriodMinProperty());
        strategy.valueProperty().bindBidirectional(model.strategyProperty());
        redistribute.selectedProperty().bindBidirectional(model.redistributeUnusedProperty());
        departureAware.selectedProperty().bindBidirectional(model.departureAwareProperty());
        departureAware.disableProperty().bind(model.departureAwareBlockedProperty().isNotNull());
        departureAwareBlocked.textProperty().bind(model.departureAwareBlockedProperty());
        departureAwareBlocked.visibleProperty().bind(model.departureAwareBlockedProperty().isNotNull());
        departureAwareBlocked.managedProperty().bind(departureAwareBlocked.visibleProperty());
        capacity.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT,
                "grid connection capacity: %.0f kW (the limit)", model.gridCapacityKwProperty().get()),
                model.gridCapacityKwProperty()));
        apply.setOnAction(_ -> model.apply());
        reload.setOnAction(_ -> model.reload());
        preview.setOnAction(_ -> model.preview());
        preview.disableProperty().bind(model.busyProperty());
        previewSummary.textProperty().bind(model.previewSummaryProperty());
        apply.disableProperty().bind(model.busyProperty());
        status.textProperty().bind(model.statusProperty());
        error.textProperty().bind(model.errorProperty());
        timeline.selectedProperty().addListener((_, _, block) -> {
            if (block != null) table.getSelectionModel().select(block);
        });
        table.getSelectionModel().selectedItemProperty().addListener((_, _, block) -> timeline.selectedProperty().set(block));
    }

    public void focusDefault() { maxPower.requestFocus(); }
}
