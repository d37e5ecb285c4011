package dev.dynamo.site;

import static dev.dynamo.site.SiteStateException.Kind.CONFLICT;
import static dev.dynamo.site.SiteStateException.Kind.NOT_FOUND;
import static dev.dynamo.site.SiteStateException.Kind.UNPROCESSABLE;

import dev.dynamo.store.RotationState;
import dev.dynamo.store.StoredSession;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One site, alive: every event is applied on the site's own single thread, persisted before it is
 * acknowledged, and turned into one decision (a session start is stored in one write with the rotation
 * state its decision changes, before its limits go out). The methods block until the event is applied; called from
 * the site's own thread (a listener), they run at once.
 */
public final class SiteHandle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SiteHandle.class);

    private final SiteEnvironment env;
    private final SiteExecutor executor;
    private final LiveSite live;
    private final SiteTimers timers;
    private final SiteDecisions decisions;
    private volatile SiteView view;
    /** A rebalance after limits were accepted or refused is waiting on the site's thread. */
    private boolean rebalanceQueued;

    SiteHandle(SiteEnvironment env, SiteDefinition definition, List<DecisionListener> listeners) {
        this.env = env;
        this.live = new LiveSite(definition);
        this.executor = env.timers().callerRuns() ? SiteExecutor.callerRuns() : new SiteExecutor(definition.siteId());
        this.timers = new SiteTimers(env.timers().forSite(definition.siteId()), executor, env.clock());
        this.decisions = new SiteDecisions(env, live, timers, listeners, this::publish);
        this.view = live.view();
    }

    public String siteId() { return live.definition.siteId(); }

    /** The latest published state; never blocks. */
    public SiteView view() { return view; }

    /**
     * Reads, validates and stores a config against the site's current definition, then rebalances. The
     * config and the rotation state its decision changes are stored in one write before anything changes
     * in memory: a failed write leaves the site as it was.
     */
    public ConfigStored storeConfig(Function<SiteDefinition, ChargingConfig> reader) {
        return executor.call(() -> {
            refuseWhileBacklogged();
            var config = reader.apply(live.definition);
            var json = SiteDocuments.write(SiteDocuments.configNode(config));
            var previous = live.config;
            var previousCaps = Map.copyOf(live.measuredCapKw);
            live.config = config;
            // caps lowered to metered power (7.3) hold only while redistribution is on
            if (!config.redistributeUnused()) live.measuredCapKw.clear();
            var stored = new boolean[1];
            try {
                decide(Trigger.CONFIG, changes -> {
                    env.store().putConfig(siteId(), json, config.updatedAt(), changes);
                    stored[0] = true;
                });
            } catch (RuntimeException e) {
                if (!stored[0]) {
                    live.config = previous;
                    live.measuredCapKw.putAll(previousCaps);
                    publish();
                }
                throw e;
            }
            LOG.info("site {}: config {} ({} {} kW, floor {} kW)", siteId(), previous == null ? "created" : "replaced",
                    config.strategy().json(), config.maxPowerKw(), config.minPowerPerChargerKw());
            return new ConfigStored(config, previous == null, live.allocation);
        });
    }

    /**
     * Replaces the definition once {@code configCheck} accepts the stored config (it throws to refuse);
     * sessions on chargers the site no longer has end. The definition, the ended sessions and the rotation
     * state are stored in one write before anything changes in memory.
     */
    public SiteView replaceDefinition(SiteDefinition definition, Consumer<ChargingConfig> configCheck) {
        return executor.call(() -> {
            refuseWhileBacklogged();
            if (live.config != null) configCheck.accept(live.config);
            var json = SiteDocuments.write(SiteDocuments.definitionNode(definition, true));
            var kept = definition.chargers().stream().map(ChargerDefinition::chargePointId).toList();
            var ended = live.sessions.keySet().stream().filter(cp -> !kept.contains(cp)).toList();
            var previousDefinition = live.definition;
            var endedSessions = ended.stream().map(live.sessions::get).toList();
            var previousConnected = Set.copyOf(live.connected);
            ended.forEach(live.sessions::remove);
            live.connected.retainAll(kept);
            live.definition = definition;
            var stored = new boolean[1];
            try {
                decide(ended.isEmpty() ? Trigger.SITE : Trigger.SESSION_STOP, changes -> {
                    env.store().putSite(siteId(), json, ended, changes);
                    stored[0] = true;
                });
            } catch (RuntimeException e) {
                if (!stored[0]) {
                    live.definition = previousDefinition;
                    endedSessions.forEach(session -> live.sessions.put(session.chargePointId(), session));
                    live.connected.addAll(previousConnected);
                    publish();
                }
                throw e;
            }
            for (var cp : ended) {
                live.forgetSession(cp);
                decisions.forget(cp);
            }
            publish();
            LOG.info("site {}: definition stored ({} chargers{})", siteId(), kept.size(),
                    ended.isEmpty() ? "" : ", ended sessions on " + ended);
            return view;
        });
    }

    /** Requests that need a durable write are refused while the decision log cannot take their decision. */
    private void refuseWhileBacklogged() {
        if (env.decisions().backlogged()) {
            throw new SiteBusyException("the engine cannot write its decisions to the store at the moment "
                    + "(too many wait); nothing was changed");
        }
    }

    /** Starts a session; {@code transactionId} is the OCPP transaction, or null. */
    public Session startSession(String chargePointId, SessionStart start, Integer transactionId) {
        return executor.call(() -> {
            var charger = live.charger(chargePointId).orElseThrow(() -> unknownCharger(chargePointId));
            refuseWhileBacklogged();
            if (live.sessions.containsKey(chargePointId)) {
                throw new SiteStateException(CONFLICT, "charger " + chargePointId + " already has a session in progress");
            }
            var phases = start.phasesInUse() != null ? start.phasesInUse() : charger.phases();
            if (phases > charger.phases()) {
                throw new SiteStateException(UNPROCESSABLE, "phases_in_use 3 on the 1-phase charger " + chargePointId);
            }
            var session = new Session(UUID.randomUUID().toString(), siteId(), chargePointId,
                    now().truncatedTo(ChronoUnit.MILLIS), start.evMaxPowerKw(), start.energyNeededKwh(), phases,
                    transactionId);
            // the session is stored with the rotation state its decision changes, in one write
            live.sessions.put(chargePointId, session);
            var stored = new boolean[1];
            try {
                decide(Trigger.SESSION_START, changes -> {
                    env.store().putSession(stored(session), changes);
                    stored[0] = true;
                });
            } catch (RuntimeException e) {
                if (!stored[0]) live.sessions.remove(chargePointId);
                throw e;
            }
            return session;
        });
    }

    /** Stops the session on a charger; 404-like when there is none. */
    public Session stopSession(String chargePointId) {
        return executor.call(() -> {
            live.charger(chargePointId).orElseThrow(() -> unknownCharger(chargePointId));
            var session = live.sessions.get(chargePointId);
            if (session == null) throw new SiteStateException(NOT_FOUND, "charger " + chargePointId + " has no session in progress");
            refuseWhileBacklogged();
            endSession(session);
            return session;
        });
    }

    /** Stops the session with an OCPP transaction id, if this site has it. */
    public Optional<Session> stopByTransaction(int transactionId) {
        return executor.call(() -> {
            var session = live.sessions.values().stream()
                    .filter(s -> s.transactionId() != null && s.transactionId() == transactionId).findFirst();
            if (session.isPresent()) {
                refuseWhileBacklogged();
                endSession(session.get());
            }
            return session;
        });
    }

    /** A manual rebalance; empty when the site has no config. */
    public Optional<AllocationSnapshot> rebalance() {
        return executor.call(() -> {
            if (live.config == null) return Optional.<AllocationSnapshot>empty();
            refuseWhileBacklogged();
            decide(Trigger.MANUAL);
            return Optional.of(live.allocation);
        });
    }

    /** The charger's first request on a new connection: a reservation held through a comm loss ends. */
    public void connected(String chargePointId) {
        executor.call(() -> {
            if (live.charger(chargePointId).isEmpty()) return null;
            live.connected.add(chargePointId);
            live.lostSince.remove(chargePointId);
            decide(Trigger.CONNECT);
            return null;
        });
    }

    public void disconnected(String chargePointId) {
        executor.call(() -> {
            if (!live.connected.remove(chargePointId)) return null;
            if (live.sessions.containsKey(chargePointId)) {
                var since = now();
                live.lostSince.put(chargePointId, since);
                // when the grace period ends its TxProfile has expired: it counts at its default limit
                timers.once("grace-" + chargePointId, since.plus(env.commLossGrace()), () -> {
                    if (since.equals(live.lostSince.get(chargePointId))) decide(Trigger.DISCONNECT);
                });
            }
            decide(Trigger.DISCONNECT);
            return null;
        });
    }

    /**
     * Limits accepted by chargers (kW by charge point id), applied as one event: what each keeps drawing if
     * its connection is lost; {@code settled} have no other limit on its way to them. When the site held a
     * previous limit for a lowering, the others may now share what it gave up.
     */
    public void limitsAcknowledged(Map<String, Double> kwByCharger, Set<String> settled) {
        executor.call(() -> {
            live.acknowledgedKw.putAll(kwByCharger);
            settled.forEach(cp -> {
                live.sentMaxKw.remove(cp);
                live.refused.remove(cp);
            });
            if (live.allocation != null && live.allocation.allocations().stream()
                    .anyMatch(a -> a.loweringKw() != null && kwByCharger.containsKey(a.chargePointId()))) {
                rebalanceSoon();
            }
            return null;
        });
    }

    /**
     * The charger rejected a limit, or did not answer in time (it is being sent again). A lowering it has
     * not accepted leaves its previous limit in force: the site holds it for the charger from now on.
     */
    public void limitNotAccepted(String chargePointId) {
        executor.call(() -> {
            // refusals are rare: the next decision holds what it may still draw, whatever was refused
            if (!live.sessions.containsKey(chargePointId)) return null;
            live.refused.add(chargePointId);
            rebalanceSoon();
            return null;
        });
    }

    /**
     * One decision after the events already queued: a burst of answers makes one rebalance. Recorded as
     * {@code measured} (the contract's triggers are fixed): a charger reported what it may draw.
     */
    private void rebalanceSoon() {
        if (rebalanceQueued) return;
        rebalanceQueued = true;
        executor.submit(() -> {
            rebalanceQueued = false;
            decide(Trigger.MEASURED);
        });
    }

    /**
     * A meter value: the measured power and, when the charger reports per-phase current, the number of
     * phases it draws on (or null); a session goes to one phase only after a minute of such readings.
     */
    public void meterValue(String chargePointId, double measuredKw, Integer phasesDrawn) {
        executor.call(() -> {
            var session = live.sessions.get(chargePointId);
            if (session == null) return null;
            var at = now();
            live.meters.put(chargePointId, new LiveSite.MeterReading(measuredKw, at));
            var chargerPhases = live.charger(chargePointId).map(ChargerDefinition::phases).orElse(3);
            var learned = PhasesLearned.from(live, session, chargerPhases, phasesDrawn, at);
            var phasesChanged = learned != null;
            if (phasesChanged) {
                var updated = new Session(session.sessionId(), session.siteId(), chargePointId, session.startedAt(),
                        session.evMaxPowerKw(), session.energyNeededKwh(), learned, session.transactionId());
                env.store().putSession(stored(updated));
                live.sessions.put(chargePointId, updated);
            }
            var capChanged = live.config != null && UnusedPower.onMeterValue(live, chargePointId, measuredKw, at);
            if (live.measuredCapKw.containsKey(chargePointId)) {
                timers.once("stale-" + chargePointId, at.plus(UnusedPower.STALE_AFTER).plusMillis(1), () -> {
                    if (UnusedPower.liftIfStale(live, chargePointId, now())) decide(Trigger.MEASURED);
                });
            }
            if (phasesChanged || capChanged) decide(Trigger.MEASURED);
            else showMeasured(chargePointId, measuredKw);
            return null;
        });
    }

    /** Waits until every event already submitted to the site (timers included) has been applied. */
    public void awaitIdle() {
        executor.callUnbounded(() -> null);
    }

    /** A decision without a new event: the first one after a restart. */
    void decideNow(Trigger trigger) {
        executor.call(() -> {
            decide(trigger);
            return null;
        });
    }

    /** Loads stored state without deciding (restart). */
    void restore(ChargingConfig config, List<Session> sessions, RotationState rotation) {
        executor.callUnbounded(() -> {
            live.config = config;
            sessions.forEach(s -> live.sessions.put(s.chargePointId(), s));
            decisions.restore(rotation);
            publish();
            return null;
        });
    }

    private void endSession(Session session) {
        // the decision sees the site without the session; its row goes with the rotation state that changes
        var cp = session.chargePointId();
        live.sessions.remove(cp);
        var deleted = new boolean[1];
        try {
            decide(Trigger.SESSION_STOP, changes -> {
                env.store().deleteSession(siteId(), cp, changes);
                deleted[0] = true;
            });
        } catch (RuntimeException e) {
            if (!deleted[0]) live.sessions.put(cp, session);
            throw e;
        }
        live.forgetSession(cp);
        decisions.forget(cp);
        publish();
    }

    private void decide(Trigger trigger) {
        decisions.decide(trigger);
        publish();
    }

    private void decide(Trigger trigger, SiteDecisions.DurableWrite write) {
        decisions.decide(trigger, write);
        publish();
    }

    private void showMeasured(String chargePointId, double measuredKw) {
        if (live.allocation != null) {
            var allocations = live.allocation.allocations().stream()
                    .map(a -> a.chargePointId().equals(chargePointId) ? a.withMeasuredKw(measuredKw) : a).toList();
            var s = live.allocation;
            live.allocation = new AllocationSnapshot(s.siteId(), s.strategy(), s.totalBudgetKw(), s.totalAllocatedKw(),
                    s.calculatedAt(), s.trigger(), allocations, s.circuits());
        }
        publish();
    }

    private void publish() {
        view = live.view();
    }

    private Instant now() {
        return env.clock().instant();
    }

    private StoredSession stored(Session session) {
        return new StoredSession(siteId(), session.chargePointId(), SiteDocuments.write(SiteDocuments.sessionNode(session)));
    }

    private SiteStateException unknownCharger(String chargePointId) {
        return new SiteStateException(NOT_FOUND, "site " + siteId() + " has no charger " + chargePointId);
    }

    @Override
    public void close() {
        timers.cancelAll();
        executor.close();
    }

    /** The first half of {@link #close()}: no new events; what is queued still runs. */
    void stopTaking() {
        timers.cancelAll();
        executor.shutdown();
    }

    /** The second half: waits until {@code deadlineNanos} (System.nanoTime) at most for what is queued. */
    void awaitStopped(long deadlineNanos) {
        executor.awaitTermination(deadlineNanos);
    }
}
