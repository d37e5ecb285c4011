package dev.dynamo.contract;

import static dev.dynamo.contract.JsonReading.number;
import static dev.dynamo.contract.JsonReading.quote;

import dev.dynamo.allocation.Phase;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The bodies of contract 9.2 and 9.3: a meter's reading, a charger's meter, an external limit. Each
 * throws an {@link ApiProblem} (400 or 422) naming every field to blame.
 */
public final class GridReaders {
    static final List<String> READING_FIELDS = List.of("power_kw", "current_a", "measured_at");
    static final List<String> CHARGER_METER_FIELDS = List.of("power_kw", "current_a", "energy_kwh", "measured_at");
    static final List<String> LIMIT_FIELDS = List.of("max_power_kw", "valid_until", "reason");
    static final List<String> LIMIT_RESPONSE_FIELDS = List.of("source", "updated_at");
    static final int MAX_REASON_LENGTH = 200;

    private GridReaders() {}

    /** A reading of a meter; values are checked against {@code boundKw} / {@code boundA} (ten times the node). */
    public static MeterReading reading(byte[] body, double boundKw, double boundA) {
        var problems = new Problems();
        var fields = problems.object(JsonReading.readObject(body), "", READING_FIELDS, List.of());
        var powerKw = fields.number("power_kw", true);
        if (powerKw != null && Math.abs(powerKw) > boundKw) {
            problems.broken("power_kw", "must be within ±" + number(boundKw) + " kW (ten times what the node carries)",
                    "power_kw " + number(powerKw) + " is beyond ten times what the node can carry (±" + number(boundKw) + " kW)");
        }
        var currents = currents(fields, boundA, problems);
        var measuredAt = instant(fields, "measured_at", problems);
        problems.throwIfAny();
        return new MeterReading(powerKw, currents, measuredAt);
    }

    /** A charger's meter; {@code boundKw}/{@code boundA} as for OCPP meter values (twice the charger's rating). */
    public static ChargerMeter chargerMeter(byte[] body, double boundKw, double boundA) {
        var problems = new Problems();
        var fields = problems.object(JsonReading.readObject(body), "", CHARGER_METER_FIELDS, List.of());
        var powerKw = fields.number("power_kw", false);
        if (powerKw != null && (powerKw < -1 || powerKw > boundKw)) {
            problems.broken("power_kw", "must be between -1 and " + number(boundKw) + " kW (twice the charger's rating)",
                    "power_kw " + number(powerKw) + " is outside -1–" + number(boundKw) + " kW for this charger");
        }
        var currents = currents(fields, boundA, problems);
        if (currents != null) {
            currents.forEach((phase, amps) -> {
                if (amps < 0) problems.broken("current_a." + phase.name(), "must be 0 or more",
                        "current_a." + phase.name() + " must be 0 or more, not " + number(amps));
            });
        }
        var energyKwh = fields.number("energy_kwh", false);
        if (energyKwh != null && energyKwh < 0) {
            problems.broken("energy_kwh", "must be 0 or more", "energy_kwh must be 0 or more, not " + number(energyKwh));
        }
        var measuredAt = instant(fields, "measured_at", problems);
        if (!problems.any() && powerKw == null && currents == null && energyKwh == null) {
            problems.broken("power_kw", "give power_kw, current_a or energy_kwh",
                    "the meter value holds nothing: give at least one of power_kw, current_a and energy_kwh");
        }
        problems.throwIfAny();
        return new ChargerMeter(powerKw, currents, energyKwh, measuredAt);
    }

    /** An external limit from {@code source} (the path's), received at {@code now}. */
    public static ExternalLimit externalLimit(byte[] body, String source, Instant now) {
        var problems = new Problems();
        if (!Ids.check(source, "source", problems)) {
            problems.throwIfAny();
        }
        var fields = problems.object(JsonReading.readObject(body), "", LIMIT_FIELDS, LIMIT_RESPONSE_FIELDS);
        var bodySource = fields.string("source", false);
        if (bodySource != null && !bodySource.equals(source)) {
            problems.broken("source", "must be " + source + " (the source in the path) or omitted",
                    "source " + quote(bodySource) + " in the body does not match " + quote(source) + " of the path");
        }
        fields.string("updated_at", false); // set by the engine
        var maxPowerKw = fields.number("max_power_kw", true);
        if (maxPowerKw != null && maxPowerKw < 0) {
            problems.broken("max_power_kw", "must be 0 or more", "max_power_kw must be 0 or more, not " + number(maxPowerKw));
        }
        var validUntil = instant(fields, "valid_until", problems);
        if (validUntil != null && !validUntil.isAfter(now)) {
            problems.broken("valid_until", "must be in the future", "valid_until " + Times.format(validUntil)
                    + " is not in the future; lift the limit with DELETE instead");
        }
        var reason = fields.string("reason", false);
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            problems.broken("reason", "must be at most " + MAX_REASON_LENGTH + " characters",
                    "reason is longer than " + MAX_REASON_LENGTH + " characters");
        } else if (reason != null && reason.codePoints().anyMatch(Character::isISOControl)) {
            problems.malformed("reason", "must not contain control characters", "reason contains control characters");
        }
        problems.throwIfAny();
        return new ExternalLimit(source, maxPowerKw, validUntil, reason, now);
    }

    private static Map<Phase, Double> currents(JsonFields fields, double boundA, Problems problems) {
        var value = fields.value("current_a");
        if (value == null) {
            return null;
        }
        var phases = problems.object(value, "current_a", List.of("L1", "L2", "L3"), List.of());
        if (phases == null) {
            return null;
        }
        var currents = new EnumMap<Phase, Double>(Phase.class);
        for (var phase : Phase.values()) {
            var amps = phases.number(phase.name(), false);
            if (amps == null) continue;
            if (Math.abs(amps) > boundA) {
                var field = phases.at(phase.name());
                problems.broken(field, "must be within ±" + number(boundA) + " A (ten times what the node carries)",
                        field + " " + number(amps) + " A is beyond what the node can carry (±" + number(boundA) + " A)");
            }
            currents.put(phase, amps);
        }
        return currents.isEmpty() ? null : currents;
    }

    private static Instant instant(JsonFields fields, String name, Problems problems) {
        var text = fields.string(name, false);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            problems.malformed(name, "must be an ISO 8601 date-time with offset",
                    name + " " + quote(text) + " is not an ISO 8601 date-time with offset (2026-11-24T10:15:30Z)");
            return null;
        }
    }
}
