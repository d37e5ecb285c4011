package dev.dynamo.store;

import java.time.Duration;
import java.time.Instant;

/**
 * The energy delivered in a session (contract 10): from the charger's energy register once it reports one,
 * else the integral of its allocation. Immutable; each change makes a new value.
 *
 * @param registerStartKwh the register when the session began (OCPP {@code meterStart}, or the first reading), or null
 * @param registerKwh      the latest register reading, or null before the first
 * @param integralKwh      the integral of the allocation up to {@code integralAt}
 * @param rateKw           the allocation in force since {@code integralAt}
 */
public record SessionEnergy(Double registerStartKwh, Double registerKwh, double integralKwh, Instant integralAt,
                            double rateKw) {
    private static final double MS_PER_HOUR = 3_600_000.0;

    /** A session that has just begun, with the register it began at if the charger told it. */
    public static SessionEnergy startingAt(Instant at, Double registerStartKwh) {
        return new SessionEnergy(registerStartKwh, null, 0, at, 0);
    }

    /** Whether the charger has reported its register since the session began. */
    public boolean registerBased() {
        return registerKwh != null && registerStartKwh != null;
    }

    /** kWh delivered as of {@code now}: the register's rise, else the integral run up to {@code now}. */
    public double deliveredKwh(Instant now) {
        if (registerBased()) return Math.max(0, registerKwh - registerStartKwh);
        return integralKwh + rateKw * hours(integralAt, now);
    }

    /** The integral run up to {@code now}, then rising at {@code newRateKw}. */
    public SessionEnergy rateFrom(Instant now, double newRateKw) {
        if (!now.isAfter(integralAt)) return new SessionEnergy(registerStartKwh, registerKwh, integralKwh, integralAt, newRateKw);
        return new SessionEnergy(registerStartKwh, registerKwh, integralKwh + rateKw * hours(integralAt, now), now, newRateKw);
    }

    /** A register reading; the first one sets the start when the charger did not tell it (9.2's {@code energy_kwh}). */
    public SessionEnergy withRegister(double kwh) {
        return new SessionEnergy(registerStartKwh != null ? registerStartKwh : kwh, kwh, integralKwh, integralAt, rateKw);
    }

    private static double hours(Instant from, Instant to) {
        var seconds = to.getEpochSecond() - from.getEpochSecond();
        if (Math.abs(seconds) < 1_000_000_000L) {
            // Duration.between(from, to).toMillis() (truncated toward zero) without a Duration: this runs per
            // session and decision
            var millis = (seconds * 1_000_000_000L + (to.getNano() - from.getNano())) / 1_000_000L;
            return Math.max(0, millis) / MS_PER_HOUR;
        }
        return Math.max(0, Duration.between(from, to).toMillis()) / MS_PER_HOUR;
    }
}
