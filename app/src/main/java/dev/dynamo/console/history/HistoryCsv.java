package dev.dynamo.console.history;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/** CSV export: one row per bucket, UTC start, site total, budget, then one column per charger (kW). */
final class HistoryCsv {
    private HistoryCsv() {}

    static void write(HistoryTable table, Writer out) throws IOException {
        out.write("start_utc,total_allocated_kw,budget_kw");
        for (var id : table.chargerKw().keySet()) out.write("," + quote(id));
        out.write("\n");
        for (int i = 0; i < table.size(); i++) {
            out.write(table.starts().get(i).toString());
            out.write("," + kw(table.totalKw()[i]) + "," + kw(table.budgetKw()[i]));
            for (var values : table.chargerKw().values()) out.write("," + kw(values[i]));
            out.write("\n");
        }
    }

    private static String kw(double value) { return String.format(Locale.ROOT, "%.2f", value); }

    private static String quote(String id) {
        return id.contains(",") || id.contains("\"") ? "\"" + id.replace("\"", "\"\"") + "\"" : id;
    }
}
