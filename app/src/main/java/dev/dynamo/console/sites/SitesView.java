package dev.dynamo.console.sites;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Sites overview: one row a site, refreshed live; Enter, a double click or Open switches every screen to it. */
public final class SitesView extends VBox {
    private final SitesViewModel model;
    private final TableView<SiteSummary> table = new TableView<>();
    private final Button open = new Button("_Open site");
    private final Label error = new Label();

    public SitesView(SitesViewModel model) {
        this.model = model;
        createView();
        initListeners();
    }

    private void createView() {
        setId("sites-screen");
        getStyleClass().add("screen");
        setSpacing(12);
        var title = new Label("Sites");
        title.getStyleClass().add("screen-title");
        var hint = new Label("Every site of the engine, refreshed every few seconds. Open one (Enter or double click) "
                + "to show it on every screen.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        table.setId("sites-table");
        table.setItems(model.summaries());
        table.setPlaceholder(new Label("Loading sites…"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                column("Site", s -> s.name() + (s.shown() ? "  (shown)" : ""), 260),
                column("Id", SiteSummary::siteId, 140),
                column("Budget", s -> s.budgetKw() == null ? "no config" : kw(s.budgetKw()), 110),
                column("Allocated", s -> s.allocatedKw() == null ? "–" : kw(s.allocatedKw()), 110),
                column("Active", s -> String.valueOf(s.active()), 80),
                column("Queued", s -> String.valueOf(s.queued()), 80),
                column("Open alerts", s -> String.valueOf(s.openAlerts()), 100)));
        table.setRowFactory(_ -> {
            var row = new TableRow<SiteSummary>() {
                @Override
                protected void updateItem(SiteSummary summary, boolean empty) {
                    super.updateItem(summary, empty);
                    getStyleClass().removeAll("site-alerting", "site-shown");
                    if (empty || summary == null) return;
                    if (summary.openAlerts() > 0) getStyleClass().add("site-alerting");
                    if (summary.shown()) getStyleClass().add("site-shown");
                }
            };
            row.setOnMouseClicked(event -> {
                if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && !row.isEmpty()) {
                    model.open(row.getItem());
                }
            });
            return row;
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        open.setId("open-site");
        error.setId("sites-error");
        error.getStyleClass().add("error-text");
        var actions = new HBox(12, open, error);
        actions.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, hint, actions, table);
    }

    private static String kw(double value) { return String.format(Locale.ROOT, "%.1f kW", value); }

    private static TableColumn<SiteSummary, String> column(String title, Function<SiteSummary, String> value, double width) {
        var column = new TableColumn<SiteSummary, String>(title);
        column.setCellValueFactory(row -> new ReadOnlyStringWrapper(value.apply(row.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private void initListeners() {
        open.setOnAction(_ -> model.open(table.getSelectionModel().getSelectedItem()));
        open.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        table.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) model.open(table.getSelectionModel().getSelectedItem());
        });
        error.textProperty().bind(model.errorProperty());
        // a refresh replaces rows: keep the site the user selected selected
        table.getSelectionModel().selectedItemProperty().addListener((_, _, summary) -> {
            if (summary != null) selectedSiteId = summary.siteId();
        });
        model.summaries().addListener((javafx.collections.ListChangeListener<SiteSummary>) _ -> {
            if (selectedSiteId == null) return;
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).siteId().equals(selectedSiteId)) table.getSelectionModel().select(i);
            }
        });
    }

    private String selectedSiteId;

    public void focusDefault() {
        table.requestFocus();
        if (table.getSelectionModel().isEmpty() && !table.getItems().isEmpty()) table.getSelectionModel().select(0);
    }
}
