package dev.dynamo.ocpp.v16;

import java.util.Set;

/**
 * {@code SetChargingProfile.req} written straight to JSON text: the same JSON the payload mapper writes for
 * {@link SetChargingProfile.Request} (absent fields left out, date-times as ISO 8601 instants), without its
 * reflective serialiser. A burst of decisions sends one per charger, and this is the hot path of the engine.
 */
public final class ChargingProfileJson {
    private ChargingProfileJson() {}

    /** Appends the request's JSON text: in place in the CALL frame that carries it (no text of its own to copy). */
    public static void write(SetChargingProfile.Request request, StringBuilder json) {
        var p = request.csChargingProfiles();
        var s = p.chargingSchedule();
        json.append("{\"connectorId\":").append(request.connectorId())
                .append(",\"csChargingProfiles\":{\"chargingProfileId\":").append(p.chargingProfileId());
        if (p.transactionId() != null) json.append(",\"transactionId\":").append(p.transactionId().intValue());
        json.append(",\"stackLevel\":").append(p.stackLevel())
                .append(",\"chargingProfilePurpose\":\"").append(p.chargingProfilePurpose().name())
                .append("\",\"chargingProfileKind\":\"").append(p.chargingProfileKind().name()).append('"');
        if (p.recurrencyKind() != null) json.append(",\"recurrencyKind\":\"").append(p.recurrencyKind().name()).append('"');
        if (p.validFrom() != null) InstantText.append(json.append(",\"validFrom\":\""), p.validFrom()).append('"');
        if (p.validTo() != null) InstantText.append(json.append(",\"validTo\":\""), p.validTo()).append('"');
        json.append(",\"chargingSchedule\":{");
        if (s.duration() != null) json.append("\"duration\":").append(s.duration().intValue()).append(',');
        if (s.startSchedule() != null) InstantText.append(json.append("\"startSchedule\":\""), s.startSchedule()).append("\",");
        json.append("\"chargingRateUnit\":\"").append(s.chargingRateUnit().name()).append("\",\"chargingSchedulePeriod\":[");
        var first = true;
        for (var period : s.chargingSchedulePeriod()) {
            if (!first) json.append(',');
            first = false;
            json.append("{\"startPeriod\":").append(period.startPeriod()).append(",\"limit\":").append(period.limit());
            if (period.numberPhases() != null) json.append(",\"numberPhases\":").append(period.numberPhases().intValue());
            json.append('}');
        }
        json.append(']');
        if (s.minChargingRate() != null) json.append(",\"minChargingRate\":").append(s.minChargingRate().doubleValue());
        json.append("}}}");
    }

    private static final Set<String> STATUSES = Set.of("Accepted", "Rejected", "NotSupported");

    /**
     * The status of a {@code SetChargingProfile.conf} of the one shape chargers send, {@code {"status": "…"}} with
     * a known status; null for any other payload, which the full reading checks and answers.
     */
    public static SetChargingProfile.Status statusOf(com.fasterxml.jackson.databind.JsonNode payload) {
        if (payload == null || !payload.isObject() || payload.size() != 1) return null;
        var status = payload.get("status");
        if (status == null || !status.isTextual() || !STATUSES.contains(status.textValue())) return null;
        return SetChargingProfile.Status.valueOf(status.textValue());
    }
}
