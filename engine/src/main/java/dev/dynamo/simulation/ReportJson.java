package dev.dynamo.simulation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The report as JSON (snake_case, times in UTC with milliseconds, numbers to 4 decimals): same run, same bytes. */
public final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private ReportJson() {}

    public static String write(SimulationReport report) {
        var root = MAPPER.createObjectNode();
        root.put("scenario", report.scenario());
        root.put("seed", report.seed());
        root.put("start", time(report.start()));
        root.put("end", time(report.end()));
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
                o.put("arrival", time(v.arrival()));
                o.put("departure", time(v.departure()));
                o.put("requested_kwh", round(v.requestedKwh()));
                o.put("delivered_kwh", round(v.deliveredKwh()));
                o.put("fully_served", v.fullyServed());
                o.put("longest_wait_min", round(v.longestWaitMin()));
                o.put("total_wait_min", round(v.totalWaitMin()));
                o.put("ended_at", v.endedAt() == null ? null : time(v.endedAt()));
                o.put("end_reason", v.endReason());
            }
            var timeline = node.putArray("timeline");
            for (var p : run.timeline()) {
                var o = timeline.addObject();
                o.put("at", time(p.at()));
                o.put("budget_kw", round(p.budgetKw()));
                o.put("allocated_kw", round(p.allocatedKw()));
                o.put("draw_kw", round(p.drawKw()));
                o.put("charging", p.charging());
                o.put("queued", p.queued());
                o.put("waiting_for_charger", p.waitingForCharger());
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void kpis(ObjectNode node, Kpis k) {
        node.put("vehicles", k.vehicles());
        node.put("requested_kwh", round(k.requestedKwh()));
        node.put("delivered_kwh", round(k.deliveredKwh()));
        node.put("unmet_kwh", round(k.unmetKwh()));
        node.put("fully_served", k.fullyServed());
        node.put("fairness_jain", round(k.fairness()));
        node.put("longest_wait_min", round(k.longestWaitMin()));
        node.put("longest_wait_without_rotation_min", round(k.longestWaitWithoutRotationMin()));
        node.put("peak_kw", round(k.peakKw()));
        if (k.grid() != null) {
            node.put("peak_grid_import_kw", round(k.grid().peakGridImportKw()));
            node.put("capacity_breaches", k.grid().capacityBreaches());
            node.put("static_budget_kw", round(k.grid().staticBudgetKw()));
            node.put("delivered_without_meter_kwh", round(k.grid().deliveredWithoutMeterKwh()));
        }
        node.put("budget_kwh", round(k.budgetKwh()));
        node.put("budget_utilisation", round(k.budgetUtilisation()));
        node.put("decisions", k.decisions());
        node.put("upper_bound_kwh", round(k.upperBoundKwh()));
        node.put("upper_bound_slot_min", k.upperBoundSlotMin());
        node.put("achieved_to_upper_bound", round(k.achievedToUpperBound()));
    }

    static String time(Instant instant) { return TIME.format(instant.truncatedTo(ChronoUnit.MILLIS)); }

    /** null for a figure not computed (NaN: a run without its upper bound). */
    static BigDecimal round(double value) {
        if (!Double.isFinite(value)) return null;
        var rounded = BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN);
        return rounded.signum() == 0 ? BigDecimal.ZERO : rounded.stripTrailingZeros();
    }
}
