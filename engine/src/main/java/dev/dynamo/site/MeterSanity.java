package dev.dynamo.site;

import dev.dynamo.contract.ChargerDefinition;

/**
 * Which metered power values a site takes (contract 8.1): finite, at least -1 kW (a little export is
 * noise, shown as 0) and at most twice the charger's rating. Anything else is a broken or hostile meter.
 */
public final class MeterSanity {
    /** Below this the value is not noise around 0 but nonsense. */
    public static final double LOWEST_KW = -1;
    /** A charger drawing more than this many times its rating is a broken meter. */
    public static final double MOST_TIMES_RATING = 2;

    private MeterSanity() {}

    public static boolean plausibleKw(double kw, double ratedKw) {
        return Double.isFinite(kw) && kw >= LOWEST_KW && kw <= MOST_TIMES_RATING * ratedKw;
    }

    /** A per-phase current is plausible up to the current of twice the rating on the charger's phases. */
    public static boolean plausibleCurrentA(double amperes, ChargerDefinition charger) {
        var most = MOST_TIMES_RATING * charger.maxPowerKw() * 1000 / (charger.phases() * charger.voltageV());
        return Double.isFinite(amperes) && amperes >= LOWEST_KW * 1000 / charger.voltageV() && amperes <= most;
    }
}
