package dev.dynamo.console.decisions;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Decisions audit screen: range, trigger and charger filters, and a table of decisions with their changes. */
public final class DecisionsView extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final DecisionsViewModel model;
    private final ComboBox<AuditRange> range = new ComboBox<>();
    private final ComboBox<String> trigger = new ComboBox<>();
    private final ComboBox<String> charger = new ComboBox<>();
    private final Button reload = new Button("Re_load");
    private final TableView<DecisionRow> table = new TableView<>();
    private final Label status = new Label();
    private final Label error = new Label();
    private final Label detail = new Label("Select a decision to see all of it");

    public DecisionsView(DecisionsViewModel model) {
        this.model = model;
        createView();
        initListeners();
    }

    private void createView() {
        setId("decisions-screen");
        getStyleClass().add("screen");
        setSpacing(12);
        var title = new Label("Decisions");
        title.getStyleClass().add("screen-title");
        range.setId("decisions-range");
        range.getItems().setAll(AuditRange.values());
        trigger.setId("decisions-trigger");
        trigger.getItems().setAll(DecisionsViewModel.ALL);
        trigger.getItems().addAll(DecisionsViewModel.TRIGGERS);
        charger.setId("decisions-charger");
        charger.setItems(model.chargers());
        reload.setId("decisions-reload");
        var filters = new HBox(10, label("_Range", range), range, label("_Trigger", trigger), trigger,
                label("C_harger", charger), charger, reload, status);
        filters.setAlignment(Pos.CENTER_LEFT);
        status.setId("decisions-status");
        status.getStyleClass().add("hint");
        error.setId("decisions-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);

        table.setId("decisions-table");
        table.setItems(model.rows());
        table.setPlaceholder(new Label("No decision in this range"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                column("Decided at", r -> TIME.format(r.decidedAt()), 150),
                column("Trigger", DecisionRow::trigger, 110),
                column("Strategy", r -> r.decision().strategy(), 80),
                column("Budget", r -> kw(r.decision().totalBudgetKw()) + binding(r), 120),
                column("Allocated", r -> kw(r.decision().totalAllocatedKw()), 90),
                column("Chargers", r -> String.valueOf(r.decision().allocations().size()), 70),
                column("What changed", DecisionRow::changesText, 500)));
        VBox.setVgrow(table, Priority.ALWAYS);
        detail.setId("decisions-detail");
        detail.getStyleClass().add("hint");
        detail.setWrapText(true);
        detail.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(title, filters, error, table, detail);
    }

    private static String binding(DecisionRow row) {
        var budget = row.decision().budget();
        return budget == null || budget.binding() == null || budget.binding().equals("config") ? "" : " (" + budget.binding() + ")";
    }

    private static Label label(String text, javafx.scene.Node target) {
        var label = new Label(text);
        label.setMnemonicParsing(true);
        label.setLabelFor(target);
        return label;
    }

    private static String kw(double value) { return String.format(Locale.ROOT, "%.1f kW", value); }

    private static TableColumn<DecisionRow, String> column(String title, Function<DecisionRow, String> value, double width) {
        var column = new TableColumn<DecisionRow, String>(title);
        column.setCellValueFactory(row -> new ReadOnlyStringWrapper(value.apply(row.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private void initListeners() {
        range.valueProperty().bindBidirectional(model.rangeProperty());
        trigger.valueProperty().bindBidirectional(model.triggerProperty());
        charger.valueProperty().bindBidirectional(model.chargerProperty());
        reload.setOnAction(_ -> model.load());
        reload.disableProperty().bind(model.busyProperty());
        status.textProperty().bind(model.statusProperty());
        error.textProperty().bind(model.errorProperty());
        table.getSelectionModel().selectedItemProperty().addListener((_, _, row) -> detail.setText(row == null
                ? "Select a decision to see all of it"
                : TIME.format(row.decidedAt()) + " " + row.trigger() + ": " + row.changesText() + "\nShares: " + row.sharesText()));
    }

    public void focusDefault() { range.requestFocus(); }
}
