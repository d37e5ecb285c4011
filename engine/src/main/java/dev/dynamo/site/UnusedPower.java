package dev.dynamo.site;

import java.time.Duration;
import java.time.Instant;

/** Redistribution of unused power (contract 7.3): caps lowered to metered power and lifted again. */
final class UnusedPower {
    static final Duration STALE_AFTER = Duration.ofSeconds(120);
    private static final Duration NO_LOWERING_AFTER_LIFT = Duration.ofMinutes(5);

    private UnusedPower() {}

    /** Applies a meter value; true when the charger's cap changed. */
    static boolean onMeterValue(LiveSite site, String chargePointId, double measuredKw, Instant now) {
        var lowered = site.measuredCapKw.get(chargePointId);
        if (!site.config.redistributeUnused()) {
            return lowered != null && site.measuredCapKw.remove(chargePointId) != null;
        }
        if (lowered != null) {
            if (measuredKw < 0.95 * lowered) return false;
            site.measuredCapKw.remove(chargePointId);
            site.capLiftedAt.put(chargePointId, now);
            return true;
        }
        var current = site.allocation == null ? null : site.allocation.charger(chargePointId).orElse(null);
        if (current == null || current.status() != ChargerStatus.CHARGING) return false;
        var liftedAt = site.capLiftedAt.get(chargePointId);
        if (liftedAt != null && now.isBefore(liftedAt.plus(NO_LOWERING_AFTER_LIFT))) return false;
        var marginKw = Math.max(1, 0.1 * current.allocatedKw());
        if (measuredKw >= current.allocatedKw() - marginKw) return false;
        site.measuredCapKw.put(chargePointId, measuredKw + marginKw);
        return true;
    }

    /** Lifts a lowered cap whose last meter value is too old; true when it did. */
    static boolean liftIfStale(LiveSite site, String chargePointId, Instant now) {
        var meter = site.meters.get(chargePointId);
        if (!site.measuredCapKw.containsKey(chargePointId) || meter == null) return false;
        if (Duration.between(meter.at(), now).compareTo(STALE_AFTER) <= 0) return false;
        site.measuredCapKw.remove(chargePointId);
        site.capLiftedAt.put(chargePointId, now);
        return true;
    }
}
