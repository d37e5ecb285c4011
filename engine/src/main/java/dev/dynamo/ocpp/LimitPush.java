package dev.dynamo.ocpp;

import dev.dynamo.ocpp.OcppSitePort.ChargerLimit;
import dev.dynamo.site.ProfileStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * One charger's TxProfile pushing: what it accepted, what is on its way to it, what may be in force on it,
 * and whether its lowering or its raise is waiting. {@link #mayDrawNowKw} is the one answer to "what may this
 * charger draw now". Not thread-safe: it lives on its {@link ProfilePusher}'s serial executor.
 */
final class LimitPush {
    /** The named states a charger's pushing goes through (most pressing first, see {@link #state}). */
    enum State {
        /** On a new connection with nothing accepted on it: what it held before is not trusted. */
        UNSYNCED,
        /** Its latest limit was refused or not answered and waits to be sent again. */
        REFUSED,
        /** A lowering is not accepted yet: the other chargers' raises the site has not cleared wait (the site counts it at what it may draw). */
        LOWERING,
        /** Its raise waits for a count of the site that covers it (the site clears it: it fits, with the lowerings not accepted yet counted at what their chargers may draw). */
        RAISE_WAITING,
        /** A limit is on the wire. */
        SENDING,
        /** It holds a limit and nothing else is on its way. */
        IN_SYNC
    }

    /** One sending of a limit, compared by identity: one value may be sent twice, and the older answer must
     *  not pass for the newer. */
    static final class InFlight {
        final ChargerLimit limit;
        /** The order of sending: the charger takes its profiles in that order. */
        final long sequence;
        /** Refused or unanswered: waiting to be sent again, not on the wire. */
        boolean retrying;

        InFlight(ChargerLimit limit, long sequence) {
            this.limit = limit;
            this.sequence = sequence;
        }
    }

    final String chargePointId;
    /** The TxProfile limit it accepted, for the transaction it was sent for. */
    private ChargerLimit accepted;
    /** On a new connection: whatever it held before is not trusted until it accepts again. */
    private boolean unsynced;
    /** The latest limit on its way (sent, or waiting for a retry). */
    private InFlight sending;
    /** How many TxProfiles it has not answered yet (older ones too). */
    private int onTheWire;
    /** The TxProfiles sent and not answered, or whose answer never came, since it last accepted one sent after
     *  them: any of them may be in force on it. */
    private final List<InFlight> maybeInForce = new ArrayList<>();
    private int failures;
    /** Its lowering holds back the other chargers' raises the site has not cleared. */
    private boolean lowering;
    /** Its limit waiting for the other chargers' lowerings, and its place in that queue. */
    private ChargerLimit raiseWaiting;
    private long raiseOrder;
    /** What it may draw (NaN: nothing told yet) and its TxProfile state, as last told to the site. */
    double mayDrawTold = Double.NaN;
    ProfileStatus shown;

    LimitPush(String chargePointId) {
        this.chargePointId = chargePointId;
    }

    /** The named state now. */
    State state() {
        if (sending != null && sending.retrying) return State.REFUSED;
        if (lowering) return State.LOWERING;
        if (raiseWaiting != null) return State.RAISE_WAITING;
        if (sending != null || onTheWire > 0) return State.SENDING;
        if (unsynced || accepted == null) return State.UNSYNCED;
        return State.IN_SYNC;
    }

    // --- transitions ---

    /** A new connection: its TxProfile is not trusted, nothing is on its way on this one. */
    void connected() {
        unsynced = true;
        sending = null;
    }

    /** The site's definition of it changed: its TxProfile is not trusted. */
    void redefined() {
        unsynced = true;
    }

    /**
     * Its connection is gone: nothing is on its way, no lowering will come. What it accepted stays known, and so
     * do the profiles whose answer never came: it may have applied them, on a new connection too, until it
     * accepts a later one.
     */
    void disconnected() {
        sending = null;
        failures = 0;
        onTheWire = 0;
        shown = null;
        mayDrawTold = Double.NaN;
        lowering = false;
        raiseWaiting = null; // no raise goes out on a connection gone: the site decides again
    }

    /** A new decision: its lowering and waiting raise are decided again. */
    void newDecision() {
        lowering = false;
        raiseWaiting = null;
    }

    void lowering(boolean lowering) {
        this.lowering = lowering;
    }

    boolean isLowering() {
        return lowering;
    }

    void raiseWaits(ChargerLimit limit, long order) {
        if (raiseWaiting != null && raiseWaiting.equals(limit)) return;
        raiseWaiting = limit;
        raiseOrder = order;
    }

    ChargerLimit raiseWaiting() {
        return raiseWaiting;
    }

    long raiseOrder() {
        return raiseOrder;
    }

    void raiseGone() {
        raiseWaiting = null;
    }

    InFlight sent(ChargerLimit limit, long sequence) {
        var sent = new InFlight(limit, sequence);
        sending = sent;
        onTheWire++;
        maybeInForce.add(sent);
        return sent;
    }

    /** An answer (or failure) came for a TxProfile sent to it. */
    void answerCame() {
        if (onTheWire > 0) onTheWire--;
    }

    /** Never sent: a newer limit took its place in the queue. */
    void superseded(InFlight sent) {
        maybeInForce.remove(sent);
        dropSending(sent);
    }

    /**
     * Accepted on its current connection or not: it replaces every profile sent before it. One accepted on a
     * connection gone since (its answer came before the loss and is taken after it) is in force on the charger
     * all the same: it stays among those that may be in force, as the pusher does not trust what the charger
     * holds on a new connection until it accepts again.
     */
    void accepted(InFlight sent, boolean onCurrentConnection, ChargerLimit wanted) {
        maybeInForce.removeIf(other -> other.sequence < sent.sequence || onCurrentConnection && other == sent);
        dropSending(sent);
        if (sending != null && sending.retrying && sent.limit.equals(wanted)) {
            sending = null; // it holds what is wanted: that retry is moot
        }
        failures = 0;
        if (onCurrentConnection) {
            accepted = sent.limit;
            unsynced = false;
        }
    }

    /** Refused, or failed as a call: it is not in force. */
    void refused(InFlight sent) {
        maybeInForce.remove(sent);
    }

    /** No answer (time-out, lost connection): it may be in force, until a later one is accepted. */
    void unanswered(InFlight sent) {
        // stays in maybeInForce
    }

    /** It waits for a retry; returns how many failures in a row that makes. */
    int retrying(InFlight sent) {
        sent.retrying = true;
        return ++failures;
    }

    /** Forgets this sending unless a newer one replaced it; whether it was the latest. */
    boolean dropSending(InFlight sent) {
        if (sending != sent) return false;
        sending = null;
        return true;
    }

    // --- questions ---

    boolean isSending(ChargerLimit limit) {
        return sending != null && sending.limit.equals(limit);
    }

    boolean hasSending() {
        return sending != null;
    }

    boolean isLatest(InFlight sent) {
        return sending == sent;
    }

    /** It accepted exactly this limit on its current connection (renewals). */
    boolean holdsAccepted(ChargerLimit limit) {
        return limit.equals(accepted);
    }

    /** It holds this limit, and no other one is on its way to replace it or may be in force. */
    boolean inSync(ChargerLimit limit) {
        if (!limit.equals(accepted) || unsynced || onTheWire != 0 || sending != null && !sending.limit.equals(limit)) {
            return false;
        }
        // a profile whose answer never came may be in force instead (an indexed loop, no iterator: asked for every
        // charger on every decision and answer, and C1's code keeps every object it makes)
        for (var i = 0; i < maybeInForce.size(); i++) {
            if (!maybeInForce.get(i).limit.equals(limit)) return false;
        }
        return true;
    }

    /** The highest limit of the wanted transaction among the TxProfiles that may be in force, or null. */
    Double inFlightKw(ChargerLimit wanted) {
        var most = highestInFlightKw(wanted);
        return Double.isNaN(most) ? null : most;
    }

    /** As {@link #inFlightKw}, NaN for none: unboxed, for the pusher's hot path. */
    private double highestInFlightKw(ChargerLimit wanted) {
        var most = Double.NaN;
        for (var i = 0; i < maybeInForce.size(); i++) {
            var sent = maybeInForce.get(i);
            if (wanted != null && !wanted.transactionId().equals(sent.limit.transactionId())) continue;
            most = Double.isNaN(most) ? sent.limit.allocatedKw() : Math.max(most, sent.limit.allocatedKw());
        }
        return most;
    }

    /** It accepted a TxProfile for the wanted transaction (on this connection or an earlier one). */
    private boolean acceptedFor(ChargerLimit wanted) {
        return accepted != null && accepted.transactionId().equals(wanted.transactionId());
    }

    /**
     * What it may draw now or soon, for the wanted transaction: its accepted TxProfile (else its default), or
     * the limit on its way or possibly in force when that is higher (the charger takes its profiles in order).
     * On a new connection before it accepts again, the higher of what it accepted before and its default: it
     * may have kept its TxProfile, or let it expire.
     */
    double mayDrawNowKw(ChargerLimit wanted, double defaultKw) {
        var kw = !acceptedFor(wanted) ? defaultKw
                : unsynced ? Math.max(accepted.allocatedKw(), defaultKw) : accepted.allocatedKw();
        if (sending != null && wanted.transactionId().equals(sending.limit.transactionId())) {
            kw = Math.max(kw, sending.limit.allocatedKw());
        }
        var unanswered = highestInFlightKw(wanted);
        return Double.isNaN(unanswered) ? kw : Math.max(kw, unanswered);
    }

    /** The limit it accepted last for the transaction wanted now (any, when none is wanted), or null. */
    Double acceptedLimitKw(ChargerLimit wanted) {
        return accepted != null && !unsynced
                && (wanted == null || wanted.transactionId().equals(accepted.transactionId())) ? accepted.allocatedKw() : null;
    }

    /**
     * Its TxProfile state for the contract (section 11), or null when there is nothing to show: refused while its
     * latest waits for a retry; sending while one is on the wire or its raise waits to go out (its latest limit is
     * on its way), or while a profile whose answer never came may be in force instead of the one it accepted; in
     * sync once it holds what it accepted and nothing else.
     */
    ProfileStatus.State profileState(ChargerLimit wanted) {
        if (sending != null && sending.retrying) return ProfileStatus.State.REFUSED;
        if (sending != null || onTheWire > 0 || raiseWaiting != null) return ProfileStatus.State.SENDING;
        var acceptedKw = acceptedLimitKw(wanted);
        if (acceptedKw == null) return null;
        return inSync(accepted) ? ProfileStatus.State.IN_SYNC : ProfileStatus.State.SENDING;
    }
}
