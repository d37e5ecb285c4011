package dev.dynamo.allocation;

/**
 * What a session with a departure still needs (contract 10), as of the decision.
 *
 * @param remainingKwh energy still to deliver (0 or less: nothing left to take)
 * @param hoursLeft    time until the departure, in hours (0 or less: it is due or past)
 */
public record Departure(double remainingKwh, double hoursLeft) {
    /** Slack for "exactly enough": a session that can finish at its cap with 1e-9 kWh to spare is not at risk. */
    static final double TOLERANCE_KWH = 1e-9;

    public Departure {
        if (Double.isNaN(remainingKwh) || Double.isNaN(hoursLeft)) {
            throw new IllegalArgumentException("departure needs numbers, was " + remainingKwh + " kWh, " + hoursLeft + " h");
        }
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

    /** True exactly when the remaining energy cannot be delivered by the departure even at the cap. */
    public boolean atRisk(double capKw) {
        if (!finite()) return false;
        return !(hoursLeft > 0) || remainingKwh > capKw * hoursLeft + TOLERANCE_KWH;
    }
}
