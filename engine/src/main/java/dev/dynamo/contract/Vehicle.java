package dev.dynamo.contract;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A vehicle known to a site by its badge (contract 10): an OCPP session started with its {@code idTag}
 * takes its energy need and departure.
 *
 * @param energyNeededKwh the energy it needs, or null
 * @param departure       the site-local time it leaves, or null
 */
public record Vehicle(String idTag, Double energyNeededKwh, LocalTime departure) {

    /**
     * The first instant after {@code start} at which the site's clock shows {@code departure}; on a day when
     * that time is skipped (DST), the first instant after the gap, as schedules do (contract 3).
     */
    public Instant departureAfter(Instant start, ZoneId zone) {
        if (departure == null) return null;
        var day = start.atZone(zone).toLocalDate();
        for (int d = 0; d <= 2; d++) {
            var at = ZonedDateTime.of(day.plusDays(d), departure, zone).toInstant();
            if (at.isAfter(start)) return at;
        }
        throw new IllegalStateException("no departure after " + start); // unreachable: two days always hold one
    }
}
