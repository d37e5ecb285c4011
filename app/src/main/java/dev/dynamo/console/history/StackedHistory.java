package dev.dynamo.console.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the history chart draws: stacked areas, bottom up — the other load (when metered), the ten chargers
 * that received the most energy (largest lowest), then the rest summed as "Others" — and the site total and
 * the budget as lines. Long ranges are averaged down to at most {@link #MAX_POINTS} points.
 */
record StackedHistory(List<Instant> starts, List<Layer> layers, double[] totalKw, double[] budgetKw) {
    static final int TOP_CHARGERS = 10;
    static final int MAX_POINTS = 600;
    static final String OTHERS = "Others";
    static final String OTHER_LOAD = "Other load";

    /** One stacked series; {@code colour} indexes the chart's palette. */
    record Layer(String name, double[] kw, int colour) {}

    static StackedHistory of(HistoryTable table) {
        var step = Math.max(1, (int) Math.ceil(table.size() / (double) MAX_POINTS));
        var starts = new ArrayList<Instant>();
        for (int i = 0; i < table.size(); i += step) starts.add(table.starts().get(i));
        var layers = new ArrayList<Layer>();
        if (table.otherLoadKw() != null) layers.add(new Layer(OTHER_LOAD, average(table.otherLoadKw(), step), HistoryPalette.OTHER_LOAD));
        var ranked = table.chargersByEnergy();
        for (int i = 0; i < Math.min(TOP_CHARGERS, ranked.size()); i++) {
            layers.add(new Layer(ranked.get(i), average(table.chargerKw().get(ranked.get(i)), step), i));
        }
        if (ranked.size() > TOP_CHARGERS) {
            var rest = new double[table.size()];
            for (var id : ranked.subList(TOP_CHARGERS, ranked.size())) {
                var kw = table.chargerKw().get(id);
                for (int i = 0; i < rest.length; i++) rest[i] += kw[i];
            }
            layers.add(new Layer(OTHERS + " (" + (ranked.size() - TOP_CHARGERS) + ")", average(rest, step), HistoryPalette.OTHERS));
        }
        return new StackedHistory(List.copyOf(starts), List.copyOf(layers), average(table.totalKw(), step),
                average(table.budgetKw(), step));
    }

    int size() { return starts.size(); }

    /** The top of the stack at each point. */
    double stackTop(int index) {
        var sum = 0.0;
        for (var layer : layers) sum += layer.kw()[index];
        return sum;
    }

    /** The highest value anything reaches: the y axis goes that far. */
    double maxKw() {
        var max = 1.0;
        for (int i = 0; i < size(); i++) max = Math.max(max, Math.max(stackTop(i), Math.max(totalKw[i], budgetKw[i])));
        return max;
    }

    /** Index of the point in force at {@code at} (the last one starting at or before it). */
    int indexAt(Instant at) {
        var index = 0;
        while (index + 1 < size() && !starts.get(index + 1).isAfter(at)) index++;
        return index;
    }

    /** The values at a point, one per line: total, budget, then the layers from the top of the stack down. */
    List<String> readout(int index) {
        var lines = new ArrayList<String>();
        lines.add(line("Site total", totalKw[index]));
        lines.add(line("Budget", budgetKw[index]));
        for (int i = layers.size() - 1; i >= 0; i--) lines.add(line(layers.get(i).name(), layers.get(i).kw()[index]));
        return lines;
    }

    private static String line(String name, double kw) {
        return String.format(Locale.ROOT, "%-14s %7.1f kW", name, kw);
    }

    private static double[] average(double[] values, int step) {
        var out = new double[(values.length + step - 1) / step];
        for (int i = 0, o = 0; i < values.length; i += step, o++) {
            var sum = 0.0;
            var n = 0;
            for (int j = i; j < Math.min(values.length, i + step); j++, n++) sum += values[j];
            out[o] = sum / n;
        }
        return out;
    }
}
