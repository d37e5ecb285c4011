package dev.dynamo.site;

/**
 * What one charger may draw as its site knows it (contract 8, last paragraph; 8.1): what its OCPP connector told
 * last, and the raise the site counted it at in a count the connector has not acknowledged yet. The connector
 * sends a raise only when a count of the site covers it, so from the moment the site publishes such a count the
 * raise may be on the wire: the site keeps counting the charger at least at it until the connector tells that it
 * has seen that count; what the connector told by then includes the raise if it went out. Touched only on the
 * site's executor.
 */
final class MayDraw {
    /** The named states, by what bounds what the charger may draw. */
    enum State {
        /** Its connector has not told yet: it may draw its TxDefaultProfile limit. */
        UNTOLD,
        /** What its connector told last. */
        TOLD,
        /** A raise the site counted it at, which its connector may have sent and not reported yet. */
        PROMISED
    }

    /** What the connector told last, kW, or null before it told. */
    private Double toldKw;
    /** The raise counted in a count the connector has not acknowledged, kW, or null for none. */
    private Double promisedKw;
    /** The number of the latest count that counted the promised raise. */
    private long promisedIn;

    State state() {
        if (promisedKw != null) return State.PROMISED;
        return toldKw == null ? State.UNTOLD : State.TOLD;
    }

    /** What it may draw now, kW: the higher of what was told (its default before that) and the promised raise. */
    double kw(double defaultKw) {
        var kw = toldKw != null ? Kw.ceil(toldKw) : defaultKw;
        return promisedKw != null ? Math.max(kw, promisedKw) : kw;
    }

    /** As {@link #kw}, or null when nothing is known beyond its default. */
    Double knownKw() {
        if (toldKw == null) return promisedKw;
        return promisedKw != null ? Math.max(Kw.ceil(toldKw), promisedKw) : Kw.ceil(toldKw);
    }

    /** Its connector told what it may draw now. */
    void told(double kw) {
        toldKw = kw;
    }

    /**
     * The site publishes count {@code count} with the charger counted at {@code countedKw}: above what was told,
     * that is a raise the connector may send once it sees this count.
     */
    void counted(double countedKw, long count, double defaultKw) {
        var toldOrDefault = toldKw != null ? Kw.ceil(toldKw) : defaultKw;
        if (countedKw > toldOrDefault + Counted.EPSILON_KW) {
            promisedKw = promisedKw != null ? Math.max(promisedKw, countedKw) : countedKw;
            promisedIn = count;
        } else {
            promisedKw = null; // what was told covers it
        }
    }

    /**
     * The connector has seen every count up to {@code count}, and what it told covers what it did on them: a raise
     * counted in none after it is no longer promised.
     */
    void seen(long count) {
        if (promisedKw != null && promisedIn <= count) promisedKw = null;
    }
}
