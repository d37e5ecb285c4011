package dev.dynamo.simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The report as CSV files in a directory: {@code summary.csv} (one row of KPIs per strategy), and per
 * strategy {@code <strategy>-vehicles.csv} and {@code <strategy>-timeline.csv}, each streamed row by row
 * (a year's timeline has millions of rows).
 */
public final class ReportCsv {
    private ReportCsv() {}

    public static List<Path> write(SimulationReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        var written = new ArrayList<Path>();
        var summary = new StringBuilder("strategy,vehicles,requested_kwh,delivered_kwh,unmet_kwh,fully_served,fairness_jain,"
                + "longest_wait_min,longest_wait_without_rotation_min,peak_kw,budget_kwh,budget_utilisation,decisions,"
                + "upper_bound_kwh,upper_bound_slot_min,achieved_to_upper_bound\n");
        for (var run : report.runs()) {
            var k = run.kpis();
            summary.append(String.join(",", quote(run.strategy()), Integer.toString(k.vehicles()), n(k.requestedKwh()),
                    n(k.deliveredKwh()), n(k.unmetKwh()), Integer.toString(k.fullyServed()), n(k.fairness()),
                    n(k.longestWaitMin()), n(k.longestWaitWithoutRotationMin()), n(k.peakKw()), n(k.budgetKwh()),
                    n(k.budgetUtilisation()), Integer.toString(k.decisions()), n(k.upperBoundKwh()),
                    Integer.toString(k.upperBoundSlotMin()), n(k.achievedToUpperBound()))).append('\n');
            var name = fileName(run.strategy());
            var vehicles = dir.resolve(name + "-vehicles.csv");
            try (var w = Files.newBufferedWriter(vehicles)) {
                w.write("vehicle_id,charge_point_id,arrival,departure,requested_kwh,delivered_kwh,"
                        + "fully_served,longest_wait_min,total_wait_min,ended_at,end_reason\n");
                for (var v : run.vehicles()) {
                    w.write(String.join(",", quote(v.vehicleId()), v.chargePointId() == null ? "" : quote(v.chargePointId()),
                            ReportJson.time(v.arrival()), ReportJson.time(v.departure()), n(v.requestedKwh()), n(v.deliveredKwh()),
                            Boolean.toString(v.fullyServed()), n(v.longestWaitMin()), n(v.totalWaitMin()),
                            v.endedAt() == null ? "" : ReportJson.time(v.endedAt()), v.endReason() == null ? "" : v.endReason()));
                    w.write('\n');
                }
            }
            written.add(vehicles);
            var timeline = dir.resolve(name + "-timeline.csv");
            try (var w = Files.newBufferedWriter(timeline)) {
                w.write("at,budget_kw,allocated_kw,draw_kw,charging,queued,waiting_for_charger\n");
                for (var p : run.timeline()) {
                    w.write(String.join(",", ReportJson.time(p.at()), n(p.budgetKw()), n(p.allocatedKw()), n(p.drawKw()),
                            Integer.toString(p.charging()), Integer.toString(p.queued()), Integer.toString(p.waitingForCharger())));
                    w.write('\n');
                }
            }
            written.add(timeline);
        }
        written.addFirst(Files.writeString(dir.resolve("summary.csv"), summary));
        return written;
    }

    static String fileName(String strategy) { return strategy.replaceAll("[^A-Za-z0-9_-]", "-"); }

    private static String n(double value) {
        var rounded = ReportJson.round(value);
        return rounded == null ? "" : rounded.toPlainString();
    }

    private static String quote(String text) {
        return text.matches("[^,\"\\n]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
