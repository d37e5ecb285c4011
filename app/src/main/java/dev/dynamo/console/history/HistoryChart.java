package dev.dynamo.console.history;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

/**
 * Per-charger allocation as lines (the chargers that received the most energy), with the site total
 * and the budget as heavier lines, and a readout of every value under the mouse.
 */
final class HistoryChart extends StackPane {
    static final int CHARGER_LINES = 8;
    /** More points than pixels only costs time: long ranges are averaged down for drawing. */
    static final int MAX_POINTS = 600;
    private static final DateTimeFormatter TICK = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final NumberAxis timeAxis = new NumberAxis();
    private final NumberAxis kwAxis = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(timeAxis, kwAxis);
    private final Label readout = new Label();
    private HistoryTable table;

    HistoryChart() {
        setId("history-chart");
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        timeAxis.setForceZeroInRange(false);
        timeAxis.setAutoRanging(false);
        timeAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number epochSecond) {
                return TICK.format(Instant.ofEpochSecond(epochSecond.longValue()));
            }

            @Override
            public Number fromString(String text) { return 0; }
        });
        kwAxis.setLabel("kW");
        readout.getStyleClass().add("hover-readout");
        readout.setId("history-readout");
        readout.setVisible(false);
        readout.setMouseTransparent(true);
        StackPane.setAlignment(readout, Pos.TOP_LEFT);
        getChildren().addAll(chart, readout);
        chart.setOnMouseMoved(this::hover);
        chart.setOnMouseExited(_ -> readout.setVisible(false));
    }

    void show(HistoryTable shown) {
        table = shown;
        chart.getData().clear();
        if (shown == null || shown.size() == 0) return;
        var first = shown.starts().getFirst().getEpochSecond();
        var last = shown.starts().getLast().getEpochSecond();
        timeAxis.setLowerBound(first);
        timeAxis.setUpperBound(Math.max(last, first + 60));
        timeAxis.setTickUnit(Math.max(60, (last - first) / 8.0));
        var series = new ArrayList<XYChart.Series<Number, Number>>();
        for (var id : shown.chargersByEnergy().stream().limit(CHARGER_LINES).toList()) {
            series.add(series(id, shown, shown.chargerKw().get(id)));
        }
        var total = series("Site total", shown, shown.totalKw());
        var budget = series("Budget", shown, shown.budgetKw());
        series.add(total);
        series.add(budget);
        chart.getData().setAll(series);
        styleLine(total, "series-total");
        styleLine(budget, "series-budget");
    }

    private static XYChart.Series<Number, Number> series(String name, HistoryTable table, double[] values) {
        var series = new XYChart.Series<Number, Number>();
        series.setName(name);
        var step = Math.max(1, (int) Math.ceil(table.size() / (double) MAX_POINTS));
        var points = new ArrayList<XYChart.Data<Number, Number>>();
        for (int i = 0; i < table.size(); i += step) {
            var sum = 0.0;
            var n = 0;
            for (int j = i; j < Math.min(table.size(), i + step); j++, n++) sum += values[j];
            points.add(new XYChart.Data<>(table.starts().get(i).getEpochSecond(), sum / n));
        }
        series.getData().setAll(points);
        return series;
    }

    private static void styleLine(XYChart.Series<Number, Number> series, String styleClass) {
        Node line = series.getNode();
        if (line != null) line.getStyleClass().add(styleClass);
    }

    private void hover(MouseEvent event) {
        if (table == null || table.size() == 0) return;
        var plot = chart.lookup(".chart-plot-background");
        if (plot == null) return;
        var inPlot = plot.sceneToLocal(event.getSceneX(), event.getSceneY());
        if (inPlot.getX() < 0 || inPlot.getX() > plot.getBoundsInLocal().getWidth()) {
            readout.setVisible(false);
            return;
        }
        var inAxis = timeAxis.sceneToLocal(event.getSceneX(), event.getSceneY());
        var epochSecond = timeAxis.getValueForDisplay(inAxis.getX()).longValue();
        readout.setText(readoutAt(table, epochSecond));
        readout.setVisible(true);
    }

    /** The values of the bucket that contains {@code epochSecond}, one per line. */
    static String readoutAt(HistoryTable table, long epochSecond) {
        var index = 0;
        while (index + 1 < table.size() && table.starts().get(index + 1).getEpochSecond() <= epochSecond) index++;
        var text = new StringBuilder(TICK.format(table.starts().get(index)));
        text.append(String.format(Locale.ROOT, "%n%-12s %8.1f kW%n%-12s %8.1f kW", "Site total",
                table.totalKw()[index], "Budget", table.budgetKw()[index]));
        for (var id : table.chargersByEnergy().stream().limit(CHARGER_LINES).toList()) {
            text.append(String.format(Locale.ROOT, "%n%-12s %8.1f kW", id, table.chargerKw().get(id)[index]));
        }
        return text.toString();
    }
}
