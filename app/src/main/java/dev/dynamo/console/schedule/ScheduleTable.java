package dev.dynamo.console.schedule;

import java.time.DayOfWeek;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.ChoiceBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.util.StringConverter;
import javafx.util.converter.DoubleStringConverter;

/** The schedule's windows as rows; edits go through the view-model so overlaps are refused here too. */
final class ScheduleTable extends TableView<WindowBlock> {
    ScheduleTable(ConfigViewModel model, Runnable changed) {
        setId("schedule-table");
        setEditable(true);
        setItems(model.windows());
        setPlaceholder(new javafx.scene.control.Label("No windows: draw one on the week above"));
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        var day = new TableColumn<WindowBlock, DayOfWeek>("Day");
        day.setCellValueFactory(row -> row.getValue().dayProperty());
        day.setCellFactory(ChoiceBoxTableCell.forTableColumn(DayOfWeek.values()));
        day.setOnEditCommit(edit -> {
            var block = edit.getRowValue();
            model.reshapeWindow(block, edit.getNewValue(), block.startMinute(), block.endMinute());
            refreshAll(changed);
        });

        var start = new TableColumn<WindowBlock, String>("Start");
        start.setCellValueFactory(row -> new ReadOnlyStringWrapper(WindowBlock.hhmm(row.getValue().startMinute())));
        start.setCellFactory(TextFieldTableCell.forTableColumn());
        start.setOnEditCommit(edit -> {
            var block = edit.getRowValue();
            var minute = parse(edit.getNewValue());
            if (minute != null) model.reshapeWindow(block, block.day(), minute, block.endMinute());
            refreshAll(changed);
        });

        var end = new TableColumn<WindowBlock, String>("End");
        end.setCellValueFactory(row -> new ReadOnlyStringWrapper(WindowBlock.hhmm(row.getValue().endMinute())));
        end.setCellFactory(TextFieldTableCell.forTableColumn());
        end.setOnEditCommit(edit -> {
            var block = edit.getRowValue();
            var minute = parse(edit.getNewValue());
            if (minute != null) model.reshapeWindow(block, block.day(), block.startMinute(), minute);
            refreshAll(changed);
        });

        var kw = new TableColumn<WindowBlock, Double>("Max power (kW)");
        kw.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().maxPowerKwProperty().get()));
        kw.setCellFactory(TextFieldTableCell.forTableColumn(new DoubleStringConverter()));
        kw.setOnEditCommit(edit -> {
            if (edit.getNewValue() != null && edit.getNewValue() >= 0) {
                edit.getRowValue().maxPowerKwProperty().set(edit.getNewValue());
            }
            refreshAll(changed);
        });

        var strategy = new TableColumn<WindowBlock, String>("Sharing");
        strategy.setCellValueFactory(row -> row.getValue().strategyProperty());
        strategy.setCellFactory(ChoiceBoxTableCell.forTableColumn(new StringConverter<>() {
            @Override
            public String toString(String value) { return value; }

            @Override
            public String fromString(String text) { return text; }
        }, FXCollections.observableArrayList(ConfigViewModel.WINDOW_STRATEGIES)));
        strategy.setOnEditCommit(edit -> {
            edit.getRowValue().strategyProperty().set(edit.getNewValue());
            refreshAll(changed);
        });

        getColumns().setAll(java.util.List.of(day, start, end, kw, strategy));
    }

    private void refreshAll(Runnable changed) {
        refresh();
        changed.run();
    }

    /** "HH:MM" to minutes, "24:00" allowed; null when it is not a time. */
    static Integer parse(String text) {
        if (text == null || !text.strip().matches("\\d{1,2}:\\d{2}")) return null;
        var minute = ScheduleConversion.minutes(text.strip());
        return minute > WindowBlock.DAY_MINUTES || Integer.parseInt(text.strip().split(":")[1]) > 59 ? null : minute;
    }
}
