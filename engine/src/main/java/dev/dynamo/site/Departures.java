package dev.dynamo.site;

import dev.dynamo.allocation.Departure;
import dev.dynamo.allocation.Sharing;
import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.Session;
import java.time.Duration;
import java.time.Instant;

/** Contract 10 seen from the site: each session's departure as the core takes it, and when to re-decide. */
final class Departures {
    /** Laxity changes with time: the engine re-decides this often while a session has a finite laxity. */
    static final Duration TICK = Duration.ofMinutes(5);
    private static final double MS_PER_HOUR = 3_600_000.0;

    private Departures() {}

    /**
     * Departure-aware sharing is in force: on in the config being decided (the stored one, or a previewed
     * one), with equal sharing (a priority window turns it off).
     */
    static boolean inForce(ChargingConfig config, Sharing sharing) {
        return config.departureAware() && sharing == Sharing.EQUAL;
    }

    /**
     * The core aims to finish this long before the departure: the needed rate is re-decided only every 5
     * minutes, allocations are rounded down and vehicles draw a little below them, so a rate that finishes
     * exactly at the departure leaves some short. Aiming earlier is still "at least the power it needs".
     */
    static final Duration AIM_EARLY = Duration.ofMinutes(10);

    /**
     * While some session cannot be served in full, the others may use the time up to this long before they leave
     * (contract reading in {@code DepartureFilling}). A few seconds: the latency of a new limit reaching the charger
     * (the energy since the register's latest reading is counted, see {@link #deliveredKwh}).
     */
    static final Duration REAL_MARGIN = Duration.ofSeconds(5);

    /** What the session still needs by its departure as of {@code now}, or null without a need and a departure. */
    static Departure of(LiveSite site, Session session, Instant now) {
        if (session.energyNeededKwh() == null || session.departureAt() == null) return null;
        var remainingKwh = session.energyNeededKwh() - deliveredKwh(site, session, now);
        var hoursLeft = Duration.between(now, session.departureAt()).toMillis() / MS_PER_HOUR;
        return new Departure(remainingKwh, hoursLeft);
    }

    /**
     * The energy delivered as of {@code now}: the register's rise, plus the integral of the allocation since its
     * latest reading (a register read once a minute is up to a minute old: a vehicle finishing just on time would
     * look behind it, at risk, in the last minute); else the integral of the allocation.
     */
    static double deliveredKwh(LiveSite site, Session session, Instant now) {
        var energy = site.energyOf(session);
        var delivered = energy.deliveredKwh(now);
        var charger = site.stateOf(session.chargePointId());
        var atReading = charger == null ? null : charger.integralAtRegisterKwh;
        if (!energy.registerBased() || atReading == null) return delivered;
        return delivered + Math.max(0, energy.rateFrom(now, energy.rateKw()).integralKwh() - atReading);
    }

    /**
     * The departure the core works with: the same energy, aiming {@link #AIM_EARLY} before it (never before now),
     * and the real departure beside it, which the core uses while some session cannot be served in full.
     */
    static Departure aimed(Departure departure) {
        var early = AIM_EARLY.toMillis() / MS_PER_HOUR;
        var hours = departure.hoursLeft() > early ? departure.hoursLeft() - early : Math.min(departure.hoursLeft(), 0);
        var last = REAL_MARGIN.toMillis() / MS_PER_HOUR;
        var real = departure.hoursLeft() > last ? departure.hoursLeft() - last : Math.min(departure.hoursLeft(), 0);
        return new Departure(departure.remainingKwh(), hours, Math.max(hours, real));
    }

    /**
     * Whether a change of energy moves a session enough to re-decide at once: it finishes or starts to need
     * energy, its at-risk state flips, or its needed rate moves by at least {@code max(1 kW, 10%)}.
     */
    static boolean matters(Departure was, Departure is, double capKw) {
        if (was == null || is == null) return false;
        if (was.finite() != is.finite() || was.atRisk(capKw) != is.atRisk(capKw)) return true;
        if (!is.finite()) return false;
        var before = Math.min(capKw, was.neededKw());
        var after = Math.min(capKw, is.neededKw());
        return Math.abs(after - before) >= Math.max(1, 0.1 * Math.max(before, after));
    }

    /** Whether some session has a finite laxity (a departure and energy left to take): the 5-minute tick runs. */
    static boolean anyFinite(LiveSite site, Instant now) {
        for (var session : site.sessions.values()) {
            var departure = of(site, session, now);
            if (departure != null && departure.finite()) return true;
        }
        return false;
    }
}
