package dev.dynamo.ocpp;

import dev.dynamo.ocpp.OcppSitePort.ChargerLimit;
import dev.dynamo.ocpp.OcppSitePort.SiteLimits;
import dev.dynamo.ocpp.v16.SetChargingProfile;
import dev.dynamo.site.ProfileStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one site's chargers to the limits (targets) of its latest decision. Lowered limits go first; a raised
 * one goes out only while the pusher takes in a count of the site (a decision or a recount) that counts its
 * charger at it (the site cleared it: it fits the budget and the breakers with every lowering not accepted yet
 * counted at what its charger may draw), else it waits for a later count (once the lowerings are accepted), so
 * the site stays within its limits in between (contract 8) and never counts a charger below a raise on its way:
 * the site keeps counting the raises of a count until the pusher tells, with what the chargers may draw, that it
 * took that count in. A rejected or unanswered profile is sent again after 1 s, 2 s, 4 s … 60 s
 * while it is still wanted. Tells the site, in batches, what each charger may draw now (it counts the charger
 * at least at that: at its previous limit while a lowering is not accepted, at what it drew while its raise
 * waits), the limits chargers accept (reserved through a comm loss) and their TxProfile states. All state
 * lives on one serial executor.
 */
final class ProfilePusher {
    private static final Logger log = LoggerFactory.getLogger(ProfilePusher.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LAST_RETRY = Duration.ofSeconds(60);

    private final String siteId;
    private final OcppSitePort port;
    private final Function<String, Optional<ProfileTarget>> connections;
    private final Executor serial;
    /** Where a charger's answer is taken in: the serial executor, on the thread that read the answer when it is idle. */
    private final Executor answers;
    /** Tells the site of accepted limits in order, without holding up the pusher. */
    private final Executor notices;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Duration commLossGrace;

    private Map<String, ChargerLimit> desired = Map.of();
    /** Each charger's pushing: its named state and what it may draw now. */
    private final Map<String, LimitPush> chargers = new HashMap<>();
    private long sendings;
    private SiteLimits lastLimits;
    /** The order raises started waiting in: they go out in that order. */
    private long raiseOrders;
    /**
     * What the site counts for each charger, kW, as of its latest decision or recount: a waiting raise at or
     * below it is cleared and goes out although a lowering is not accepted yet.
     */
    private Map<String, Double> countedKw = Map.of();
    /** What the site is to be told and is not yet. */
    private final SiteNotices outbox = new SiteNotices();

    ProfilePusher(String siteId, OcppSitePort port, Function<String, Optional<ProfileTarget>> connections,
                  Executor serial, Executor notices, ScheduledExecutorService timer, Clock clock, Duration commLossGrace) {
        this(siteId, port, connections, serial, serial, notices, timer, clock, commLossGrace);
    }

    /**
     * @param answers runs the tasks of {@code serial} too, in the same order, possibly on the caller's thread
     *                ({@link SerialExecutor#executeHere}): the answers of the chargers are taken in there
     */
    ProfilePusher(String siteId, OcppSitePort port, Function<String, Optional<ProfileTarget>> connections,
                  Executor serial, Executor answers, Executor notices, ScheduledExecutorService timer, Clock clock,
                  Duration commLossGrace) {
        this.siteId = siteId;
        this.answers = answers;
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
        serial.execute(() -> {
            apply(limits, limits.countedKw());
            takenIn(limits.count());
        });
    }

    /** The site counted its chargers again (no decision): the raises it now counts at their targets go out. Returns at once. */
    void counted(OcppSitePort.SiteCounts counts) {
        serial.execute(() -> {
            countedKw = counts.countedKw();
            releaseRaises();
            takenIn(counts.count());
        });
    }

    /**
     * A count of the site is taken in: every raise it covers went out. No raise goes out on it any more (the site
     * keeps counting its raises only until it learns that it was taken in); the others wait for the next count.
     * When the site keeps raises of it counted, it learns, with what the chargers may draw now, that it was.
     */
    private void takenIn(dev.dynamo.site.PublishedCount count) {
        countedKw = Map.of();
        if (count.promisesRaises() && outbox.seen(count.number())) notices.execute(this::flushNotices);
    }

    /** A charger connected: it gets its TxDefaultProfile, and its TxProfile again at the next decision. */
    void connected(ProfileTarget target) {
        serial.execute(() -> {
            charger(target.chargePointId()).connected();
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
            var charger = charger(chargePointId);
            inFlight.complete(charger.inFlightKw(desired.get(chargePointId)));
            charger.disconnected();
            tellState(chargePointId, null);
        });
        return inFlight;
    }

    /** The site's definition changed the charger's (unit, voltage, phases): it gets its profiles again. */
    void redefined(ProfileTarget target) {
        serial.execute(() -> {
            charger(target.chargePointId()).redefined();
            sendDefault(target, 0);
            // its lowerings go out again; a raise waits for the site's next count (an older one is taken in)
            if (lastLimits != null) apply(lastLimits, Map.of());
        });
    }

    private LimitPush charger(String chargePointId) {
        return chargers.computeIfAbsent(chargePointId, LimitPush::new);
    }

    /**
     * Whether a lowering of this charger is not accepted yet, so every other charger's raise waits for it.
     * Read on the pusher's executor (tests).
     */
    boolean holdsRaisesFor(String chargePointId) {
        var charger = chargers.get(chargePointId);
        return charger != null && charger.isLowering();
    }

    /** The named state of the charger's pushing, or null when it never connected. Read on the pusher's executor (tests). */
    LimitPush.State state(String chargePointId) {
        var charger = chargers.get(chargePointId);
        return charger == null ? null : charger.state();
    }

    /** Sends every accepted TxProfile again with a new validTo, so it does not expire while connected. */
    void renew() {
        serial.execute(() -> desired.values().forEach(limit -> {
            var charger = charger(limit.chargePointId());
            if (charger.holdsAccepted(limit) && !charger.hasSending()) {
                target(limit.chargePointId()).ifPresent(t -> send(t, limit));
            }
        }));
    }

    private void apply(SiteLimits limits, Map<String, Double> counted) {
        lastLimits = limits;
        countedKw = counted;
        var next = new HashMap<String, ChargerLimit>();
        for (var limit : limits.limits()) {
            if (!limit.offline() && limit.transactionId() != null) {
                next.put(limit.chargePointId(), limit);
            }
        }
        desired = next;
        chargers.values().forEach(LimitPush::newDecision);
        var defaults = port.defaultLimitsKw(siteId);
        for (var limit : next.values()) {
            var cp = limit.chargePointId();
            var target = target(cp);
            if (target.isEmpty()) {
                continue;
            }
            if (charger(cp).inSync(limit)) continue;
            classify(target.get(), limit, defaults);
        }
        releaseRaises();
        next.keySet().forEach(this::show);
    }

    /**
     * Sends a limit at once when it is below what the charger may draw now (accepted, or sent and not answered):
     * that cannot raise what the site counts for it, which is what it may draw, whichever of those limits it
     * applies meanwhile. Such a lowering holds every other charger's raise back until the charger cannot draw
     * more than its limit any more. A limit at what it may draw now goes out at once too (contract 8: "at or
     * below"). A raise waits until a count of the site covers it ({@link #releaseRaises}).
     */
    private void classify(ProfileTarget target, ChargerLimit limit, Map<String, Double> defaults) {
        var charger = charger(limit.chargePointId());
        var mostKw = charger.mayDrawNowKw(limit, defaults.getOrDefault(limit.chargePointId(), 0.0));
        if (limit.allocatedKw() < mostKw) {
            charger.lowering(true);
            if (!charger.isSending(limit)) send(target, limit);
        } else if (limit.allocatedKw() <= mostKw) {
            // what it may draw already (sent again, e.g. in a new unit): no raise, it needs no count of the site
            if (!charger.isSending(limit)) send(target, limit);
        } else {
            charger.raiseWaits(limit, ++raiseOrders);
        }
    }

    /**
     * After an answer: whether the charger still may draw more than its limit (it keeps holding the raises
     * back), or its waiting limit can now go out.
     */
    private void reconsider(String chargePointId) {
        var limit = desired.get(chargePointId);
        var target = target(chargePointId);
        var charger = charger(chargePointId);
        if (limit == null || target.isEmpty() || charger.inSync(limit)) {
            // a connection gone (its failed calls may come before the disconnect): the site reserves what the
            // charger may draw and decides again; the raises go out on its counts only
            charger.lowering(false);
            releaseRaises();
            return;
        }
        var defaults = port.defaultLimitsKw(siteId);
        if (charger.mayDrawNowKw(limit, defaults.getOrDefault(chargePointId, 0.0)) <= limit.allocatedKw() + 1e-9) {
            // it cannot draw more than its limit any more: its lowering is done
            charger.lowering(false);
            releaseRaises();
            return;
        }
        charger.raiseGone();
        classify(target.get(), limit, defaults);
        releaseRaises();
    }

    /**
     * Sends the waiting raises the site counts at their limits in the count being taken in (all of them once no
     * lowering is on its way; before that, those that fit without the lowerings' difference), in the order they
     * started waiting; the others wait for a later count. Never on a count already taken in: the site counts a
     * raise beyond what its charger may draw only until it learns the count was taken in.
     */
    private void releaseRaises() {
        if (countedKw.isEmpty()) return;
        // after every answer: most often no raise waits (a loop, no stream, and nothing to sort then)
        List<LimitPush> raises = null;
        for (var charger : chargers.values()) {
            if (charger.raiseWaiting() == null) continue;
            if (raises == null) raises = new ArrayList<>();
            raises.add(charger);
        }
        if (raises == null) return;
        raises.sort(Comparator.comparingLong(LimitPush::raiseOrder));
        for (var charger : raises) {
            var limit = charger.raiseWaiting();
            var cp = charger.chargePointId;
            if (!siteCounts(limit)) continue;
            charger.raiseGone();
            var target = target(cp);
            if (limit.equals(desired.get(cp)) && !charger.inSync(limit) && !charger.isSending(limit) && target.isPresent()) {
                send(target.get(), limit);
            } else {
                show(cp); // its raise no longer waits
            }
        }
    }

    /** The site counts the charger at least at this limit: it cleared the raise. */
    private boolean siteCounts(ChargerLimit limit) {
        var kw = countedKw.get(limit.chargePointId());
        return kw != null && kw >= limit.allocatedKw() - 1e-9;
    }

    private void send(ProfileTarget target, ChargerLimit limit) {
        var cp = target.chargePointId();
        var sent = charger(cp).sent(limit, ++sendings);
        var profile = Profiles.tx(target.charger(), limit.allocatedKw(), limit.phasesInUse(), limit.transactionId(),
                clock.instant().plus(commLossGrace));
        show(cp);
        // the answer is taken in on the thread that read it when the pusher is idle (no hand-off per answer)
        target.setChargingProfile(profile).whenComplete((status, failure) ->
                answers.execute(() -> {
                    answered(target, sent, status, failure);
                    show(cp);
                }));
    }

    /**
     * Tells the site the charger's TxProfile state when it changed: refused while a refused or unanswered one
     * waits for its retry, sending while one is on its way, in sync once its latest is accepted; with the
     * limit it accepted last for the transaction wanted now. And what it may draw, when that changed.
     */
    private void show(String chargePointId) {
        if (target(chargePointId).isEmpty()) return;
        var charger = charger(chargePointId);
        var wanted = desired.get(chargePointId);
        if (wanted != null) {
            var mayDrawKw = charger.mayDrawNowKw(wanted, port.defaultLimitsKw(siteId).getOrDefault(chargePointId, 0.0));
            var told = charger.mayDrawTold;
            charger.mayDrawTold = mayDrawKw;
            if (Double.doubleToLongBits(mayDrawKw) != Double.doubleToLongBits(told)) { // Double.equals, unboxed
                tellMayDraw(chargePointId, mayDrawKw);
            }
        }
        var limitKw = charger.acceptedLimitKw(wanted);
        var state = charger.profileState(wanted);
        var before = charger.shown;
        if (state == null) {
            if (before != null) {
                charger.shown = null;
                tellState(chargePointId, null);
            }
            return;
        }
        if (before != null && before.state() == state && java.util.Objects.equals(before.limitKw(), limitKw)) return;
        var since = before != null && before.state() == state ? before.since() : clock.instant();
        var now = new ProfileStatus(state, limitKw, since);
        charger.shown = now;
        tellState(chargePointId, now);
    }

    private void answered(ProfileTarget target, LimitPush.InFlight sent, SetChargingProfile.Status status, Throwable failure) {
        var cp = target.chargePointId();
        var charger = charger(cp);
        var limit = sent.limit;
        var current = target(cp).orElse(null) == target;
        charger.answerCame();
        if (failure instanceof dev.dynamo.ocpp.rpc.SupersededException
                || failure != null && failure.getCause() instanceof dev.dynamo.ocpp.rpc.SupersededException) {
            charger.superseded(sent); // never sent: a newer limit took its place in the queue
            return;
        }
        if (failure == null && status == SetChargingProfile.Status.Accepted) {
            charger.accepted(sent, current, desired.get(cp));
            tellAccepted(cp, limit.allocatedKw());
            reconsider(cp);
            return;
        }
        if (failure == null || failure instanceof dev.dynamo.ocpp.rpc.CallFailedException
                || failure.getCause() instanceof dev.dynamo.ocpp.rpc.CallFailedException) {
            charger.refused(sent);
        } else {
            charger.unanswered(sent);
        }
        log.info("{}: TxProfile {} kW not accepted ({})", cp, limit.allocatedKw(),
                failure != null ? failure.toString() : status);
        show(cp); // what it may draw (a timed-out limit may be in force): the site counts it at least at that
        if (!stillWanted(target, sent)) {
            dropSending(cp, sent);
            reconsider(cp);
            return;
        }
        var delay = backoff(charger.retrying(sent));
        timer.schedule(() -> serial.execute(() -> {
            if (stillWanted(target, sent)) {
                send(target, limit);
            } else {
                dropSending(cp, sent);
            }
        }), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A sending that will not be retried; the site learns what the charger may draw then. */
    private void dropSending(String chargePointId, LimitPush.InFlight sent) {
        if (charger(chargePointId).dropSending(sent)) show(chargePointId);
    }

    /** The limit is still the one wanted, on the charger's current, open connection, and no newer one went out. */
    private boolean stillWanted(ProfileTarget target, LimitPush.InFlight sent) {
        var cp = target.chargePointId();
        return target(cp).orElse(null) == target && sent.limit.equals(desired.get(cp)) && charger(cp).isLatest(sent);
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

    /** Tells the site the limit the charger accepted (what it keeps drawing through a comm loss). */
    private void tellAccepted(String chargePointId, double kw) {
        queueNotice(chargePointId, pending -> pending.accepted(kw));
    }

    /** Tells the site the charger's TxProfile state (contract 11), or with null that it is gone. */
    private void tellState(String chargePointId, ProfileStatus state) {
        queueNotice(chargePointId, pending -> pending.shows(state));
    }

    private void tellMayDraw(String chargePointId, double kw) {
        queueNotice(chargePointId, pending -> pending.mayDraw(kw));
    }

    /**
     * Notes a notice in the outbox and, unless a flush is already queued, queues one: every notice that came
     * meanwhile reaches the site in one go, so a burst of answers is one site event per kind.
     */
    private void queueNotice(String chargePointId, java.util.function.Consumer<SiteNotices.Pending> notice) {
        if (outbox.note(chargePointId, notice)) notices.execute(this::flushNotices);
    }

    private void flushNotices() {
        var mayDraw = new HashMap<String, Double>();
        var accepted = new LinkedHashMap<String, Double>();
        var states = new HashMap<String, ProfileStatus>();
        var gone = new HashSet<String>();
        var drained = outbox.drain();
        drained.pending().forEach((cp, pending) -> {
            if (pending.mayDrawKw != null) mayDraw.put(cp, pending.mayDrawKw);
            if (pending.acceptedKw != null) accepted.put(cp, pending.acceptedKw);
            switch (pending.profile) {
                case CHANGED -> states.put(cp, pending.status);
                case GONE -> gone.add(cp);
                case UNCHANGED -> { }
            }
        });
        // what they may draw first (the site counts them by it), then what they accepted and their states: one site event
        port.notices(siteId, mayDraw, drained.seenCount(), accepted, states, gone);
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
