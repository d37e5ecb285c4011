package dev.dynamo.console.schedule;

import java.time.DayOfWeek;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.Group;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * A week as 7 rows of 24 hours. Drag on empty space to draw a window, drag a window to move it
 * (also to another day), drag its edges to resize; arrows move the selected window, Delete removes it.
 * All mouse handling is here, on the timeline, so redrawing blocks never loses a drag.
 */
final class ScheduleTimeline extends Region {
    static final double LEFT = 56;
    static final double TOP = 26;
    static final double ROW_HEIGHT = 38;
    static final int SNAP_MINUTES = 15;
    private static final double EDGE_PX = 7;

    private enum Grip { MOVE, START, END }

    private final ConfigViewModel model;
    private final ObjectProperty<WindowBlock> selected = new SimpleObjectProperty<>();
    private final Pane grid = new Pane();
    private final Pane blocks = new Pane();
    private final Rectangle draft = new Rectangle();

    private double drawnWidth = -1;
    private DayOfWeek pressDay;
    private int pressMinute;
    private WindowBlock dragging;
    private Grip grip;
    private int dragStart;
    private int dragEnd;
    private DayOfWeek dragDay;

    ScheduleTimeline(ConfigViewModel model) {
        this.model = model;
        setId("schedule-timeline");
        getStyleClass().add("timeline");
        setFocusTraversable(true);
        setMinHeight(TOP + 7 * ROW_HEIGHT + 4);
        setPrefHeight(TOP + 7 * ROW_HEIGHT + 4);
        blocks.setMouseTransparent(true);
        grid.setMouseTransparent(true);
        draft.getStyleClass().add("window-draft");
        draft.setVisible(false);
        draft.setMouseTransparent(true);
        getChildren().addAll(grid, blocks, draft);

        model.windows().addListener((ListChangeListener<WindowBlock>) _ -> redrawBlocks());
        selected.addListener((_, _, _) -> redrawBlocks());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        addEventHandler(MouseEvent.MOUSE_MOVED, this::hover);
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
    }

    ObjectProperty<WindowBlock> selectedProperty() { return selected; }

    void refresh() { redrawBlocks(); }

    private double hourWidth() { return (getWidth() - LEFT - 8) / 24; }

    double xOf(int minute) { return LEFT + minute / 60.0 * hourWidth(); }

    double yOf(DayOfWeek day) { return TOP + (day.getValue() - 1) * ROW_HEIGHT; }

    private int minuteAt(double x) {
        var minute = (int) Math.round((x - LEFT) / hourWidth() * 60 / SNAP_MINUTES) * SNAP_MINUTES;
        return Math.clamp(minute, 0, WindowBlock.DAY_MINUTES);
    }

    private DayOfWeek dayAt(double y) {
        var row = (int) Math.floor((y - TOP) / ROW_HEIGHT);
        return row < 0 || row > 6 ? null : DayOfWeek.of(row + 1);
    }

    @Override
    protected void layoutChildren() {
        // shapes are placed by coordinates; only a new size needs a redraw
        if (getWidth() != drawnWidth) {
            drawnWidth = getWidth();
            redrawGrid();
            redrawBlocks();
        }
    }

    private void redrawGrid() {
        grid.getChildren().clear();
        for (int hour = 0; hour <= 24; hour++) {
            var x = xOf(hour * 60);
            var line = new Line(x, TOP, x, TOP + 7 * ROW_HEIGHT);
            line.getStyleClass().add("timeline-grid");
            line.setOpacity(hour % 6 == 0 ? 1 : 0.45);
            grid.getChildren().add(line);
            if (hour < 24 && (hour % 2 == 0 || hourWidth() > 40)) {
                var label = new Text(x + 2, TOP - 8, "%02d".formatted(hour));
                label.getStyleClass().add("timeline-hour");
                grid.getChildren().add(label);
            }
        }
        for (var day : DayOfWeek.values()) {
            var y = yOf(day);
            var line = new Line(LEFT, y, LEFT + 24 * hourWidth(), y);
            line.getStyleClass().add("timeline-grid");
            var label = new Text(8, y + ROW_HEIGHT / 2 + 5, ScheduleConversion.dayCode(day));
            label.getStyleClass().add("timeline-day");
            grid.getChildren().addAll(line, label);
        }
    }

    private void redrawBlocks() {
        blocks.getChildren().clear();
        for (var block : model.windows()) {
            var end = block.endMinute() > block.startMinute() ? block.endMinute() : WindowBlock.DAY_MINUTES;
            blocks.getChildren().add(segment(block, block.day(), block.startMinute(), end, true));
            if (block.endMinute() <= block.startMinute() && block.endMinute() > 0) {
                var next = block.day().plus(1);
                blocks.getChildren().add(segment(block, next, 0, block.endMinute(), false));
            }
        }
    }

    private Node segment(WindowBlock block, DayOfWeek day, int start, int end, boolean labelled) {
        // shapes, not controls: they need no layout pass, so redrawing while dragging stays cheap
        var width = Math.max(4, xOf(end) - xOf(start));
        var box = new Rectangle(xOf(start), yOf(day) + 4, width, ROW_HEIGHT - 8);
        box.setArcWidth(6);
        box.setArcHeight(6);
        box.getStyleClass().add("window-block");
        if ("priority".equals(block.strategyProperty().get())) box.getStyleClass().add("priority");
        if (block == selected.get()) box.getStyleClass().add("selected");
        var group = new Group(box);
        if (labelled && width > 40) {
            var label = new Text(xOf(start) + 6, yOf(day) + ROW_HEIGHT / 2 + 4,
                    String.format(Locale.ROOT, "%.0f kW%s", block.maxPowerKwProperty().get(),
                            "priority".equals(block.strategyProperty().get()) ? " · prio" : ""));
            label.getStyleClass().add("window-label");
            group.getChildren().add(label);
        }
        group.setUserData(block);
        return group;
    }

