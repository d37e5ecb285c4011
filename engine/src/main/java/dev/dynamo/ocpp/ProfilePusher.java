package dev.dynamo.ocpp;

import dev.dynamo.ocpp.OcppSitePort.ChargerLimit;
import dev.dynamo.ocpp.OcppSitePort.SiteLimits;
import dev.dynamo.ocpp.v16.ChargingProfile;
import dev.dynamo.ocpp.v16.SetChargingProfile;
import dev.dynamo.site.ProfileStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one site's chargers to the limits of its latest decision. Lowered limits go first; the raised
 * ones wait until every lowered one is accepted (or its charger is gone), so the site stays within its
 * limits in between, except for a lowering the site already holds the charger's previous limit for. A
 * rejected or unanswered profile is sent again after 1 s, 2 s, 4 s … 60 s while it is still wanted, and
 * the site is told (it then holds that charger's previous limit). Tells the site the limits chargers
 * accept, in batches: it reserves them through a comm loss. All state lives on one serial executor.
 */
final class ProfilePusher {
    private static final Logger log = LoggerFactory.getLogger(ProfilePusher.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LAST_RETRY = Duration.ofSeconds(60);

    private final String siteId;
    private final OcppSitePort port;
    private final Function<String, Optional<ProfileTarget>> connections;
    private final Executor serial;
    /** Tells the site of accepted limits in order, without holding up the pusher. */
    private final Executor notices;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Duration commLossGrace;

    private Map<String, ChargerLimit> desired = Map.of();
    /** The TxProfile limit each charger accepted, for the transaction it was sent for. */
    private final Map<String, ChargerLimit> accepted = new HashMap<>();
    /** Chargers on a new connection: whatever they held before is not trusted. */
    private final Set<String> unsynced = new HashSet<>();
    /** The latest limit on its way to each charger (sent, or waiting for a retry); by identity, as one
     *  value may be sent twice and the older answer must not pass for the newer. */
    private final Map<String, InFlight> sending = new HashMap<>();
    /** How many TxProfiles each charger has not answered yet (older ones too). */
    private final Map<String, Integer> onTheWire = new HashMap<>();
    /**
     * The TxProfiles sent to each charger and not answered, or whose answer never came (time-out, lost
     * connection), since it last accepted one sent after them: any of them may be in force on it.
     */
    private final Map<String, List<InFlight>> maybeInForce = new HashMap<>();
    private long sendings;
    private SiteLimits lastLimits;
    private final Map<String, Integer> failures = new HashMap<>();
    private final Set<String> pendingLowers = new HashSet<>();
    private final List<ChargerLimit> waitingRaises = new ArrayList<>();
    /** Accepted limits not yet told to the site (guarded by itself: filled here, emptied by the notices). */
    private final Map<String, Double> acceptedToTell = new LinkedHashMap<>();
    /** Of those, the chargers with no other limit on its way (guarded by {@link #acceptedToTell}). */
    private final Set<String> settledToTell = new HashSet<>();
    /** TxProfile states changed and not yet told to the site, and chargers gone (guarded by {@link #acceptedToTell}). */
    private final Map<String, ProfileStatus> statesToTell = new LinkedHashMap<>();
    private final Set<String> goneToTell = new HashSet<>();
    private final Map<String, Double> mayDrawToTell = new LinkedHashMap<>();
    /** A flush of the notices is queued (guarded by {@link #acceptedToTell}). */
    private boolean flushQueued;
    /** What each charger may draw, as last told to the site. */
    private final Map<String, Double> mayDrawTold = new HashMap<>();
    /** The TxProfile state last told for each charger (contract 11, {@code profile}). */
    private final Map<String, ProfileStatus> shown = new HashMap<>();

    ProfilePusher(String siteId, OcppSitePort port, Function<String, Optional<ProfileTarget>> connections,
                  Executor serial, Executor notices, ScheduledExecutorService timer, Clock clock, Duration commLossGrace) {
        this.siteId = siteId;
        this.notices = notices;
        this.port = port;
        this.connections = connections;
        this.serial = serial;
        this.timer = timer;
        this.clock = clock;
        this.commLossGrace = commLossGrace;
    }

    /** A new decision of the site. Returns at once. */
    void decision(SiteLimits limits) {
        serial.execute(() -> apply(limits));
    }

    /** A charger connected: it gets its TxDefaultProfile, and its TxProfile again at the next decision. */
    void connected(ProfileTarget target) {
        serial.execute(() -> {
            unsynced.add(target.chargePointId());
            sending.remove(target.chargePointId());
            sendDefault(target, 0);
            show(target.chargePointId());
        });
    }

    /**
     * The charger's connection is gone. Completes with the highest TxProfile limit for its transaction that
     * may be in force on it beyond what it accepted (sent and not answered), or null for none.
     */
    CompletableFuture<Double> disconnected(String chargePointId) {
        var inFlight = new CompletableFuture<Double>();
        serial.execute(() -> {
            inFlight.complete(inFlightKw(chargePointId));
            sending.remove(chargePointId);
            failures.remove(chargePointId);
            maybeInForce.remove(chargePointId);
            onTheWire.remove(chargePointId);
            shown.remove(chargePointId);
            mayDrawTold.remove(chargePointId);
            tellState(chargePointId, null);
            // Its lowering will not come; the site now reserves what it may draw.
            pendingLowers.remove(chargePointId);
            releaseRaises();
        });
        return inFlight;
    }

    /** The site's definition changed the charger's (unit, voltage, phases): it gets its profiles again. */
    void redefined(ProfileTarget target) {
        serial.execute(() -> {
            unsynced.add(target.chargePointId());
            sendDefault(target, 0);
            if (lastLimits != null) apply(lastLimits);
        });
    }

    /** The highest limit of the desired transaction among the TxProfiles that may be in force, or null. */
    private Double inFlightKw(String chargePointId) {
        var wanted = desired.get(chargePointId);
        Double most = null;
        for (var sent : maybeInForce.getOrDefault(chargePointId, List.of())) {
            if (wanted != null && !wanted.transactionId().equals(sent.limit().transactionId())) continue;
            most = most == null ? sent.limit().allocatedKw() : Math.max(most, sent.limit().allocatedKw());
        }
        return most;
    }

    /**
     * Whether a lowering of this charger is not accepted yet and the site does not hold what the charger may
     * draw, so every raise waits for it (the one case where the site counts a charger below what it may draw).
     * Read on the pusher's executor (tests).
     */
    boolean holdsRaisesFor(String chargePointId) {
        return pendingLowers.contains(chargePointId);
    }

    /** Sends every accepted TxProfile again with a new validTo, so it does not expire while connected. */
    void renew() {
        serial.execute(() -> desired.values().forEach(limit -> {
            if (limit.equals(accepted.get(limit.chargePointId())) && !sending.containsKey(limit.chargePointId())) {
                target(limit.chargePointId()).ifPresent(t -> send(t, limit));
            }
        }));
    }

    private void apply(SiteLimits limits) {
        lastLimits = limits;
        var next = new HashMap<String, ChargerLimit>();
        for (var limit : limits.limits()) {
            if (!limit.offline() && limit.transactionId() != null) {
                next.put(limit.chargePointId(), limit);
            }
        }
        desired = next;
        pendingLowers.clear();
        waitingRaises.clear();
        var defaults = port.defaultLimitsKw(siteId);
        for (var limit : next.values()) {
            var cp = limit.chargePointId();
            var target = target(cp);
            if (target.isEmpty()) {
                continue;
            }
            if (inSync(limit)) {
                if (limits.heldKw().containsKey(cp)) {
                    tellAccepted(cp, limit.allocatedKw(), true); // it already holds it: the site may let go
                }
                continue;
            }
            classify(target.get(), limit, defaults, limits.heldKw().get(cp));
        }
        releaseRaises();
        next.keySet().forEach(this::show);
    }

    /**
     * Sends a limit at once when that cannot raise what the charger draws at any moment: it is at or below
     * every limit that may be in force on it (accepted, or sent and not answered). Otherwise it waits with the
     * raises until no lowering is on its way. A charger that may draw more than its limit holds every raise
     * back until it cannot any more, unless the site holds what it may draw for it.
     */
    private void classify(ProfileTarget target, ChargerLimit limit, Map<String, Double> defaults, Double heldKw) {
        var cp = limit.chargePointId();
        var mostKw = previousKw(limit, defaults);
        var held = heldKw != null && heldKw >= mostKw - 1e-9;
        if (limit.allocatedKw() < mostKw && !held) {
            pendingLowers.add(cp);
        }
        if (limit.allocatedKw() < mostKw && limit.allocatedKw() <= leastKw(limit, defaults) + 1e-9) {
            if (!isSending(cp, limit)) {
                send(target, limit);
            }
        } else if (!waitingRaises.contains(limit)) {
            waitingRaises.add(limit);
        }
    }

    /**
     * After an answer: whether the charger still may draw more than its limit (it keeps holding the raises
     * back), or its waiting limit can now go out.
     */
    private void reconsider(String chargePointId) {
        var limit = desired.get(chargePointId);
        var target = target(chargePointId);
        if (limit == null || target.isEmpty() || inSync(limit)) {
            pendingLowers.remove(chargePointId);
            releaseRaises();
            return;
        }
        var defaults = port.defaultLimitsKw(siteId);
        if (previousKw(limit, defaults) <= limit.allocatedKw() + 1e-9) {
            // it cannot draw more than its limit any more: its lowering is done
            pendingLowers.remove(chargePointId);
            releaseRaises();
            return;
        }
        waitingRaises.remove(limit);
        classify(target.get(), limit, defaults, lastLimits == null ? null : lastLimits.heldKw().get(chargePointId));
        releaseRaises();
    }

    /** The lowest limit that may be in force on the charger: what it draws at least, whatever it applied. */
    private double leastKw(ChargerLimit limit, Map<String, Double> defaults) {
        var cp = limit.chargePointId();
        var held = accepted.get(cp);
        var kw = held != null && held.transactionId().equals(limit.transactionId()) && !unsynced.contains(cp)
                ? held.allocatedKw() : defaults.getOrDefault(cp, 0.0);
        for (var sent : maybeInForce.getOrDefault(cp, List.of())) {
            if (limit.transactionId().equals(sent.limit().transactionId())) kw = Math.min(kw, sent.limit().allocatedKw());
        }
        return kw;
    }

    /**
     * What the charger may draw now or soon: its accepted TxProfile for this transaction (else its default),
     * or the limit on its way to it when that is higher (the charger takes its profiles in order).
     */
    private double previousKw(ChargerLimit limit, Map<String, Double> defaults) {
        var cp = limit.chargePointId();
        var held = accepted.get(cp);
        var kw = held != null && held.transactionId().equals(limit.transactionId()) && !unsynced.contains(cp)
                ? held.allocatedKw() : defaults.getOrDefault(cp, 0.0);
        var inFlight = sending.get(cp);
        if (inFlight != null && limit.transactionId().equals(inFlight.limit().transactionId())) {
            kw = Math.max(kw, inFlight.limit().allocatedKw());
        }
        var unanswered = inFlightKw(cp);
        return unanswered != null ? Math.max(kw, unanswered) : kw;
    }

    /** The charger holds this limit, and no other one is on its way to replace it or may be in force. */
    private boolean inSync(ChargerLimit limit) {
        var cp = limit.chargePointId();
        var inFlight = sending.get(cp);
        return limit.equals(accepted.get(cp)) && !unsynced.contains(cp) && onTheWire.getOrDefault(cp, 0) == 0
                && (inFlight == null || inFlight.limit().equals(limit))
                // a profile whose answer never came may be in force instead
                && maybeInForce.getOrDefault(cp, List.of()).stream().allMatch(other -> other.limit().equals(limit));
    }

    /**
     * Sends the waiting limits once no other charger's lowering is on its way (a charger does not wait for
     * its own: its limit brings it down, or up from a lower one it may have applied, either way).
     */
    private void releaseRaises() {
        if (pendingLowers.size() > 1) return;
        var raises = List.copyOf(waitingRaises);
        for (var limit : raises) {
            var cp = limit.chargePointId();
            if (!pendingLowers.isEmpty() && !pendingLowers.contains(cp)) continue;
            waitingRaises.remove(limit);
            if (limit.equals(desired.get(cp)) && !inSync(limit) && !isSending(cp, limit)) {
                target(cp).ifPresent(t -> send(t, limit));
            }
        }
    }

    /** One sending of a limit, compared by identity. */
    private static final class InFlight {
        private final ChargerLimit limit;
        /** The order of sending: the charger takes its profiles in that order. */
        private final long sequence;
        /** Refused or unanswered: waiting to be sent again, not on the wire. */
        private boolean retrying;

        InFlight(ChargerLimit limit, long sequence) {
            this.limit = limit;
            this.sequence = sequence;
        }

        ChargerLimit limit() { return limit; }
    }

    private boolean isSending(String chargePointId, ChargerLimit limit) {
        var inFlight = sending.get(chargePointId);
        return inFlight != null && inFlight.limit().equals(limit);
    }

    private void send(ProfileTarget target, ChargerLimit limit) {
        var cp = target.chargePointId();
        var sent = new InFlight(limit, ++sendings);
        sending.put(cp, sent);
        onTheWire.merge(cp, 1, Integer::sum);
        maybeInForce.computeIfAbsent(cp, _ -> new ArrayList<>()).add(sent);
        var profile = Profiles.tx(target.charger(), limit.allocatedKw(), limit.phasesInUse(), limit.transactionId(),
                clock.instant().plus(commLossGrace));
        show(cp);
        target.setChargingProfile(profile).whenComplete((status, failure) ->
                serial.execute(() -> {
                    answered(target, sent, status, failure);
                    show(cp);
                }));
    }

    /**
     * Tells the site the charger's TxProfile state when it changed: refused while a refused or unanswered one
     * waits for its retry, sending while one is on its way, in sync once its latest is accepted; with the
     * limit it accepted last for the transaction wanted now.
     */
    private void show(String chargePointId) {
        if (target(chargePointId).isEmpty()) return;
        var wanted = desired.get(chargePointId);
        if (wanted != null) {
            var mayDrawKw = previousKw(wanted, port.defaultLimitsKw(siteId));
            if (!Double.valueOf(mayDrawKw).equals(mayDrawTold.put(chargePointId, mayDrawKw))) {
                tellMayDraw(chargePointId, mayDrawKw);
            }
        }
        var held = accepted.get(chargePointId);
        Double limitKw = held != null && !unsynced.contains(chargePointId)
                && (wanted == null || wanted.transactionId().equals(held.transactionId())) ? held.allocatedKw() : null;
        var inFlight = sending.get(chargePointId);
        ProfileStatus.State state;
        if (inFlight != null && inFlight.retrying) state = ProfileStatus.State.REFUSED;
        else if (inFlight != null || onTheWire.containsKey(chargePointId)) state = ProfileStatus.State.SENDING;
        else if (limitKw != null) state = ProfileStatus.State.IN_SYNC;
        else state = null;
        var before = shown.get(chargePointId);
        if (state == null) {
            if (before != null) {
                shown.remove(chargePointId);
                tellState(chargePointId, null);
            }
            return;
        }
        if (before != null && before.state() == state && java.util.Objects.equals(before.limitKw(), limitKw)) return;
        var since = before != null && before.state() == state ? before.since() : clock.instant();
        var now = new ProfileStatus(state, limitKw, since);
        shown.put(chargePointId, now);
        tellState(chargePointId, now);
    }

    private void answered(ProfileTarget target, InFlight sent, SetChargingProfile.Status status, Throwable failure) {
        var cp = target.chargePointId();
        var limit = sent.limit();
        var current = target(cp).orElse(null) == target;
        onTheWire.computeIfPresent(cp, (_, n) -> n > 1 ? n - 1 : null);
        if (failure instanceof dev.dynamo.ocpp.rpc.SupersededException
                || failure != null && failure.getCause() instanceof dev.dynamo.ocpp.rpc.SupersededException) {
            // never sent: a newer limit took its place in the queue
            var mayBeNot = maybeInForce.get(cp);
            if (mayBeNot != null && mayBeNot.remove(sent) && mayBeNot.isEmpty()) maybeInForce.remove(cp);
            sending.remove(cp, sent);
            return;
        }
        var mayBe = maybeInForce.get(cp);
        if (mayBe != null) {
            // accepted: it replaces every profile sent before it; refused: it is not in force; no answer
            // (time-out, lost connection): it may be, until a later one is accepted
            if (failure == null && status == SetChargingProfile.Status.Accepted) {
                mayBe.removeIf(other -> other.sequence <= sent.sequence);
            } else if (failure == null || failure instanceof dev.dynamo.ocpp.rpc.CallFailedException
                    || failure.getCause() instanceof dev.dynamo.ocpp.rpc.CallFailedException) {
                mayBe.remove(sent);
            }
            if (mayBe.isEmpty()) maybeInForce.remove(cp);
        }
        if (failure == null && status == SetChargingProfile.Status.Accepted) {
            sending.remove(cp, sent);
            var older = sending.get(cp);
            if (older != null && older.retrying && limit.equals(desired.get(cp))) {
                sending.remove(cp); // the charger holds what is wanted: that retry is moot
            }
            failures.remove(cp);
            if (current) {
                accepted.put(cp, limit);
                unsynced.remove(cp);
            }
            tellAccepted(cp, limit.allocatedKw(), !sending.containsKey(cp) && !onTheWire.containsKey(cp));
            reconsider(cp);
            return;
        }
        log.info("{}: TxProfile {} kW not accepted ({})", cp, limit.allocatedKw(),
                failure != null ? failure.toString() : status);
        show(cp); // what it may draw reaches the site before the refusal that makes it hold it
        notices.execute(() -> port.limitNotAccepted(siteId, cp));
        if (!stillWanted(target, sent)) {
            dropSending(cp, sent);
            reconsider(cp);
            return;
        }
        sent.retrying = true;
        var delay = backoff(failures.merge(cp, 1, Integer::sum));
        timer.schedule(() -> serial.execute(() -> {
            if (stillWanted(target, sent)) {
                send(target, limit);
            } else {
                dropSending(cp, sent);
            }
        }), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A sending that will not be retried; if the charger then holds what is wanted, the site is told. */
    private void dropSending(String chargePointId, InFlight sent) {
        if (!sending.remove(chargePointId, sent)) {
            return;
        }
        show(chargePointId);
        var wanted = desired.get(chargePointId);
        if (wanted != null && inSync(wanted)) {
            tellAccepted(chargePointId, wanted.allocatedKw(), true);
        }
    }

    /** The limit is still the one wanted, on the charger's current, open connection, and no newer one went out. */
    private boolean stillWanted(ProfileTarget target, InFlight sent) {
        var cp = target.chargePointId();
        return target(cp).orElse(null) == target && sent.limit().equals(desired.get(cp)) && sending.get(cp) == sent;
    }

    private void sendDefault(ProfileTarget target, int attempt) {
        var cp = target.chargePointId();
        var kw = port.defaultLimitsKw(siteId).getOrDefault(cp, 0.0);
        target.setChargingProfile(Profiles.txDefault(target.charger(), kw)).whenComplete((status, failure) -> {
            if (failure == null && status == SetChargingProfile.Status.Accepted) {
                return;
            }
            log.info("{}: TxDefaultProfile {} kW not accepted ({})", cp, kw, failure != null ? failure.toString() : status);
            timer.schedule(() -> serial.execute(() -> {
                if (target.isOpen() && target(cp).orElse(null) == target) {
                    sendDefault(target, attempt + 1);
                }
            }), backoff(attempt + 1).toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /** Tells the site, in one call for every answer that came meanwhile. */
    private void tellAccepted(String chargePointId, double kw, boolean settled) {
        queueNotice(() -> {
            acceptedToTell.put(chargePointId, kw);
            if (settled) settledToTell.add(chargePointId);
            else settledToTell.remove(chargePointId);
        });
    }

    /** Tells the site the charger's TxProfile state (contract 11), or with null that it is gone. */
    private void tellState(String chargePointId, ProfileStatus state) {
        queueNotice(() -> {
            if (state != null) {
                statesToTell.put(chargePointId, state);
                goneToTell.remove(chargePointId);
            } else {
                statesToTell.remove(chargePointId);
                goneToTell.add(chargePointId);
            }
        });
    }

    private void tellMayDraw(String chargePointId, double kw) {
        queueNotice(() -> mayDrawToTell.put(chargePointId, kw));
    }

    /**
     * Queues a notice for the site (under the notices' lock) and, unless a flush is already queued, queues one:
     * every notice that came meanwhile reaches the site in one go, so a burst of answers is one site event.
     */
    private void queueNotice(Runnable put) {
        boolean schedule;
        synchronized (acceptedToTell) {
            put.run();
            schedule = !flushQueued;
            flushQueued = true;
        }
        if (schedule) notices.execute(this::flushNotices);
    }

    private void flushNotices() {
        Map<String, Double> accepted;
        Set<String> settled;
        Map<String, ProfileStatus> states;
        Set<String> gone;
        Map<String, Double> mayDraw;
        synchronized (acceptedToTell) {
            accepted = new LinkedHashMap<>(acceptedToTell);
            settled = Set.copyOf(settledToTell);
            states = Map.copyOf(statesToTell);
            gone = Set.copyOf(goneToTell);
            mayDraw = Map.copyOf(mayDrawToTell);
            acceptedToTell.clear();
            settledToTell.clear();
            statesToTell.clear();
            goneToTell.clear();
            mayDrawToTell.clear();
            flushQueued = false;
        }
        // what they may draw first: an acceptance may make the site decide again
        if (!mayDraw.isEmpty()) port.mayDraw(siteId, mayDraw);
        if (!accepted.isEmpty()) port.limitsAcknowledged(siteId, accepted, settled);
        if (!states.isEmpty() || !gone.isEmpty()) port.profiles(siteId, states, gone);
    }

    /** 1 s after the first failure, doubling, at most 60 s. */
    static Duration backoff(int failuresSoFar) {
        var shift = Math.min(failuresSoFar - 1, 6);
        var delay = FIRST_RETRY.multipliedBy(1L << Math.max(shift, 0));
        return delay.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : delay;
    }

    private Optional<ProfileTarget> target(String chargePointId) {
        return connections.apply(chargePointId).filter(ProfileTarget::isOpen);
    }
}
