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
    static void onMeterValue(LiveSite site, String chargePointId, double kw, Instant at) {
        var acceptedKw = site.acknowledgedKw.get(chargePointId);
        if (acceptedKw != null && kw > acceptedKw + Math.max(MARGIN_KW, MARGIN_SHARE * acceptedKw)) {
            site.overSince.putIfAbsent(chargePointId, at);
        } else {
            site.overSince.remove(chargePointId);
        }
    }

    /** Whether the charger is over its limit now: for at least {@link #AFTER}, on a meter value still fresh. */
    static boolean over(LiveSite site, String chargePointId, Instant now) {
        var since = site.overSince.get(chargePointId);
        var meter = site.meters.get(chargePointId);
        return since != null && meter != null && !now.isBefore(since.plus(AFTER))
                && !now.isAfter(meter.at().plus(UnusedPower.STALE_AFTER));
    }

    /** When {@link #over} may next change after {@code after} without a new event (60 s passing, the meter going stale). */
    static Instant nextChange(LiveSite site, String chargePointId, Instant after) {
        var since = site.overSince.get(chargePointId);
        var meter = site.meters.get(chargePointId);
        if (since == null || meter == null) return null;
        var becomesOver = since.plus(AFTER);
        var goesStale = meter.at().plus(UnusedPower.STALE_AFTER).plusMillis(1);
        if (becomesOver.isAfter(after) && becomesOver.isBefore(goesStale)) return becomesOver;
        return goesStale.isAfter(after) ? goesStale : null;
    }
}