    /** The window drawn at a point (its first day or the spill past midnight), and which part was hit. */
    private record Hit(WindowBlock block, Grip grip) {}

    private Hit hitAt(double x, double y) {
        var day = dayAt(y);
        if (day == null) return null;
        for (var block : model.windows()) {
            var overnight = block.endMinute() <= block.startMinute();
            var end = overnight ? WindowBlock.DAY_MINUTES : block.endMinute();
            if (block.day() == day && x >= xOf(block.startMinute()) && x <= xOf(end)) {
                if (x - xOf(block.startMinute()) < EDGE_PX) return new Hit(block, Grip.START);
                if (!overnight && xOf(end) - x < EDGE_PX) return new Hit(block, Grip.END);
                return new Hit(block, Grip.MOVE);
            }
            if (overnight && block.day().plus(1) == day && x <= xOf(block.endMinute())) {
                return new Hit(block, xOf(block.endMinute()) - x < EDGE_PX ? Grip.END : Grip.MOVE);
            }
        }
        return null;
    }

    private void hover(MouseEvent event) {
        var hit = hitAt(event.getX(), event.getY());
        setCursor(hit == null ? Cursor.CROSSHAIR : hit.grip() == Grip.MOVE ? Cursor.MOVE : Cursor.H_RESIZE);
    }

    private void pressed(MouseEvent event) {
        requestFocus();
        pressDay = dayAt(event.getY());
        pressMinute = minuteAt(event.getX());
        var hit = hitAt(event.getX(), event.getY());
        if (hit != null) {
            selected.set(hit.block());
            dragging = hit.block();
            grip = hit.grip();
            dragDay = dragging.day();
            dragStart = dragging.startMinute();
            dragEnd = dragging.endMinute();
        } else {
            dragging = null;
            selected.set(null);
        }
    }

    private void dragged(MouseEvent event) {
        if (pressDay == null) return;
        var minute = minuteAt(event.getX());
        if (dragging == null) {
            var from = Math.min(pressMinute, minute);
            var to = Math.max(pressMinute, minute);
            draft.setX(xOf(from));
            draft.setY(yOf(pressDay) + 4);
            draft.setWidth(xOf(to) - xOf(from));
            draft.setHeight(ROW_HEIGHT - 8);
            draft.setVisible(true);
            return;
        }
        var delta = minute - pressMinute;
        switch (grip) {
            case START -> model.reshapeWindow(dragging, dragDay, Math.clamp(dragStart + delta, 0, 1439), dragEnd);
            case END -> model.reshapeWindow(dragging, dragDay, dragStart, Math.clamp(dragEnd + delta, 1, 1440));
            case MOVE -> {
                var day = dayAt(event.getY());
                var length = WindowBlock.length(dragStart, dragEnd);
                var start = Math.clamp(dragStart + delta, 0, WindowBlock.DAY_MINUTES - SNAP_MINUTES);
                var end = (start + length) % WindowBlock.DAY_MINUTES;
                model.reshapeWindow(dragging, day == null ? dragDay : day, start, end == 0 ? 1440 : end);
            }
        }
        redrawBlocks();
    }

    private void released(MouseEvent event) {
        if (pressDay != null && dragging == null && draft.isVisible()) {
            var minute = minuteAt(event.getX());
            var from = Math.min(pressMinute, minute);
            var to = Math.max(pressMinute, minute);
            if (to - from >= SNAP_MINUTES) {
                var block = model.addWindow(pressDay, from, to);
                if (block != null) selected.set(block);
            }
        }
        draft.setVisible(false);
        pressDay = null;
        dragging = null;
    }

    private void key(KeyEvent event) {
        var block = selected.get();
        if (block == null) return;
        var step = SNAP_MINUTES;
        var handled = switch (event.getCode()) {
            case DELETE, BACK_SPACE -> { model.removeWindow(block); selected.set(null); yield true; }
            case LEFT -> event.isShiftDown()
                    ? model.reshapeWindow(block, block.day(), block.startMinute(), block.endMinute() - step) || true
                    : shift(block, -step);
            case RIGHT -> event.isShiftDown()
                    ? model.reshapeWindow(block, block.day(), block.startMinute(), block.endMinute() + step) || true
                    : shift(block, step);
            case UP -> model.reshapeWindow(block, block.day().minus(1), block.startMinute(), block.endMinute()) || true;
            case DOWN -> model.reshapeWindow(block, block.day().plus(1), block.startMinute(), block.endMinute()) || true;
            default -> false;
        };
        if (handled) {
            redrawBlocks();
            event.consume();
        }
    }

    private boolean shift(WindowBlock block, int minutes) {
        var start = block.startMinute() + minutes;
        var end = block.endMinute() + minutes;
        if (start < 0 || start >= WindowBlock.DAY_MINUTES) return true;
        end = Math.floorMod(end - 1, WindowBlock.DAY_MINUTES) + 1;
        model.reshapeWindow(block, block.day(), start, end);
        return true;
    }


}
