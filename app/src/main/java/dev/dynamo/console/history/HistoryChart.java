package dev.dynamo.console.history;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;

/**
 * The history chart, drawn on one canvas: the chargers as stacked areas ({@link StackedHistory}: the other
 * load beneath, the top ten chargers by energy, the rest as "Others"), the site total and the budget as
 * lines, a legend of distinct colours, and under the mouse a cursor line with every value at that time.
 */
final class HistoryChart extends VBox {
    private static final DateTimeFormatter TICK = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final double LEFT = 64;
    private static final double RIGHT = 16;
    private static final double TOP = 12;
    private static final double BOTTOM = 28;
    private static final Color GRID = Color.web("#30363d");
    private static final Color AXIS_TEXT = Color.web("#8b949e");

    private final Canvas canvas = new Canvas();
    private final Pane plotArea = new Pane(canvas);
    private final FlowPane legend = new FlowPane(14, 6);
    private final Label readout = new Label();
    private StackedHistory shown;
    private int cursor = -1;

    HistoryChart() {
        setId("history-chart");
        setSpacing(8);
        legend.setId("history-legend");
        readout.getStyleClass().add("hover-readout");
        readout.setId("history-readout");
        readout.setVisible(false);
        readout.setMouseTransparent(true);
        readout.setManaged(false);
        plotArea.getChildren().add(readout);
        plotArea.setMinSize(200, 160);
        VBox.setVgrow(plotArea, Priority.ALWAYS);
        getChildren().addAll(legend, plotArea);
        canvas.widthProperty().bind(plotArea.widthProperty());
        canvas.heightProperty().bind(plotArea.heightProperty());
        canvas.widthProperty().addListener(_ -> draw());
        canvas.heightProperty().addListener(_ -> draw());
        plotArea.setOnMouseMoved(this::hover);
        plotArea.setOnMouseExited(_ -> {
            cursor = -1;
            readout.setVisible(false);
            draw();
        });
    }

    void show(HistoryTable table) {
        shown = table == null || table.size() == 0 ? null : StackedHistory.of(table);
        cursor = -1;
        readout.setVisible(false);
        legend.getChildren().clear();
        if (shown != null) {
            legend.getChildren().add(chip("Site total", HistoryPalette.TOTAL, true));
            legend.getChildren().add(chip("Budget", HistoryPalette.BUDGET, true));
            for (var layer : shown.layers()) legend.getChildren().add(chip(layer.name(), HistoryPalette.of(layer.colour()), false));
        }
        draw();
    }

    /** What is drawn now (for tests and the readout); null when empty. */
    StackedHistory shown() { return shown; }

    private static Label chip(String name, Color colour, boolean line) {
        var swatch = new Rectangle(line ? 18 : 12, line ? 3 : 12, colour);
        var label = new Label(name, swatch);
        label.getStyleClass().add("legend-entry");
        return label;
    }

    private double plotWidth() { return Math.max(1, canvas.getWidth() - LEFT - RIGHT); }

    private double plotHeight() { return Math.max(1, canvas.getHeight() - TOP - BOTTOM); }

    private double x(int index) {
        var n = shown.size();
        return LEFT + (n <= 1 ? 0 : plotWidth() * index / (n - 1));
    }

    private double y(double kw, double maxKw) { return TOP + plotHeight() * (1 - kw / maxKw); }

    private void draw() {
        var g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (shown == null || canvas.getWidth() < LEFT + RIGHT + 10) return;
        var maxKw = niceCeiling(shown.maxKw() * 1.05);
        axes(g, maxKw);
        var n = shown.size();
        var below = new double[n];
        for (var layer : shown.layers()) {
            g.setFill(HistoryPalette.of(layer.colour()).deriveColor(0, 1, 1, 0.85));
            g.beginPath();
            for (int i = 0; i < n; i++) {
                var top = below[i] + layer.kw()[i];
                if (i == 0) g.moveTo(x(i), y(top, maxKw));
                else g.lineTo(x(i), y(top, maxKw));
            }
            for (int i = n - 1; i >= 0; i--) g.lineTo(x(i), y(below[i], maxKw));
            g.closePath();
            g.fill();
            for (int i = 0; i < n; i++) below[i] += layer.kw()[i];
        }
        line(g, shown.budgetKw(), maxKw, HistoryPalette.BUDGET, 2, new double[] {8, 6});
        line(g, shown.totalKw(), maxKw, HistoryPalette.TOTAL, 2.5, null);
        if (cursor >= 0 && cursor < n) {
            g.setStroke(Color.WHITE.deriveColor(0, 1, 1, 0.6));
            g.setLineWidth(1);
            g.setLineDashes((double[]) null);
            g.strokeLine(x(cursor), TOP, x(cursor), TOP + plotHeight());
        }
    }

    private void line(GraphicsContext g, double[] values, double maxKw, Color colour, double width, double[] dashes) {
        g.setStroke(colour);
        g.setLineWidth(width);
        g.setLineDashes(dashes);
        g.beginPath();
        for (int i = 0; i < values.length; i++) {
            if (i == 0) g.moveTo(x(i), y(values[i], maxKw));
            else g.lineTo(x(i), y(values[i], maxKw));
        }
        g.stroke();
        g.setLineDashes((double[]) null);
    }

    private void axes(GraphicsContext g, double maxKw) {
        g.setFont(Font.font(11));
        g.setLineWidth(1);
        g.setStroke(GRID);
        g.setFill(AXIS_TEXT);
        var step = maxKw / 5;
        for (int i = 0; i <= 5; i++) {
            var kw = step * i;
            var yy = y(kw, maxKw);
            g.strokeLine(LEFT, yy, LEFT + plotWidth(), yy);
            g.fillText(String.format(Locale.ROOT, "%.0f kW", kw), 6, yy + 4);
        }
        var n = shown.size();
        var ticks = Math.max(1, Math.min(8, (int) (plotWidth() / 110)));
        for (int t = 0; t <= ticks; t++) {
            var index = (int) Math.round((n - 1) * t / (double) ticks);
            var xx = x(index);
            g.strokeLine(xx, TOP, xx, TOP + plotHeight());
            g.fillText(TICK.format(shown.starts().get(index)), Math.min(xx - 28, canvas.getWidth() - 70), TOP + plotHeight() + 18);
        }
    }

    private void hover(MouseEvent event) {
        if (shown == null) return;
        var fraction = (event.getX() - LEFT) / plotWidth();
        if (fraction < 0 || fraction > 1) {
            cursor = -1;
            readout.setVisible(false);
            draw();
            return;
        }
        cursor = shown.size() <= 1 ? 0 : (int) Math.round(fraction * (shown.size() - 1));
        readout.setText(TICK.format(shown.starts().get(cursor)) + "\n" + String.join("\n", shown.readout(cursor)));
        readout.autosize();
        // beside the cursor, flipped to its left near the right edge, kept inside the plot
        var left = event.getX() + 14;
        if (left + readout.getWidth() > plotArea.getWidth()) left = event.getX() - 14 - readout.getWidth();
        var top = Math.min(Math.max(0, event.getY() - readout.getHeight() / 2), plotArea.getHeight() - readout.getHeight());
        readout.relocate(Math.max(0, left), Math.max(0, top));
        readout.setVisible(true);
        readout.setAlignment(Pos.TOP_LEFT);
        readout.setPadding(new Insets(8));
        draw();
    }

    private static double niceCeiling(double value) {
        var magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (var m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= value) return m * magnitude;
        }
        return 10 * magnitude;
    }
}
