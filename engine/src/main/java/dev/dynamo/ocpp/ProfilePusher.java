package dev.dynamo.ocpp;

import dev.dynamo.ocpp.OcppSitePort.ChargerLimit;
import dev.dynamo.ocpp.OcppSitePort.SiteLimits;
import dev.dynamo.ocpp.v16.ChargingProfile;
import dev.dynamo.ocpp.v16.SetChargingProfile;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one site's chargers to the limits of its latest decision. Lowered limits go first; the raised
 * ones wait until every lowered one is accepted (or its charger is gone), so the site stays within its
 * limits in between. A rejected or unanswered profile is sent again after 1 s, 2 s, 4 s … 60 s while it
 * is still wanted. Tracks the last limit each charger accepted, which the site reserves through a comm
 * loss. All state lives on one serial executor.
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
    /** The limit on its way to each charger (sent, or waiting for a retry). */
    private final Map<String, ChargerLimit> sending = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Set<String> pendingLowers = new HashSet<>();
    private final List<ChargerLimit> waitingRaises = new ArrayList<>();

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
        });
    }

    void disconnected(String chargePointId) {
        serial.execute(() -> {
            sending.remove(chargePointId);
            failures.remove(chargePointId);
            // Its lowering will not come; the site now reserves what it accepted last.
            if (pendingLowers.remove(chargePointId) && pendingLowers.isEmpty()) {
                releaseRaises();
            }
        });
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
            if (target.isEmpty() || inSync(limit)) {
                continue;
            }
            if (limit.allocatedKw() < previousKw(limit, defaults)) {
                // Already on its way (or waiting for a retry): it still holds the raises back.
                pendingLowers.add(cp);
                if (!limit.equals(sending.get(cp))) {
                    send(target.get(), limit);
                }
            } else {
                waitingRaises.add(limit);
            }
        }
        if (pendingLowers.isEmpty()) {
            releaseRaises();
        }
    }

    /** What the charger may draw now: its accepted TxProfile for this transaction, else its default. */
    private double previousKw(ChargerLimit limit, Map<String, Double> defaults) {
        var held = accepted.get(limit.chargePointId());
        if (held != null && held.transactionId().equals(limit.transactionId()) && !unsynced.contains(limit.chargePointId())) {
            return held.allocatedKw();
        }
        return defaults.getOrDefault(limit.chargePointId(), 0.0);
    }

    private boolean inSync(ChargerLimit limit) {
        return limit.equals(accepted.get(limit.chargePointId())) && !unsynced.contains(limit.chargePointId());
    }

    private void releaseRaises() {
        var raises = List.copyOf(waitingRaises);
        waitingRaises.clear();
        for (var limit : raises) {
            if (limit.equals(desired.get(limit.chargePointId())) && !inSync(limit)
                    && !limit.equals(sending.get(limit.chargePointId()))) {
                target(limit.chargePointId()).ifPresent(t -> send(t, limit));
            }
        }
    }

    private void send(ProfileTarget target, ChargerLimit limit) {
        var cp = target.chargePointId();
        sending.put(cp, limit);
        var profile = Profiles.tx(target.charger(), limit.allocatedKw(), limit.phasesInUse(), limit.transactionId(),
                clock.instant().plus(commLossGrace));
        target.setChargingProfile(profile).whenComplete((status, failure) ->
                serial.execute(() -> answered(target, limit, status, failure)));
    }

    private void answered(ProfileTarget target, ChargerLimit limit, SetChargingProfile.Status status, Throwable failure) {
        var cp = target.chargePointId();
        var current = target(cp).orElse(null) == target;
        if (failure == null && status == SetChargingProfile.Status.Accepted) {
            if (limit.equals(sending.get(cp))) {
                sending.remove(cp);
            }
            failures.remove(cp);
            if (current) {
                accepted.put(cp, limit);
                unsynced.remove(cp);
            }
            notices.execute(() -> port.limitAcknowledged(cp, limit.allocatedKw()));
            if (limit.equals(desired.get(cp)) && pendingLowers.remove(cp) && pendingLowers.isEmpty()) {
                releaseRaises();
            }
            return;
        }
        log.info("{}: TxProfile {} kW not accepted ({})", cp, limit.allocatedKw(),
                failure != null ? failure.toString() : status);
        if (!stillWanted(target, limit)) {
            sending.remove(cp, limit);
            return;
        }
        var delay = backoff(failures.merge(cp, 1, Integer::sum));
        timer.schedule(() -> serial.execute(() -> {
            if (stillWanted(target, limit)) {
                send(target, limit);
            } else {
                sending.remove(cp, limit);
            }
        }), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The limit is still the one wanted, on the charger's current, open connection, and no newer one went out. */
    private boolean stillWanted(ProfileTarget target, ChargerLimit limit) {
        var cp = target.chargePointId();
        return target(cp).orElse(null) == target && limit.equals(desired.get(cp)) && limit.equals(sending.get(cp));
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
