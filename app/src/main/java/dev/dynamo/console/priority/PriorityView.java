package dev.dynamo.console.priority;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Priority screen: the ranked list, reordered by drag and drop or Alt+Up / Alt+Down, and Apply.
 */
public final class PriorityView extends VBox {

    private final PriorityViewModel model;
    private final ListView<String> list = new ListView<>();
    private final Button up = new Button("Move _up");
    private final Button down = new Button("Move _down");
    private final Button apply = new Button("_Apply priority order");
    private final Button reload = new Button("Re_load");
    private final Label status = new Label();
    private final Label error = new Label();
    private final Label orderError = new Label();
    private final Label previewSummary = new Label();
    private int dragFrom = -1;

    public PriorityView(PriorityViewModel model) {
        this.model = model;
        createView();
        initListeners();
    }

    private void createView() {
        setId("priority-screen");
        getStyleClass().add("screen");
        var title = new Label("Priority order");
        title.getStyleClass().add("screen-title");
        var hint = new Label("Highest priority first. Drag a charger, or select it and press Alt+Up / Alt+Down: "
                + "each row shows what it gets now and, once the order changes, what the new order would give. "
                + "Apply stores strategy \"priority\" with this order.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);

        list.setId("priority-list");
        list.getStyleClass().add("priority-list");
        list.setCellFactory(_ -> new RankCell());
        list.setItems(model.order());
        list.setPrefWidth(640);
        previewSummary.setId("priority-preview-summary");
        previewSummary.getStyleClass().add("section-title");
        VBox.setVgrow(list, Priority.ALWAYS);
        orderError.setId("priority-order-error");
        orderError.getStyleClass().add("field-error");
        orderError.setWrapText(true);

        up.setId("move-up");
        down.setId("move-down");
        apply.setId("apply-priority");
        apply.setDefaultButton(true);
        reload.setId("reload-priority");
        for (var button : new Button[] {up, down, apply, reload}) button.setMaxWidth(Double.MAX_VALUE);
        var buttons = new VBox(10, up, down, new Label(), apply, reload);
        buttons.setPrefWidth(220);

        status.setId("priority-status");
        status.getStyleClass().add("ok-text");
        error.setId("priority-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.setMaxWidth(720);

        var listColumn = new VBox(6, previewSummary, list, orderError);
        VBox.setVgrow(listColumn, Priority.ALWAYS);
        var body = new HBox(18, listColumn, buttons);
        body.setAlignment(Pos.TOP_LEFT);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(title, hint, body, status, error);
    }

    private void initListeners() {
        up.setOnAction(_ -> moveSelected(-1));
        down.setOnAction(_ -> moveSelected(+1));
        apply.setOnAction(_ -> model.apply());
        reload.setOnAction(_ -> model.reload());
        list.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.isAltDown() && (event.getCode() == KeyCode.UP || event.getCode() == KeyCode.DOWN)) {
                moveSelected(event.getCode() == KeyCode.UP ? -1 : +1);
                event.consume();
            }
        });
        apply.disableProperty().bind(model.busyProperty().or(javafx.beans.binding.Bindings.isEmpty(model.order())));
        status.textProperty().bind(model.statusProperty());
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotNull());
        previewSummary.textProperty().bind(model.previewSummaryProperty());
        previewSummary.visibleProperty().bind(model.previewSummaryProperty().isNotNull());
        previewSummary.managedProperty().bind(previewSummary.visibleProperty());
        orderError.textProperty().bind(model.orderErrorProperty());
        orderError.visibleProperty().bind(model.orderErrorProperty().isNotNull());
        model.orderErrorProperty().addListener((_, _, message) -> {
            if (message == null) list.getStyleClass().remove("invalid");
            else if (!list.getStyleClass().contains("invalid")) list.getStyleClass().add("invalid");
        });
    }

    private void moveSelected(int delta) {
        var index = list.getSelectionModel().getSelectedIndex();
        if (model.move(index, index + delta)) {
            list.getSelectionModel().select(index + delta);
            list.scrollTo(Math.max(0, index + delta - 2));
        }
    }

    public void focusDefault() { list.requestFocus(); }

    /**
     * One ranked charger. Reordering uses JavaFX's own press-drag-release gesture rather than the
     * platform drag and drop: it stays inside the window and behaves the same under a robot.
     */
    private final class RankCell extends ListCell<String> {
        private final Label rank = new Label();
        private final Label name = new Label();
        private final Label now = new Label();
        private final Label previewed = new Label();
        private final Label diff = new Label();
        private final HBox row = new HBox(12, rank, name, now, previewed, diff);

        RankCell() {
            rank.getStyleClass().add("rank");
            name.getStyleClass().add("rank-name");
            now.getStyleClass().add("rank-live");
            previewed.getStyleClass().add("rank-preview");
            diff.getStyleClass().add("rank-diff");
            rank.setMinWidth(40);
            name.setMinWidth(140);
            now.setMinWidth(140);
            previewed.setMinWidth(140);
            row.setAlignment(Pos.CENTER_LEFT);
            // new live or previewed values are set in place: recreating cells (ListView.refresh) would end a drag
            model.rowsRevisionProperty().addListener((_, _, _) -> { if (!isEmpty() && getItem() != null) fill(getItem()); });
            setOnDragDetected(event -> {
                if (isEmpty()) return;
                dragFrom = getIndex();
                startFullDrag();
                event.consume();
            });
            setOnMouseDragEntered(_ -> { if (dragFrom >= 0) getStyleClass().add("drop-target"); });
            setOnMouseDragExited(_ -> getStyleClass().remove("drop-target"));
            setOnMouseDragReleased(event -> {
                getStyleClass().remove("drop-target");
                var to = isEmpty() ? model.order().size() - 1 : getIndex();
                if (dragFrom >= 0 && model.move(dragFrom, to)) list.getSelectionModel().select(to);
                dragFrom = -1;
                event.consume();
            });
        }

        @Override
        protected void updateItem(String chargePointId, boolean empty) {
            super.updateItem(chargePointId, empty);
            if (empty || chargePointId == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            fill(chargePointId);
            setGraphic(row);
            setText(null);
        }

        private void fill(String chargePointId) {
            var values = model.row(chargePointId);
            rank.setText("#" + (getIndex() + 1));
            name.setText(chargePointId);
            now.setText("now " + values.liveText());
            previewed.setText(values.previewKw() == null ? "" : "→ " + values.previewText());
            diff.setText(values.diffText());
            diff.getStyleClass().removeAll("diff-up", "diff-down");
            if (values.diffText().startsWith("+")) diff.getStyleClass().add("diff-up");
            if (values.diffText().startsWith("−")) diff.getStyleClass().add("diff-down");
        }
    }
}
