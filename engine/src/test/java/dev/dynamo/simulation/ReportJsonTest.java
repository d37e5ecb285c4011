package dev.dynamo.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynamo.allocation.Allocator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streamed report has the bytes of the document-tree writer it replaced (kept below as the reference). */
class ReportJsonTest {
    @TempDir
    Path dir;

    @Test
    void a_shipped_scenario_under_three_strategies_is_written_as_the_tree_writer_wrote_it() throws Exception {
        var report = new Simulator(Allocator::allocate, 15).compare(Scenarios.shipped("public-hub"),
                List.of(StrategyChoice.scenario(), StrategyChoice.parse("priority"), StrategyChoice.parse("equal:rotation=15")),
                Simulator.Progress.NONE);
        assertThat(report.runs()).allSatisfy(run -> assertThat(run.timeline()).hasSizeGreaterThan(100));
        assertSameBytes(report);
    }

    @Test
    void grid_figures_and_the_planner_bound_are_written_as_before() throws Exception {
        var grid = new Simulator(Allocator::allocate, 15).compare(Scenarios.shipped("office-pv"), List.of(StrategyChoice.scenario()),
                Simulator.Progress.NONE);
        assertThat(grid.runs().getFirst().kpis().grid()).isNotNull();
        assertSameBytes(grid);
        var planner = new Simulator().withPlanner().compare(Scenarios.twoChargers(),
                List.of(StrategyChoice.parse("equal"), StrategyChoice.parse("priority")), Simulator.Progress.NONE);
        assertThat(planner.runs().getFirst().kpis().planner()).isNotNull();
        assertSameBytes(planner);
    }

    @Test
    void figures_not_computed_missing_values_odd_text_and_empty_lists_are_written_as_before() throws Exception {
        var at = Instant.parse("2026-03-01T08:00:00.123456Z");
        var kpis = new Kpis(2, 30.00001, 1e7 / 3, 0, 1, 0.5, Double.NaN, 12.5, 1234567.891, 100, 0.99995, 7, Double.NaN, 0,
                Double.NaN, new Kpis.Grid(-0.00001, 3, 42, Double.POSITIVE_INFINITY), 1e-9, null);
        var vehicles = List.of(
                new RunResult.VehicleOutcome("Ünïcode \"quoted\"\ttab \uD83D\uDE97", null, at, at.plusSeconds(3600), 15, 0,
                        false, 0, 0, null, null),
                new RunResult.VehicleOutcome("B", "CP-1", at, at.plusSeconds(7200), 15, 15.00004, true, 59.99999, 1e-5,
                        at.plusSeconds(60), "energy_delivered"));
        var timeline = List.of(new RunResult.TimelinePoint(at, 22, 11.00005, 10.99995, 1, 0, 0),
                new RunResult.TimelinePoint(at.plusMillis(1), Double.NaN, 0, -0.0, 0, 1, 2));
        var report = new SimulationReport("Depot – nuit", Long.MIN_VALUE, at, at.plusSeconds(86_400), 2, List.of(
                new RunResult("equal:rotation=15", kpis, vehicles, timeline),
                new RunResult("empty", kpis.withGrid(null), List.of(), List.of())));
        assertSameBytes(report);
        assertSameBytes(new SimulationReport("none", 0, at, at, 0, List.of()));
    }

