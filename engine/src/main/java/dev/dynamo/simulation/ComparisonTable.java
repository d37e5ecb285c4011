package dev.dynamo.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The runs of a report side by side: one row per KPI, one column per strategy. */
public final class ComparisonTable {
    private record Row(String name, Function<Kpis, String> value) {}

    private static final List<Row> ROWS = List.of(
            new Row("vehicles", k -> Integer.toString(k.vehicles())),
            new Row("requested kWh", k -> number(k.requestedKwh(), 1)),
            new Row("delivered kWh", k -> number(k.deliveredKwh(), 1)),
            new Row("unmet kWh", k -> number(k.unmetKwh(), 1)),
            new Row("fully served", k -> k.fullyServed() + " / " + k.vehicles()),
            new Row("fairness (Jain)", k -> number(k.fairness(), 3)),
            new Row("longest wait min", k -> number(k.longestWaitMin(), 1)),
            new Row("  without rotation", k -> number(k.longestWaitWithoutRotationMin(), 1)),
            new Row("peak kW", k -> number(k.peakKw(), 1)),
            new Row("budget utilisation", k -> percent(k.budgetUtilisation())),
            new Row("decisions", k -> Integer.toString(k.decisions())),
            new Row("upper bound kWh", k -> number(k.upperBoundKwh(), 1)),
            new Row("  LP slot min", k -> Integer.toString(k.upperBoundSlotMin())),
            new Row("achieved / bound", k -> percent(k.achievedToUpperBound())));

    /** With building loads on the site's meters (contract 9). */
    private static final List<Row> GRID_ROWS = List.of(
            new Row("peak grid import kW", k -> k.grid() == null ? "" : number(k.grid().peakGridImportKw(), 1)),
            new Row("capacity breaches", k -> k.grid() == null ? "" : Integer.toString(k.grid().capacityBreaches())),
            new Row("static budget kW", k -> k.grid() == null ? "" : number(k.grid().staticBudgetKw(), 1)),
            new Row("  delivered kWh", k -> k.grid() == null ? "" : number(k.grid().deliveredWithoutMeterKwh(), 1)));

    private ComparisonTable() {}

    public static String format(SimulationReport report) {
        var header = new ArrayList<String>();
        header.add(report.scenario());
        report.runs().forEach(r -> header.add(r.strategy()));
        var lines = new ArrayList<List<String>>();
        lines.add(header);
        var rows = new ArrayList<>(ROWS);
        if (report.runs().stream().anyMatch(r -> r.kpis().grid() != null)) rows.addAll(GRID_ROWS);
        for (var row : rows) {
            var line = new ArrayList<String>();
            line.add(row.name());
            report.runs().forEach(r -> line.add(row.value().apply(r.kpis())));
            lines.add(line);
        }
        var widths = new int[header.size()];
        for (var line : lines) for (int i = 0; i < line.size(); i++) widths[i] = Math.max(widths[i], line.get(i).length());
        var out = new StringBuilder();
        for (int n = 0; n < lines.size(); n++) {
            var line = lines.get(n);
            for (int i = 0; i < line.size(); i++) {
                var cell = line.get(i);
                out.append(i == 0 ? pad(cell, widths[i], false) : "  " + pad(cell, widths[i], true));
            }
            out.append('\n');
            if (n == 0) out.append("-".repeat(out.length() - 1)).append('\n');
        }
        return out.toString();
    }

    private static String pad(String text, int width, boolean right) {
        var space = " ".repeat(width - text.length());
        return right ? space + text : text + space;
    }

    private static String number(double value, int decimals) { return String.format(Locale.ROOT, "%." + decimals + "f", value); }

    private static String percent(double ratio) { return String.format(Locale.ROOT, "%.1f%%", ratio * 100); }
}
