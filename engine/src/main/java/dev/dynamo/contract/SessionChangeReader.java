package dev.dynamo.contract;

import static dev.dynamo.contract.JsonReading.quote;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Reads the body of {@code PATCH /api/v1/sites/{site_id}/chargers/{charge_point_id}/session} (contract 10):
 * {@code energy_needed_kwh} (&gt; 0) and {@code departure_at} (a future instant); an absent field stays as it
 * is, a JSON {@code null} clears it. A wrong type or an unparsable time is a 400, a value out of range a 422.
 */
public final class SessionChangeReader {
    static final List<String> FIELDS = List.of("energy_needed_kwh", "departure_at");

    private SessionChangeReader() {}

    public static SessionChange read(byte[] body, String chargePointId, Instant now) {
        var problems = new Problems();
        var fields = problems.object(JsonReading.readObject(body), "", FIELDS, List.of());
        if (fields == null) throw problems.toProblem();
        var where = " (charger " + chargePointId + ")";
        var energy = SessionStartReader.positive(fields, "energy_needed_kwh", where, problems);
        var departure = departure(fields, now, where, problems);
        problems.throwIfAny();
        return new SessionChange(fields.present("energy_needed_kwh"), energy, fields.present("departure_at"), departure);
    }

    /** {@code departure_at} of a session body: null when not given; a time not after {@code now} is a 422. */
    static Instant departure(JsonFields fields, Instant now, String where, Problems problems) {
        var text = fields.string("departure_at", false);
        if (text == null) return null;
        var field = fields.at("departure_at");
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            problems.malformed(field, "must be an ISO 8601 date-time with offset",
                    field + " " + quote(text) + " is not an ISO 8601 date-time with offset (such as 2026-11-24T05:30:00Z)" + where);
            return null;
        }
        if (!at.isAfter(now)) {
            problems.broken(field, "must be in the future",
                    field + " " + quote(text) + " is not in the future" + where);
            return null;
        }
        return at;
    }
}
