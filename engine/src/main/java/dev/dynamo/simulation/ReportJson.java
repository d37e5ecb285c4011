package dev.dynamo.simulation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The report as JSON (snake_case, times in UTC with milliseconds, numbers to 4 decimals): same run, same bytes.
 * Written as a stream, one vehicle or timeline point at a time: a year of a large site has millions of them, and
 * the report's memory is then all it takes (a document tree or one String of it ran out of heap).
 */
public final class ReportJson {
    /** Pretty-printed by Jackson's default printer, big decimals plain: the format the report has always had. */
    private static final ObjectWriter WRITER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).writer();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    private static final int BUFFER_CHARS = 1 << 16;

    private ReportJson() {}

    /** Writes the report to {@code file} (created or replaced) as UTF-8, streamed through a buffer. */
    public static void write(SimulationReport report, Path file) throws IOException {
        try (var out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), BUFFER_CHARS)) {
            write(report, out);
        }
    }

    /**
     * Writes the report to {@code out} and flushes it; {@code out} stays open. Through a Writer, as the tree
     * writer's String was made: the same characters whatever the text (Jackson's UTF-8 generator would escape
     * characters beyond the BMP).
     */
    public static void write(SimulationReport report, Writer out) throws IOException {
        try (var json = WRITER.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            report(json, report);
            json.writeRaw('\n');
        }
        out.flush();
    }

    /** The report as one String: for small reports (tests); a long run's goes to a file, {@link #write(SimulationReport, Path)}. */
    public static String write(SimulationReport report) {
        var text = new StringWriter();
        try {
            write(report, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void report(JsonGenerator json, SimulationReport report) throws IOException {
        json.writeStartObject();
        json.writeStringField("scenario", report.scenario());
        json.writeNumberField("seed", report.seed());
        json.writeStringField("start", time(report.start()));
        json.writeStringField("end", time(report.end()));
        json.writeNumberField("vehicles", report.vehicles());
        json.writeArrayFieldStart("runs");
        for (var run : report.runs()) {
            json.writeStartObject();
            json.writeStringField("strategy", run.strategy());
            json.writeObjectFieldStart("kpis");
            kpis(json, run.kpis());
            json.writeEndObject();
            json.writeArrayFieldStart("vehicles");
            for (var v : run.vehicles()) {
                json.writeStartObject();
                json.writeStringField("vehicle_id", v.vehicleId());
                json.writeStringField("charge_point_id", v.chargePointId());
                json.writeStringField("arrival", time(v.arrival()));
                json.writeStringField("departure", time(v.departure()));
                number(json, "requested_kwh", v.requestedKwh());
                number(json, "delivered_kwh", v.deliveredKwh());
                json.writeBooleanField("fully_served", v.fullyServed());
                number(json, "longest_wait_min", v.longestWaitMin());
                number(json, "total_wait_min", v.totalWaitMin());
                json.writeStringField("ended_at", v.endedAt() == null ? null : time(v.endedAt()));
                json.writeStringField("end_reason", v.endReason());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("timeline");
            for (var p : run.timeline()) {
                json.writeStartObject();
                json.writeStringField("at", time(p.at()));
                number(json, "budget_kw", p.budgetKw());
                number(json, "allocated_kw", p.allocatedKw());
                number(json, "draw_kw", p.drawKw());
                json.writeNumberField("charging", p.charging());
                json.writeNumberField("queued", p.queued());
                json.writeNumberField("waiting_for_charger", p.waitingForCharger());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void kpis(JsonGenerator json, Kpis k) throws IOException {
        json.writeNumberField("vehicles", k.vehicles());
        number(json, "requested_kwh", k.requestedKwh());
        number(json, "delivered_kwh", k.deliveredKwh());
        number(json, "unmet_kwh", k.unmetKwh());
        json.writeNumberField("fully_served", k.fullyServed());
        number(json, "fairness_jain", k.fairness());
        number(json, "longest_wait_min", k.longestWaitMin());
        number(json, "longest_wait_without_rotation_min", k.longestWaitWithoutRotationMin());
        number(json, "peak_kw", k.peakKw());
        if (k.grid() != null) {
            number(json, "peak_grid_import_kw", k.grid().peakGridImportKw());
            json.writeNumberField("capacity_breaches", k.grid().capacityBreaches());
            number(json, "static_budget_kw", k.grid().staticBudgetKw());
            number(json, "delivered_without_meter_kwh", k.grid().deliveredWithoutMeterKwh());
        }
        number(json, "budget_kwh", k.budgetKwh());
        number(json, "budget_utilisation", k.budgetUtilisation());
        json.writeNumberField("decisions", k.decisions());
        number(json, "upper_bound_kwh", k.upperBoundKwh());
        json.writeNumberField("upper_bound_slot_min", k.upperBoundSlotMin());
        number(json, "achieved_to_upper_bound", k.achievedToUpperBound());
        number(json, "worst_short_kwh", k.worstShortKwh());
        if (k.planner() == null) {
            json.writeNullField("planner");
        } else {
            json.writeObjectFieldStart("planner");
            json.writeNumberField("most_full", k.planner().mostFull());
            json.writeStringField("method", k.planner().method());
            number(json, "least_short_kwh", k.planner().leastShortKwh());
            json.writeNumberField("slot_min", k.planner().slotMinutes());
            json.writeEndObject();
        }
        number(json, "full_to_planner", k.fullToPlanner());
    }

    /** A figure rounded to 4 decimals, or null when not computed ({@link #round}). */
    private static void number(JsonGenerator json, String name, double value) throws IOException {
        var rounded = round(value);
        if (rounded == null) json.writeNullField(name);
        else json.writeNumberField(name, rounded);
    }

    static String time(Instant instant) { return TIME.format(instant.truncatedTo(ChronoUnit.MILLIS)); }

    /** null for a figure not computed (NaN: a run without its upper bound). */
    static BigDecimal round(double value) {
        if (!Double.isFinite(value)) return null;
        var rounded = BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN);
        return rounded.signum() == 0 ? BigDecimal.ZERO : rounded.stripTrailingZeros();
    }
}
