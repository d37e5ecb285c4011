package dev.dynamo.allocation;

/**
 * What a session with a departure still needs (contract 10), as of the decision.
 *
 * <p>The site aims to finish some minutes before the vehicle really leaves (re-decisions every 5 minutes,
 * rounding down and vehicles drawing a little below their limit would otherwise leave it a little short).
 * The core plans with the aimed time ({@code hoursLeft}: laxity, needed rate, at risk); {@code realHoursLeft}
 * is when it really leaves, used only while some session cannot be served in full (see
 * {@link DepartureFilling}): then the minutes between the two are worth more to that session than as margin.
 *
 * @param remainingKwh  energy still to deliver (0 or less: nothing left to take)
 * @param hoursLeft     time until the aimed departure, in hours (0 or less: it is due or past)
 * @param realHoursLeft time until the vehicle really leaves, in hours ({@code >= hoursLeft})
 */
public record Departure(double remainingKwh, double hoursLeft, double realHoursLeft) {
    /** Slack for "exactly enough": a session that can finish at its cap with 1e-9 kWh to spare is not at risk. */
    static final double TOLERANCE_KWH = 1e-9;

    public Departure {
        if (Double.isNaN(remainingKwh) || Double.isNaN(hoursLeft) || Double.isNaN(realHoursLeft)) {
            throw new IllegalArgumentException("departure needs numbers, was " + remainingKwh + " kWh, " + hoursLeft + " h");
        }
        if (realHoursLeft < hoursLeft) {
            throw new IllegalArgumentException("the real departure cannot come before the aimed one: " + realHoursLeft
                    + " h < " + hoursLeft + " h");
        }
    }

    /** A departure aimed at the moment the vehicle leaves (no margin). */
    public Departure(double remainingKwh, double hoursLeft) {
        this(remainingKwh, hoursLeft, hoursLeft);
    }

    /** Whether there is energy left to deliver; a session without is as patient as one without a departure. */
    public boolean finite() {
        return remainingKwh > 0;
    }

    /** Time to departure − remaining energy / cap, in hours; infinite with nothing left to take. */
    public double laxityHours(double capKw) {
        if (!finite()) return Double.POSITIVE_INFINITY;
        if (!(capKw > 0)) return Double.NEGATIVE_INFINITY;
        return hoursLeft - remainingKwh / capKw;
    }

    /** The constant rate that finishes by the departure (infinite when it is due), kW; 0 with nothing left. */
    public double neededKw() {
        if (!finite()) return 0;
        return hoursLeft > 0 ? remainingKwh / hoursLeft : Double.POSITIVE_INFINITY;
    }

    /**
     * The constant rate that finishes by the real departure, rounded up to 0.01 kW (so that the allocation,
     * rounded down, is not below it); infinite when it is due, 0 with nothing left.
     */
    double realNeededKw() {
        if (!finite()) return 0;
        if (!(realHoursLeft > 0)) return Double.POSITIVE_INFINITY;
        return Math.ceil(remainingKwh / realHoursLeft * 100 - 1e-7) / 100;
    }

    /** Whether the remaining energy cannot be delivered by the real departure even at the cap. */
    boolean atRiskReally(double capKw) {
        if (!finite()) return false;
        return !(realHoursLeft > 0) || remainingKwh > capKw * realHoursLeft + TOLERANCE_KWH;
    }

    /** True exactly when the remaining energy cannot be delivered by the departure even at the cap. */
    public boolean atRisk(double capKw) {
        if (!finite()) return false;
        return !(hoursLeft > 0) || remainingKwh > capKw * hoursLeft + TOLERANCE_KWH;
    }
}
