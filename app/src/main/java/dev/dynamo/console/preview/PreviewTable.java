package dev.dynamo.console.preview;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import java.util.List;
import java.util.function.Function;

/** Live kW, previewed kW and the difference per charger, for the screens that preview before Apply. */
public final class PreviewTable extends TableView<PreviewRow> {
    public PreviewTable(ObservableList<PreviewRow> rows) {
        super(rows);
        getStyleClass().add("preview-table");
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new javafx.scene.control.Label("No charger has a session"));
        getColumns().setAll(List.of(
                column("Charger", PreviewRow::chargePointId),
                column("Now", PreviewRow::liveText),
                column("Preview", PreviewRow::previewText),
                diffColumn()));
    }

    private static TableColumn<PreviewRow, String> column(String title, Function<PreviewRow, String> value) {
        var column = new TableColumn<PreviewRow, String>(title);
        column.setCellValueFactory(row -> new ReadOnlyStringWrapper(value.apply(row.getValue())));
        column.setSortable(false);
        return column;
    }

    private static TableColumn<PreviewRow, String> diffColumn() {
        var column = column("Change", PreviewRow::diffText);
        column.setCellFactory(_ -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                getStyleClass().removeAll("diff-up", "diff-down");
                if (!empty && text != null && text.startsWith("+")) getStyleClass().add("diff-up");
                if (!empty && text != null && text.startsWith("−")) getStyleClass().add("diff-down");
            }
        });
        return column;
    }
}
