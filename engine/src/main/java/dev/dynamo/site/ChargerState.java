package dev.dynamo.site;

import java.time.Instant;

/**
 * What a site keeps about one of its chargers, in one place: one lookup gives all of it, and a session that ends
 * is forgotten in one call ({@link #forgetSession}). Its OCPP connection and TxProfile state outlive a session;
 * the rest belongs to the session in progress. Kept by {@link LiveSite} for the site's life (a site has few
 * chargers: one that reconnects finds its object again). Touched only on the site's executor.
 */
final class ChargerState {
    /** Its OCPP connection. */
    enum Connection {
        /** No open connection, and no session going on through a loss. */
        DISCONNECTED,
        CONNECTED,
        /** Its connection was lost while it had a session, which goes on (rule 9): since {@link #lostSince()}. */
        LOST
    }

    /** Its measured cap (contract 7.3). */
    enum MeasuredCap {
        /** None: its cap is the configured one. */
        NONE,
        /** Lowered to metered power: {@link #loweredCapKw()}. */
        LOWERED,
        /** Lifted again at {@link #capLiftedAt()}: not lowered again for a while. */
        LIFTED
    }

    private Connection connection = Connection.DISCONNECTED;
    /** When its connection was lost, while {@link Connection#LOST}. */
    private Instant lostSince;
    /**
     * The highest limit on its way, unanswered, when its connection was lost (kW), or null: it may draw it, until
     * it accepts a limit again (also on a new connection).
     */
    Double inFlightAtLossKw;
    /** The last limit it acknowledged, kW (told by the OCPP connector), or null. */
    Double acknowledgedKw;
    /**
     * What it may draw now with a session ({@link MayDraw}), made by {@link LiveSite#mayDraw} (which counts the
     * chargers holding one) when its connector first tells or the site first counts it; null before.
     */
    private MayDraw mayDraw;
    /** Its latest meter value in the session, or null. */
    LiveSite.MeterReading meter;
    /**
     * The integral of the session's allocation at its latest register reading, or null (not stored: after a
     * restart the register alone counts until the next reading), so that a departure's energy goes on from it.
     */
    Double integralAtRegisterKwh;
    /** Since when it has drawn more than it accepted (contract 11, over_limit); null while it complies. */
    Instant overSince;
    /** Its TxProfile state while connected over OCPP, as the connector last told it, or null. */
    ProfileStatus profile;
    private MeasuredCap measuredCap = MeasuredCap.NONE;
    /** The cap it is lowered to (kW) while {@link MeasuredCap#LOWERED}. */
    private double loweredCapKw;
    /** When its lowered cap was lifted, while {@link MeasuredCap#LIFTED}. */
    private Instant capLiftedAt;
    /** Since when its meter has shown current on one phase only (7.1), or null. */
    Instant onePhaseSince;

    Connection connection() { return connection; }

    boolean connected() { return connection == Connection.CONNECTED; }

    /** When its connection was lost, or null unless {@link Connection#LOST}. */
    Instant lostSince() { return connection == Connection.LOST ? lostSince : null; }

    /** A new connection; what was on its way at a loss stays in force until it accepts a limit again. */
    void connect() {
        connection = Connection.CONNECTED;
        lostSince = null;
    }

    /** Its connection closed; with a session going on it is lost since {@code since}, else disconnected. */
    void disconnect(boolean sessionGoesOn, Instant since, Double inFlightKw) {
        if (!sessionGoesOn) {
            connection = Connection.DISCONNECTED;
            return;
        }
        connection = Connection.LOST;
        lostSince = since;
        if (inFlightKw != null && Double.isFinite(inFlightKw)) {
            inFlightAtLossKw = inFlightAtLossKw == null ? inFlightKw : Math.max(inFlightAtLossKw, inFlightKw);
        }
    }

    /** It accepted a limit: what was on its way at a loss no longer counts. */
    void acknowledged(Double kw) {
        acknowledgedKw = kw;
        inFlightAtLossKw = null;
    }

    /** What it may draw, or null before its connector told or the site counted it. */
    MayDraw mayDrawIfAny() { return mayDraw; }

    /** Holds a new {@link MayDraw} (only {@link LiveSite#mayDraw}, which counts them, makes one). */
    MayDraw holdNewMayDraw() {
        if (mayDraw != null) throw new IllegalStateException("holds one already");
        mayDraw = new MayDraw();
        return mayDraw;
    }

    MeasuredCap measuredCap() { return measuredCap; }

    /** The cap lowered to metered power, kW, or null unless {@link MeasuredCap#LOWERED}. */
    Double loweredCapKw() { return measuredCap == MeasuredCap.LOWERED ? loweredCapKw : null; }

    /** When a lowered cap was lifted, or null unless {@link MeasuredCap#LIFTED}. */
    Instant capLiftedAt() { return measuredCap == MeasuredCap.LIFTED ? capLiftedAt : null; }

    void lowerCap(double capKw) {
        measuredCap = MeasuredCap.LOWERED;
        loweredCapKw = capKw;
    }

    void liftCap(Instant at) {
        measuredCap = MeasuredCap.LIFTED;
        capLiftedAt = at;
    }

    /** Redistribution went off: a lowered cap no longer holds (a lift's time is kept: it is not a lowering). */
    void dropLoweredCap() {
        if (measuredCap == MeasuredCap.LOWERED) measuredCap = MeasuredCap.NONE;
    }

    /** Forgets everything kept about its session, which ended; its connection and TxProfile state stay. */
    void forgetSession() {
        if (connection == Connection.LOST) connection = Connection.DISCONNECTED;
        lostSince = null;
        inFlightAtLossKw = null;
        acknowledgedKw = null;
        mayDraw = null;
        meter = null;
        integralAtRegisterKwh = null;
        overSince = null;
        measuredCap = MeasuredCap.NONE;
        capLiftedAt = null;
        onePhaseSince = null;
    }
}
