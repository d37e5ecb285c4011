package dev.dynamo.site;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a site's decisions and applies them: the new allocation, its record, the listeners, and the
 * timers that follow from it (the next schedule boundary, the rotation tick). Used on the site's thread.
 */
final class SiteDecisions {
    private static final Logger LOG = LoggerFactory.getLogger(SiteDecisions.class);

    private final SiteEnvironment env;
    private final LiveSite live;
    private final SiteTimers timers;
    private final List<DecisionListener> listeners;
    private final Runnable publish;
    private final DecisionMaker maker;
    /** When the rotation clock last started or ticked, and the period its timer was set with. */
    private Instant rotationFrom;
    private Duration rotationPeriod;

    SiteDecisions(SiteEnvironment env, LiveSite live, SiteTimers timers, List<DecisionListener> listeners, Runnable publish) {
        this.env = env;
        this.live = live;
        this.timers = timers;
        this.listeners = listeners;
        this.publish = publish;
        this.maker = new DecisionMaker(env.core(), env.commLossGrace());
    }

    /** One decision for {@code trigger}, unless the site has no config yet. */
    void decide(Trigger trigger) {
        if (live.config == null) return;
        var outcome = maker.decide(live, env.clock().instant(), trigger);
        if (trigger == Trigger.ROTATION && sameShares(outcome.snapshot(), live.allocation)) {
            // a tick that changes nothing is no decision; the rotation clock goes on
            timers.cancel("rotation");
            scheduleRotation(outcome);
            return;
        }
        commit(outcome);
    }

    private void commit(DecisionMaker.Outcome outcome) {
        var snapshot = outcome.snapshot();
        var wasCharging = DecisionMaker.charging(live);
        for (var a : snapshot.allocations()) {
            var cp = a.chargePointId();
            if (a.status() == ChargerStatus.QUEUED) {
                live.queuedSince.put(cp, a.queuedSince());
                live.admittedAt.remove(cp);
            } else if (a.status() == ChargerStatus.CHARGING) {
                live.queuedSince.remove(cp);
                if (!wasCharging.contains(cp)) live.admittedAt.put(cp, snapshot.calculatedAt());
            }
        }
        live.admissionOrder = new java.util.ArrayList<>(outcome.admissionOrder());
        live.allocation = snapshot;
        for (var a : snapshot.allocations()) {
            if (a.status() != ChargerStatus.OFFLINE && a.session().transactionId() != null) {
                live.sentMaxKw.merge(a.chargePointId(), a.targetKw(), Math::max);
            }
        }
        env.decisions().record(outcome.record());
        LOG.debug("site {}: {} decision, budget {} kW, allocated {} kW to {} chargers", live.definition.siteId(),
                snapshot.trigger().json(), snapshot.totalBudgetKw(), snapshot.totalAllocatedKw(),
                snapshot.allocations().size());
        publish.run();
        for (var listener : listeners) {
            try {
                listener.decisionMade(live.definition, snapshot);
            } catch (RuntimeException e) {
                LOG.warn("site {}: decision listener failed", live.definition.siteId(), e);
            }
        }
        scheduleBoundary(snapshot.calculatedAt());
        if (snapshot.trigger() == Trigger.ROTATION) timers.cancel("rotation");
        scheduleRotation(outcome);
    }

    private void scheduleBoundary(Instant after) {
        timers.cancel("boundary");
        if (live.config.strategy() != Strategy.SCHEDULED) return;
        ScheduleInForce.nextBoundaryAfter(live.config.schedule(), live.definition.timezone(), after)
                .ifPresent(boundary -> timers.once("boundary", boundary, () -> decide(Trigger.SCHEDULE)));
    }

    private void scheduleRotation(DecisionMaker.Outcome outcome) {
        if (!outcome.rotationOn() || !outcome.anyQueued()) {
            timers.cancel("rotation");
            return;
        }
        var period = Duration.ofMinutes(live.config.rotationPeriodMin());
        var now = env.clock().instant();
        if (timers.isSet("rotation")) {
            if (period.equals(rotationPeriod)) return;
            // a config with another period: the next tick is one new period after the last (or the start)
            var next = rotationFrom.plus(period);
            rotationPeriod = period;
            timers.once("rotation", next.isBefore(now) ? now : next, () -> decide(Trigger.ROTATION));
            return;
        }
        rotationFrom = now;
        rotationPeriod = period;
        timers.once("rotation", now.plus(period), () -> decide(Trigger.ROTATION));
    }

    private static boolean sameShares(AllocationSnapshot a, AllocationSnapshot b) {
        if (b == null) return false;
        return shares(a).equals(shares(b));
    }

    private static Map<String, Double> shares(AllocationSnapshot snapshot) {
        var map = new TreeMap<String, Double>();
        snapshot.allocations().forEach(a -> map.put(a.chargePointId(), a.allocatedKw()));
        return map;
    }

}
