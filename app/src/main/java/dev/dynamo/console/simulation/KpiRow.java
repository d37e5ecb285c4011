package dev.dynamo.console.simulation;

import java.util.List;

/** One line of the comparison table: a KPI and its value under each strategy, formatted, in column order. */
public record KpiRow(String kpi, List<String> values) {
    public KpiRow {
        values = List.copyOf(values);
    }
}
