package dev.dynamo.console.alerts;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** Alerts screen: what needs a person, with its time; new ones also pop up; Acknowledge takes them off the count. */
public final class AlertsView extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final AlertsViewModel model;
    private final TableView<AlertEntry> table = new TableView<>();
    private final Button acknowledge = new Button("Ac_knowledge");
    private final Button acknowledgeAll = new Button("Acknowledge _all");
    private final Label error = new Label();

    public AlertsView(AlertsViewModel model) {
        this.model = model;
        createView();
        initListeners();
    }

    private void createView() {
        setId("alerts-screen");
        getStyleClass().add("screen");
        setSpacing(12);
        var title = new Label("Alerts");
        title.getStyleClass().add("screen-title");
        var hint = new Label("What needs a person: a breaker within 5% of its rating, a charger offline with its limit "
                + "reserved, a charger queued longer than the rotation period, a limit refused or ignored, a stale meter, "
                + "an external limit, a vehicle at risk. Cleared alerts stay an hour.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        table.setId("alerts-table");
        table.setItems(model.entries());
        table.setPlaceholder(new Label("Nothing needs attention"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                column("Since", e -> TIME.format(e.since()), 90),
                column("State", AlertsView::state, 150),
                column("Kind", e -> e.alert().kind().label(), 170),
                column("What", e -> e.alert().message(), 520)));
        table.setRowFactory(_ -> new TableRow<>() {
            @Override
            protected void updateItem(AlertEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                getStyleClass().removeAll("alert-open", "alert-cleared");
                if (!empty && entry != null) getStyleClass().add(entry.needsAttention() ? "alert-open" : "alert-cleared");
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        acknowledge.setId("acknowledge-alert");
        acknowledgeAll.setId("acknowledge-all-alerts");
        error.setId("alerts-error");
        error.getStyleClass().add("error-text");
        var actions = new HBox(12, acknowledge, acknowledgeAll, error);
        actions.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, hint, actions, table);
    }

    private static String state(AlertEntry entry) {
        if (!entry.open()) return "cleared " + TIME.format(entry.clearedAt());
        return entry.acknowledged() ? "open · acknowledged" : "open";
    }

    private static TableColumn<AlertEntry, String> column(String title, Function<AlertEntry, String> value, double width) {
        var column = new TableColumn<AlertEntry, String>(title);
        column.setCellValueFactory(row -> new ReadOnlyStringWrapper(value.apply(row.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private void initListeners() {
        acknowledge.setOnAction(_ -> model.acknowledge(table.getSelectionModel().getSelectedItem()));
        acknowledge.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        acknowledgeAll.setOnAction(_ -> model.acknowledgeAll());
        acknowledgeAll.disableProperty().bind(model.openCountProperty().isEqualTo(0));
        error.textProperty().bind(model.errorProperty());
    }

    /** A pop-up for a new alert, in the corner of {@code owner} (the console's window), whatever screen shows; it goes by itself. */
    public static void popUp(javafx.stage.Window owner, AlertEntry entry) {
        var alert = entry.alert();
        if (owner == null || !owner.isShowing()) return;
        Notifications.create()
                .owner(owner)
                .title(alert.kind().label() + " · since " + TIME.format(entry.since()))
                .text(alert.message())
                .hideAfter(Duration.seconds(8))
                .showWarning();
    }

    public void focusDefault() { table.requestFocus(); }
}
