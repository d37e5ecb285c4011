package dev.dynamo.simulation;

/**
 * How a vehicle draws power: {@code min(allocation, acceptance)}, where acceptance is the vehicle's
 * maximum up to 80% state of charge, then falls linearly to 10% of it at 100%. Between decisions the
 * allocation is constant, so the energy taken follows a closed form (constant, then an exponential
 * approach), which lets the simulation jump from event to event without time steps.
 *
 * @param batteryKwh     usable capacity
 * @param arrivalSoc     state of charge at arrival, 0..1
 * @param maxAcceptanceKw what the vehicle takes below 80%
 */
public record Battery(double batteryKwh, double arrivalSoc, double maxAcceptanceKw) {
    static final double TAPER_FROM_SOC = 0.8;
    static final double ACCEPTANCE_AT_FULL = 0.1;
    /**
     * {@code h * f <= x * CLEARLY_BELOW} (each product rounded) implies {@code h <= x / f} rounded, for h &gt;= 1e-12
     * and f &gt;= 1e-9 (every value then in the normal range): the three roundings (at most 2^-53 each, relative)
     * stay within the 2^-50 kept free. {@code BatteryTest} checks it against the division.
     */
    private static final double CLEARLY_BELOW = 1 - 0x1p-50;
    /** Slope of acceptance / max per unit of state of charge above 80%: 0.9 over 0.2. */
    private static final double TAPER_SLOPE = (1 - ACCEPTANCE_AT_FULL) / (1 - TAPER_FROM_SOC);

    public double soc(double deliveredKwh) { return arrivalSoc + deliveredKwh / batteryKwh; }

    public double acceptanceKw(double deliveredKwh) {
        var soc = soc(deliveredKwh);
        if (soc <= TAPER_FROM_SOC) return maxAcceptanceKw;
        if (soc >= 1) return 0;
        return maxAcceptanceKw * Math.max(ACCEPTANCE_AT_FULL, 1 - TAPER_SLOPE * (soc - TAPER_FROM_SOC));
    }

    public double drawKw(double deliveredKwh, double allocatedKw) {
        return Math.min(allocatedKw, acceptanceKw(deliveredKwh));
    }

    /** Energy delivered after {@code hours} at a constant allocation, from {@code deliveredKwh}. */
    public double deliveredAfter(double deliveredKwh, double allocatedKw, double hours) {
        if (allocatedKw <= 0 || hours <= 0) return deliveredKwh;
        return deliveredAfter(at(allocatedKw), deliveredKwh, hours);
    }

    /**
     * What {@link #deliveredAfter} works out from the allocation alone: a vehicle is brought up to every event of a
     * run, its allocation changes only at decisions.
     */
    record AtAllocation(double allocatedKw, double fullKwh, double flatKw, double taperStartKwh, double rate) {}

    AtAllocation at(double allocatedKw) {
        var fullKwh = (1 - arrivalSoc) * batteryKwh;
        var flatKw = Math.min(allocatedKw, maxAcceptanceKw);
        var taperStartKwh = Math.min(fullKwh, (taperSoc(flatKw) - arrivalSoc) * batteryKwh);
        return new AtAllocation(allocatedKw, fullKwh, flatKw, taperStartKwh, TAPER_SLOPE * maxAcceptanceKw / batteryKwh);
    }

    /** {@link #deliveredAfter(double, double, double)} at {@code allocation} (the same arithmetic, to the bit). */
    double deliveredAfter(AtAllocation allocation, double deliveredKwh, double hours) {
        if (allocation.allocatedKw() <= 0 || hours <= 0) return deliveredKwh;
        var fullKwh = allocation.fullKwh();
        var flatKw = allocation.flatKw();
        var taperStartKwh = allocation.taperStartKwh();
        if (deliveredKwh < taperStartKwh) {
            var toTaperKwh = taperStartKwh - deliveredKwh;
            // clearly before the taper (hours at least 2^-52 below (toTaper / flat) rounded): the flat rate's answer
            // without dividing; near the taper the division decides, as always
            if (hours >= 1e-12 && flatKw >= 1e-9 && hours * flatKw <= toTaperKwh * CLEARLY_BELOW) {
                return deliveredKwh + flatKw * hours;
            }
            var flatHours = toTaperKwh / flatKw;
            if (hours <= flatHours) return deliveredKwh + flatKw * hours;
            deliveredKwh = taperStartKwh;
            hours -= flatHours;
        }
        if (deliveredKwh >= fullKwh) return Math.max(deliveredKwh, fullKwh);
        // d(soc)/dt = k (socLimit - soc): acceptance-bound, exponential approach
        var gap = socLimit() - soc(deliveredKwh);
        var soc = socLimit() - gap * Math.exp(-allocation.rate() * hours);
        return Math.min(soc, 1) * batteryKwh - arrivalSoc * batteryKwh;
    }

    /** Hours until {@code targetKwh} is delivered at a constant allocation; infinite when it never is. */
    public double hoursToDeliver(double deliveredKwh, double allocatedKw, double targetKwh) {
        if (deliveredKwh >= targetKwh) return 0;
        if (allocatedKw <= 0) return Double.POSITIVE_INFINITY;
        var flatKw = Math.min(allocatedKw, maxAcceptanceKw);
        var taperStartKwh = (taperSoc(flatKw) - arrivalSoc) * batteryKwh;
        var hours = 0.0;
        if (deliveredKwh < taperStartKwh) {
            if (targetKwh <= taperStartKwh) return (targetKwh - deliveredKwh) / flatKw;
            hours = (taperStartKwh - deliveredKwh) / flatKw;
            deliveredKwh = taperStartKwh;
        }
        var rate = TAPER_SLOPE * maxAcceptanceKw / batteryKwh;
        var gapNow = socLimit() - soc(deliveredKwh);
        var gapAtTarget = socLimit() - soc(targetKwh);
        if (gapAtTarget <= 0) return Double.POSITIVE_INFINITY;
        return hours + Math.log(gapNow / gapAtTarget) / rate;
    }

    /** The state of charge where acceptance falls to {@code flatKw}. */
    private double taperSoc(double flatKw) {
        return TAPER_FROM_SOC + (1 - flatKw / maxAcceptanceKw) / TAPER_SLOPE;
    }

    /** Where the linear taper would reach zero acceptance, beyond 100%, so a full battery is reached in finite time. */
    private static double socLimit() { return TAPER_FROM_SOC + 1 / TAPER_SLOPE; }
}
