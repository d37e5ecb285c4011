package dev.dynamo.site;

import java.time.Duration;
import java.time.Instant;

/**
 * A charger that ignores its limit (contract 11, {@code over_limit}): its fresh metered power has exceeded
 * the limit it accepted last by more than max(1 kW, 10%) for at least {@link #AFTER}. Until it complies it
 * is counted at its metered power, like a reservation. Used on the site's thread.
 */
final class OverLimit {
    static final Duration AFTER = Duration.ofSeconds(60);
    static final double MARGIN_KW = 1;
    static final double MARGIN_SHARE = 0.10;

    private OverLimit() {}

    /** Notes a meter value: when the charger began to draw more than it accepted, or that it complies. */
    static void onMeterValue(ChargerState charger, double kw, Instant at) {
        var acceptedKw = charger.acknowledgedKw;
        if (acceptedKw != null && kw > acceptedKw + Math.max(MARGIN_KW, MARGIN_SHARE * acceptedKw)) {
            if (charger.overSince == null) charger.overSince = at;
        } else {
            charger.overSince = null;
        }
    }

    /** Whether the charger is over its limit now: for at least {@link #AFTER}, on a meter value still fresh. */
    static boolean over(ChargerState charger, Instant now) {
        if (charger == null) return false;
        var since = charger.overSince;
        var meter = charger.meter;
        return since != null && meter != null && !now.isBefore(since.plus(AFTER))
                && !now.isAfter(meter.at().plus(UnusedPower.STALE_AFTER));
    }

    /** When {@link #over} may next change after {@code after} without a new event (60 s passing, the meter going stale). */
    static Instant nextChange(ChargerState charger, Instant after) {
        if (charger == null) return null;
        var since = charger.overSince;
        var meter = charger.meter;
        if (since == null || meter == null) return null;
        var becomesOver = since.plus(AFTER);
        var goesStale = meter.at().plus(UnusedPower.STALE_AFTER).plusMillis(1);
        if (becomesOver.isAfter(after) && becomesOver.isBefore(goesStale)) return becomesOver;
        return goesStale.isAfter(after) ? goesStale : null;
    }
}
