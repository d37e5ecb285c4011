package dev.dynamo.site;

import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.Strategy;

import dev.dynamo.store.RotationState;
import dev.dynamo.store.SessionEnergy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
    private final DurableRotation durable;
    /** When the rotation clock last started or ticked, and the period its timer was set with. */
    private Instant rotationFrom;
    private Duration rotationPeriod;
    /** The rotation clock stored before a restart, taken up by the first decision after it. */
    private Instant restoredClockAt;

    /**
     * The durable write of a decision: the rotation state it changed (maybe none), with the event's own
     * write where it has one, in one transaction. It runs before the decision is applied, so a write that
     * fails leaves the site as it was.
     */
    @FunctionalInterface
    interface DurableWrite {
        void write(RotationState changes);
    }

    SiteDecisions(SiteEnvironment env, LiveSite live, SiteTimers timers, List<DecisionListener> listeners, Runnable publish) {
        this.env = env;
        this.live = live;
        this.timers = timers;
        this.listeners = listeners;
        this.publish = publish;
        this.maker = new DecisionMaker(env.core(), env.commLossGrace());
        this.durable = new DurableRotation(live.definition.siteId());
    }

    /**
     * One decision for {@code trigger}, unless the site has no config yet; writes the rotation state it changed.
     * True when a decision was applied, and the site's view published with it.
     */
    boolean decide(Trigger trigger) {
        return decide(trigger, changes -> env.store().writeRotation(changes));
    }

    /** As {@link #decide(Trigger)}, with {@code write} making the decision's durable write (called once). */
    boolean decide(Trigger trigger, DurableWrite write) {
        if (live.config == null) {
            write.write(RotationState.unchanged(live.definition.siteId()));
            return false;
        }
        var outcome = maker.decide(live, env.clock().instant(), trigger);
        var tick = trigger == Trigger.ROTATION;
        if (tick && sameShares(outcome.snapshot(), live.allocation)) {
            // a tick that changes nothing is no decision; the rotation clock goes on from now
            var clockAt = clockAt(outcome, true);
            persist(write, durable.changes(live.sessions.keySet(), live.queuedSince, live.admittedAt,
                    storedOrder(outcome, live.admissionOrder), clockAt));
            scheduleRotation(clockAt);
            return false;
        }
        commit(outcome, write);
        return true;
    }

    /**
     * The allocation the current sessions would get under {@code config} now, as a config change would
     * decide it; nothing is applied, recorded or sent.
     */
    AllocationSnapshot preview(ChargingConfig config) {
        var snapshot = maker.decide(live, config, env.clock().instant(), Trigger.CONFIG).snapshot();
        // no limit goes out for a preview: it has no TxProfile state (contract 11, profile null)
        return snapshot.withAllocations(snapshot.allocations().stream().map(a -> a.withProfile(null)).toList());
    }

    /** The budget a decision would have now (contract 9.2 compares it with the budget in force). */
    dev.dynamo.allocation.Budget budgetNow() {
        var now = env.clock().instant();
        var config = live.config;
        var inForce = dev.dynamo.schedule.BudgetInForce.at(config.maxPowerKw(),
                config.strategy() == dev.dynamo.contract.Strategy.SCHEDULED,
                config.strategy() == dev.dynamo.contract.Strategy.PRIORITY ? dev.dynamo.allocation.Sharing.PRIORITY
                        : dev.dynamo.allocation.Sharing.EQUAL, config.schedule(), now, live.definition.timezone());
        return live.grid.budget(live.definition, inForce.budgetKw(), live.sessions, live.states(), now);
    }

    /** Takes up the rotation state stored before a restart; before the site's first decision. */
    void restore(RotationState stored) {
        restoredClockAt = durable.restore(stored, live);
    }

    /** The session on the charger ended and its stored row with it. */
    void forget(String chargePointId) {
        durable.forget(chargePointId);
    }

    /** The admission order matters after a restart only while rotation is on (sticky admission). */
    private static List<String> storedOrder(DecisionMaker.Outcome outcome, List<String> order) {
        return outcome.rotationOn() ? order : null;
    }

    private void persist(DurableWrite write, RotationState changes) {
        write.write(changes);
        durable.written(changes);
    }

    private void commit(DecisionMaker.Outcome outcome, DurableWrite write) {
        var snapshot = outcome.snapshot();
        var allocations = snapshot.allocations();
        var wasCharging = wasCharging(allocations);
        var clockAt = clockAt(outcome, snapshot.trigger() == Trigger.ROTATION);
        var energy = energyChanges(snapshot);
        if (env.store().durable()) {
            // the new queue is made beside the old one until it is written: a failed write leaves the site as it was
            var queuedSince = new HashMap<>(live.queuedSince);
            var admittedAt = new HashMap<>(live.admittedAt);
            queueChanges(allocations, wasCharging, snapshot.calculatedAt(), queuedSince, admittedAt);
            persist(write, durable.changes(live.sessions.keySet(), queuedSince, admittedAt,
                    storedOrder(outcome, outcome.admissionOrder()), clockAt).withEnergy(energyByCharger(allocations, energy)));
            live.queuedSince = queuedSince;
            live.admittedAt = admittedAt;
        } else {
            // a store that keeps nothing (the offline simulation): no rotation state or energy to write beside the
            // event's own write, and the queue changes in place once that is done
            write.write(RotationState.unchanged(live.definition.siteId()));
            queueChanges(allocations, wasCharging, snapshot.calculatedAt(), live.queuedSince, live.admittedAt);
        }
        for (int i = 0; i < energy.length; i++) {
            if (energy[i] != null) live.energy.put(allocations.get(i).chargePointId(), energy[i]);
        }
        live.admissionOrder = new java.util.ArrayList<>(outcome.admissionOrder());
        live.allocation = snapshot;
        rememberCharging(snapshot);
        live.grid.decided(live.definition, snapshot.calculatedAt(), snapshot.trigger());
        if (env.decisions().keepsRecords()) env.decisions().record(outcome.record());
        if (LOG.isDebugEnabled()) {
            LOG.debug("site {}: {} decision, budget {} kW, allocated {} kW to {} chargers", live.definition.siteId(),
                    snapshot.trigger().json(), snapshot.totalBudgetKw(), snapshot.totalAllocatedKw(), allocations.size());
        }
        publish.run();
        var count = Counted.published(live, snapshot);
        for (var listener : listeners) {
            try {
                listener.decisionMade(live.definition, snapshot, count);
            } catch (RuntimeException e) {
                LOG.warn("site {}: decision listener failed", live.definition.siteId(), e);
            }
        }
        scheduleBoundary(snapshot.calculatedAt());
        scheduleRotation(clockAt);
        scheduleDeparture(snapshot.calculatedAt());
    }

    /** Rule 7.2's queue after a decision: since when each queued charger waits, when each charging one was admitted. */
    private static void queueChanges(List<ChargerAllocation> allocations, boolean[] wasCharging, Instant at,
                                     Map<String, Instant> queuedSince, Map<String, Instant> admittedAt) {
        for (int i = 0; i < allocations.size(); i++) {
            var a = allocations.get(i);
            var cp = a.chargePointId();
            if (a.status() == ChargerStatus.QUEUED) {
                queuedSince.put(cp, a.queuedSince());
                admittedAt.remove(cp);
            } else if (a.status() == ChargerStatus.CHARGING) {
                queuedSince.remove(cp);
                if (!wasCharging[i]) admittedAt.put(cp, at);
            }
        }
    }

    /**
     * Whether each of {@code allocations} (by charge point id) was charging in the allocation in force (or at the
     * restore, before any decision): both lists go by charge point id, so one walk through them tells.
     */
    private boolean[] wasCharging(List<ChargerAllocation> allocations) {
        var was = new boolean[allocations.size()];
        if (live.allocation == null) {
            for (int i = 0; i < was.length; i++) was[i] = live.chargingAtRestore.contains(allocations.get(i).chargePointId());
            return was;
        }
        if (chargingOf == live.allocation) {
            // the ids and statuses of the allocation in force, kept beside it at its commit: the walk reads two
            // arrays instead of the last decision's allocations (a read from far off, for every charger)
            var ids = chargingIds;
            var charging = chargingById;
            var k = 0;
            for (int i = 0; i < was.length; i++) {
                var cp = allocations.get(i).chargePointId();
                while (k < ids.length && ids[k] != cp && !ids[k].equals(cp) && ids[k].compareTo(cp) < 0) k++;
                was[i] = k < ids.length && (ids[k] == cp || ids[k].equals(cp)) && charging[k];
            }
            return was;
        }
        var before = live.allocation.allocations();
        var j = 0;
        for (int i = 0; i < was.length; i++) {
            var cp = allocations.get(i).chargePointId();
            while (j < before.size() && !before.get(j).chargePointId().equals(cp) && before.get(j).chargePointId().compareTo(cp) < 0) j++;
            was[i] = j < before.size() && before.get(j).chargePointId().equals(cp) && before.get(j).status() == ChargerStatus.CHARGING;
        }
        return was;
    }

    /** The allocation in force that {@link #chargingIds} and {@link #chargingById} were made of (another: not used). */
    private AllocationSnapshot chargingOf;
    private String[] chargingIds = new String[0];
    private boolean[] chargingById = new boolean[0];

    private void rememberCharging(AllocationSnapshot snapshot) {
        var allocations = snapshot.allocations();
        var ids = new String[allocations.size()];
        var charging = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) {
            var a = allocations.get(i);
            ids[i] = a.chargePointId();
            charging[i] = a.status() == ChargerStatus.CHARGING;
        }
        chargingIds = ids;
        chargingById = charging;
        chargingOf = snapshot;
    }

    private static Map<String, SessionEnergy> energyByCharger(List<ChargerAllocation> allocations, SessionEnergy[] energy) {
        var changes = new HashMap<String, SessionEnergy>();
        for (int i = 0; i < energy.length; i++) if (energy[i] != null) changes.put(allocations.get(i).chargePointId(), energy[i]);
        return changes;
    }

    /** Tells the listeners that the allocation in force was counted again (no decision). */
    void recounted(AllocationSnapshot snapshot) {
        var count = Counted.published(live, snapshot);
        for (var listener : listeners) {
            try {
                listener.recounted(live.definition, snapshot, count);
            } catch (RuntimeException e) {
                LOG.warn("site {}: recount listener failed", live.definition.siteId(), e);
            }
        }
    }

    /**
     * Stores every session's energy as of now; {@code stopping}: the engine stops, and the integral stops
     * with it (while it is down there is no allocation), so it is stored with rate 0.
     */
    void checkpointEnergy(boolean stopping) {
        var now = env.clock().instant();
        var energies = new java.util.ArrayList<dev.dynamo.store.StoredEnergy>();
        var checkpoint = new HashMap<String, SessionEnergy>();
        for (var session : live.sessions.values()) {
            var energy = live.energyOf(session);
            energy = energy.rateFrom(now, stopping ? 0 : energy.rateKw());
            checkpoint.put(session.chargePointId(), energy);
            energies.add(new dev.dynamo.store.StoredEnergy(live.definition.siteId(), session.chargePointId(), energy));
        }
        env.store().writeEnergy(energies);
        if (!stopping) live.energy.putAll(checkpoint);
    }
    /**
     * The integral of each session's allocation (contract 10) goes on at its new rate from this decision: the
     * sessions whose rate changes (and new ones) are stored with the decision's write, and so are those
     * stored more than 5 minutes ago (with the departure tick, a session with a departure is stored that often).
     * Aligned with the snapshot's allocations; null where the energy goes on as it was.
     */
    private SessionEnergy[] energyChanges(AllocationSnapshot snapshot) {
        var allocations = snapshot.allocations();
        var changes = new SessionEnergy[allocations.size()];
        var staleBefore = snapshot.calculatedAt().minus(Departures.TICK);
        for (int i = 0; i < changes.length; i++) {
            var a = allocations.get(i);
            var known = live.energy.get(a.chargePointId());
            if (known != null && known.rateKw() == a.allocatedKw() && known.integralAt().isAfter(staleBefore)) continue;
            var base = known != null ? known : live.energyOf(a.session());
            changes[i] = base.rateFrom(snapshot.calculatedAt(), a.allocatedKw());
        }
        return changes;
    }

    /**
     * Laxity changes with time: while a session has a finite laxity the site re-decides every 5 minutes
     * (trigger {@code departure}). Like the rotation clock, the tick runs from the previous one: other
     * decisions in between do not push it back.
     */
    private void scheduleDeparture(Instant decidedAt) {
        if (!Departures.anyFinite(live, decidedAt)) {
            timers.cancel("departure");
            return;
        }
        if (timers.isSet("departure")) return;
        timers.once("departure", decidedAt.plus(Departures.TICK), () -> decide(Trigger.DEPARTURE));
    }

    private void scheduleBoundary(Instant after) {
        timers.cancel("boundary");
        if (live.config.strategy() != Strategy.SCHEDULED) return;
        ScheduleInForce.nextBoundaryAfter(live.config.schedule(), live.definition.timezone(), after)
                .ifPresent(boundary -> timers.once("boundary", boundary, () -> decide(Trigger.SCHEDULE)));
    }

    /**
     * When the rotation clock runs from after this decision, or null when it stops: it starts when a charger
     * is queued while none was, restarts at each tick, and after a restart goes on from where it was.
     */
    private Instant clockAt(DecisionMaker.Outcome outcome, boolean tick) {
        if (!outcome.rotationOn() || !outcome.anyQueued()) return null;
        if (!tick && timers.isSet("rotation")) return rotationFrom;
        if (!tick && restoredClockAt != null) return restoredClockAt;
        return outcome.snapshot().calculatedAt();
    }

    private void scheduleRotation(Instant clockAt) {
        restoredClockAt = null;
        if (clockAt == null) {
            timers.cancel("rotation");
            return;
        }
        var period = Duration.ofMinutes(live.config.rotationPeriodMin());
        // a config with another period: the next tick is one new period after the last (or the start)
        if (timers.isSet("rotation") && clockAt.equals(rotationFrom) && period.equals(rotationPeriod)) return;
        rotationFrom = clockAt;
        rotationPeriod = period;
        var now = env.clock().instant();
        var next = clockAt.plus(period);
        timers.once("rotation", next.isBefore(now) ? now : next, () -> decide(Trigger.ROTATION));
    }

    private static boolean sameShares(AllocationSnapshot a, AllocationSnapshot b) {
        if (b == null) return false;
        return shares(a).equals(shares(b));
    }

    private static Map<String, Double> shares(AllocationSnapshot snapshot) {
        var map = new TreeMap<String, Double>();
        snapshot.allocations().forEach(a -> map.put(a.chargePointId(), a.targetKw()));
        return map;
    }

}
