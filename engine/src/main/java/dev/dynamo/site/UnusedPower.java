package dev.dynamo.site;

import java.time.Duration;
import java.time.Instant;

/** Redistribution of unused power (contract 7.3): caps lowered to metered power and lifted again. */
final class UnusedPower {
    static final Duration STALE_AFTER = Duration.ofSeconds(120);
    private static final Duration NO_LOWERING_AFTER_LIFT = Duration.ofMinutes(5);

    private UnusedPower() {}

    /** Applies a meter value; true when the charger's cap changed. */
    static boolean onMeterValue(LiveSite site, String chargePointId, ChargerState charger, double measuredKw, Instant now) {
        var lowered = charger.loweredCapKw();
        if (!site.config.redistributeUnused()) {
            charger.dropLoweredCap();
            return lowered != null;
        }
        var current = site.allocation == null ? null : site.allocation.charger(chargePointId).orElse(null);
        // the lowered cap in force (never below the floor) is what the vehicle must reach 95% of
        var loweredCapKw = current != null ? current.capKw() : lowered;
        if (lowered != null && measuredKw >= 0.95 * loweredCapKw) {
            charger.liftCap(now);
            return true;
        }
        // a lowered cap follows a vehicle that tapers further (each meter value is judged as 7.3 says)
        if (current == null || current.status() != ChargerStatus.CHARGING) return false;
        var liftedAt = charger.capLiftedAt();
        if (liftedAt != null && now.isBefore(liftedAt.plus(NO_LOWERING_AFTER_LIFT))) return false;
        var marginKw = Math.max(1, 0.1 * current.allocatedKw());
        if (measuredKw >= current.allocatedKw() - marginKw) return false;
        var capKw = measuredKw + marginKw;
        if (lowered != null && capKw >= lowered) return false;
        charger.lowerCap(capKw);
        return true;
    }

    /** Lifts a lowered cap whose last meter value is too old; true when it did. */
    static boolean liftIfStale(ChargerState charger, Instant now) {
        if (charger == null) return false;
        var meter = charger.meter;
        if (charger.measuredCap() != ChargerState.MeasuredCap.LOWERED || meter == null) return false;
        if (Duration.between(meter.at(), now).compareTo(STALE_AFTER) <= 0) return false;
        charger.liftCap(now);
        return true;
    }
}