    private void assertSameBytes(SimulationReport report) throws Exception {
        var expected = (TreeWriter.write(report)).getBytes(StandardCharsets.UTF_8);
        var file = dir.resolve("report.json");
        ReportJson.write(report, file);
        assertThat(Files.readString(file)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
        assertThat(ReportJson.write(report).getBytes(StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    /** The writer before the report was streamed (commit f916a3b): the whole report as a Jackson tree, then one String. */
    private static final class TreeWriter {
        private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

        static String write(SimulationReport report) throws Exception {
            var root = MAPPER.createObjectNode();
            root.put("scenario", report.scenario());
            root.put("seed", report.seed());
            root.put("start", ReportJson.time(report.start()));
            root.put("end", ReportJson.time(report.end()));
            root.put("vehicles", report.vehicles());
            var runs = root.putArray("runs");
            for (var run : report.runs()) {
                var node = runs.addObject();
                node.put("strategy", run.strategy());
                kpis(node.putObject("kpis"), run.kpis());
                var vehicles = node.putArray("vehicles");
                for (var v : run.vehicles()) {
                    var o = vehicles.addObject();
                    o.put("vehicle_id", v.vehicleId());
                    o.put("charge_point_id", v.chargePointId());
                    o.put("arrival", ReportJson.time(v.arrival()));
                    o.put("departure", ReportJson.time(v.departure()));
                    o.put("requested_kwh", ReportJson.round(v.requestedKwh()));
                    o.put("delivered_kwh", ReportJson.round(v.deliveredKwh()));
                    o.put("fully_served", v.fullyServed());
                    o.put("longest_wait_min", ReportJson.round(v.longestWaitMin()));
                    o.put("total_wait_min", ReportJson.round(v.totalWaitMin()));
                    o.put("ended_at", v.endedAt() == null ? null : ReportJson.time(v.endedAt()));
                    o.put("end_reason", v.endReason());
                }
                var timeline = node.putArray("timeline");
                for (var p : run.timeline()) {
                    var o = timeline.addObject();
                    o.put("at", ReportJson.time(p.at()));
                    o.put("budget_kw", ReportJson.round(p.budgetKw()));
                    o.put("allocated_kw", ReportJson.round(p.allocatedKw()));
                    o.put("draw_kw", ReportJson.round(p.drawKw()));
                    o.put("charging", p.charging());
                    o.put("queued", p.queued());
                    o.put("waiting_for_charger", p.waitingForCharger());
                }
            }
            return MAPPER.writeValueAsString(root) + "\n";
        }

        private static void kpis(ObjectNode node, Kpis k) {
            node.put("vehicles", k.vehicles());
            node.put("requested_kwh", ReportJson.round(k.requestedKwh()));
            node.put("delivered_kwh", ReportJson.round(k.deliveredKwh()));
            node.put("unmet_kwh", ReportJson.round(k.unmetKwh()));
            node.put("fully_served", k.fullyServed());
            node.put("fairness_jain", ReportJson.round(k.fairness()));
            node.put("longest_wait_min", ReportJson.round(k.longestWaitMin()));
            node.put("longest_wait_without_rotation_min", ReportJson.round(k.longestWaitWithoutRotationMin()));
            node.put("peak_kw", ReportJson.round(k.peakKw()));
            if (k.grid() != null) {
                node.put("peak_grid_import_kw", ReportJson.round(k.grid().peakGridImportKw()));
                node.put("capacity_breaches", k.grid().capacityBreaches());
                node.put("static_budget_kw", ReportJson.round(k.grid().staticBudgetKw()));
                node.put("delivered_without_meter_kwh", ReportJson.round(k.grid().deliveredWithoutMeterKwh()));
            }
            node.put("budget_kwh", ReportJson.round(k.budgetKwh()));
            node.put("budget_utilisation", ReportJson.round(k.budgetUtilisation()));
            node.put("decisions", k.decisions());
            node.put("upper_bound_kwh", ReportJson.round(k.upperBoundKwh()));
            node.put("upper_bound_slot_min", k.upperBoundSlotMin());
            node.put("achieved_to_upper_bound", ReportJson.round(k.achievedToUpperBound()));
            node.put("worst_short_kwh", ReportJson.round(k.worstShortKwh()));
            if (k.planner() == null) {
                node.putNull("planner");
            } else {
                node.putObject("planner").put("most_full", k.planner().mostFull()).put("method", k.planner().method())
                        .put("least_short_kwh", ReportJson.round(k.planner().leastShortKwh())).put("slot_min", k.planner().slotMinutes());
            }
            node.put("full_to_planner", ReportJson.round(k.fullToPlanner()));
        }
    }
}
