package dev.dynamo.console.live;

import dev.dynamo.console.client.SessionInfo;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What a charger tile shows of its session's need (contract 10): a line such as "12.3 / 40 kWh · by 17:30"
 * (the departure in site local time, with the weekday when it is not today) and the delivered share of the
 * need for a thin bar. Values are rounded to what is drawn (0.1 kWh, 1 % of the bar), so a tile redraws
 * only when what it shows changes.
 *
 * @param text     the line; empty for a session with neither a need nor a departure
 * @param fraction delivered / needed in [0, 1], in steps of 1 %
 * @param bar      whether there is a need to draw a bar for
 */
record TileProgress(String text, double fraction, boolean bar) {
    static final TileProgress NONE = new TileProgress("", 0, false);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);

    static TileProgress of(SessionInfo session, ZoneId zone, Instant now) {
        if (session == null || (session.energyNeededKwh() == null && session.departureAt() == null)) return NONE;
        var delivered = session.energyDeliveredKwh() == null ? 0 : session.energyDeliveredKwh();
        var text = new StringBuilder();
        var needed = session.energyNeededKwh();
        double fraction = 0;
        if (needed != null) {
            text.append(kwh(delivered)).append(" / ").append(kwh(needed)).append(" kWh");
            fraction = needed <= 0 ? 1 : Math.round(Math.clamp(delivered / needed, 0, 1) * 100) / 100.0;
        } else {
            text.append(kwh(delivered)).append(" kWh");
        }
        if (session.departureAt() != null) text.append(" · by ").append(departure(session.departureAt(), zone, now));
        return new TileProgress(text.toString(), fraction, needed != null);
    }

    /** "17:30" today (site local), else "Tue 05:30". */
    static String departure(Instant at, ZoneId zone, Instant now) {
        var local = at.atZone(zone);
        return local.toLocalDate().equals(now.atZone(zone).toLocalDate()) ? TIME.format(local) : DAY_TIME.format(local);
    }

    static String kwh(double value) {
        var tenths = Math.round(value * 10) / 10.0;
        return tenths == Math.rint(tenths) ? String.format(Locale.ROOT, "%.0f", tenths) : String.format(Locale.ROOT, "%.1f", tenths);
    }
}
