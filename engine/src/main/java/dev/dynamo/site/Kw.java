package dev.dynamo.site;

/** Rounding of power and current values as the contract shows them (0.01). */
final class Kw {
    private Kw() {}

    /** Rounds down to 0.01, forgiving binary noise just below a step. */
    static double floor(double value) {
        if (Double.isInfinite(value)) return value;
        return Math.floor(value * 100 + 1e-6) / 100;
    }

    /** Rounds up to 0.01, forgiving binary noise just above a step: for what a charger may draw, never undercounted. */
    static double ceil(double value) {
        if (Double.isInfinite(value)) return value;
        return Math.ceil(value * 100 - 1e-6) / 100;
    }

    /** Rounds to the nearest 0.01: for sums of values already on the 0.01 grid. */
    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /**
     * A sum as {@code DoubleStream.sum} makes it (compensated summation, the simple sum kept for infinities), so that
     * a total summed in a loop is the same to the bit as one summed over a stream.
     */
    static final class Sum {
        private double high;
        private double negatedLow;
        private double simple;

        void add(double value) {
            var tmp = value - negatedLow;
            var sum = high;
            var velvel = sum + tmp;
            negatedLow = (velvel - sum) - tmp;
            high = velvel;
            simple += value;
        }

        double value() {
            var tmp = high - negatedLow;
            return Double.isNaN(tmp) && Double.isInfinite(simple) ? simple : tmp;
        }
    }
}
