package dev.dynamo.console.client;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code PATCH …/session} (contract 10): only the fields given are sent; a given field with a
 * null value is sent as JSON {@code null}, which clears it on the engine.
 */
public record SessionChange(boolean energyGiven, Double energyNeededKwh, boolean departureGiven, Instant departureAt) {
    public static final SessionChange NONE = new SessionChange(false, null, false, null);

    public SessionChange withEnergyNeeded(Double kwh) { return new SessionChange(true, kwh, departureGiven, departureAt); }

    public SessionChange withDeparture(Instant at) { return new SessionChange(energyGiven, energyNeededKwh, true, at); }

    public boolean empty() { return !energyGiven && !departureGiven; }

    /** The JSON object to send, explicit nulls included. */
    public Map<String, Object> body() {
        var body = new LinkedHashMap<String, Object>();
        if (energyGiven) body.put("energy_needed_kwh", energyNeededKwh);
        if (departureGiven) body.put("departure_at", departureAt == null ? null : departureAt.toString());
        return body;
    }
}
