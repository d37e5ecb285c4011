package dev.dynamo.console.simulation;

import dev.dynamo.console.client.StrategyKpis;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Turns the runs of a comparison into table lines: one per KPI, one value per strategy. */
final class KpiTable {
    private record Line(String kpi, Function<StrategyKpis, String> value) {}

    private static final List<Line> LINES = List.of(
            new Line("Vehicles", k -> Integer.toString(k.vehicles())),
            new Line("Energy requested (kWh)", k -> number(k.requestedKwh(), 1)),
            new Line("Energy delivered (kWh)", k -> number(k.deliveredKwh(), 1)),
            new Line("Delivered / requested", k -> percent(k.requestedKwh() == 0 ? 1 : k.deliveredKwh() / k.requestedKwh())),
            new Line("Fully served", k -> k.fullyServed() + " of " + k.vehicles()),
            new Line("Unmet (kWh)", k -> number(k.unmetKwh(), 1)),
            new Line("Peak (kW)", k -> number(k.peakKw(), 1)),
            new Line("Budget utilisation", k -> percent(k.budgetUtilisation())),
            new Line("Jain fairness", k -> number(k.fairness(), 3)),
            new Line("Longest wait (min)", k -> number(k.longestWaitMin(), 0)),
            new Line("Longest wait without rotation (min)", k -> number(k.longestWaitWithoutRotationMin(), 0)),
            new Line("Decisions", k -> Integer.toString(k.decisions())),
            new Line("Upper bound (kWh)", k -> number(k.upperBoundKwh(), 1)),
            new Line("Delivered / upper bound", k -> percent(k.achievedToUpperBound())));

    private KpiTable() {}

    static List<KpiRow> rows(List<StrategyKpis> runs) {
        if (runs.isEmpty()) return List.of();
        return LINES.stream().map(l -> new KpiRow(l.kpi(), runs.stream().map(l.value()).toList())).toList();
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
