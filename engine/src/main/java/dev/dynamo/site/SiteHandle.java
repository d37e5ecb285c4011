package dev.dynamo.site;

import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.Session;
import dev.dynamo.contract.SessionChange;
import dev.dynamo.contract.SessionStart;
import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.contract.SiteDocuments;

import static dev.dynamo.site.SiteStateException.Kind.CONFLICT;
import static dev.dynamo.site.SiteStateException.Kind.NOT_FOUND;
import static dev.dynamo.site.SiteStateException.Kind.UNPROCESSABLE;

import dev.dynamo.allocation.Phase;
import dev.dynamo.contract.ChargerMeter;
import dev.dynamo.contract.ExternalLimit;
import dev.dynamo.contract.MeterDefinition;
import dev.dynamo.contract.MeterReading;
import dev.dynamo.contract.MeterSource;
import dev.dynamo.store.RotationState;
import dev.dynamo.store.SessionEnergy;
import dev.dynamo.store.StoredEnergy;
import dev.dynamo.store.StoredMeterReading;
import dev.dynamo.store.StoredSession;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
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
    /** Null while stale, only in caller-runs mode ({@link #publish}). */
    private volatile SiteView view;
    /** When {@link #publish} makes the view: at once, or once at the end of a batch of events (site thread only). */
    private Publishing publishing = Publishing.AT_ONCE;

    private enum Publishing {
        AT_ONCE,
        /** In a batch: nothing changed yet. */
        DEFERRED,
        /** In a batch: changed, published at its end. */
        STALE
    }
    /** Connections taken in or lost since the last decision, whose decision waits for the events queued before it. */
    private final PendingDecision pending = new PendingDecision();
    private final boolean callerRuns;

    SiteHandle(SiteEnvironment env, SiteDefinition definition, List<DecisionListener> listeners) {
        this.env = env;
        this.live = new LiveSite(definition);
        this.callerRuns = env.timers().callerRuns();
        this.executor = callerRuns ? SiteExecutor.callerRuns() : new SiteExecutor(definition.siteId());
        this.timers = new SiteTimers(env.timers().forSite(definition.siteId()), executor, env.clock());
        this.decisions = new SiteDecisions(env, live, timers, listeners, this::publish);
        this.live.clock = env.clock();
        this.view = live.view();
    }

    /** What became of a meter reading (contract 9.2). */
    public enum ReadingTaken { DECIDED, HELD, SHOWN, OLDER_IGNORED }

    /**
     * A reading of one of the site's meters posted to the API; refused (409) for a meter that is polled.
     * Bounds and finiteness are the reader's: here the reading decides per 9.2.
     */
    public ReadingTaken postMeterReading(String meterId, MeterReading reading) {
        return executor.call(() -> {
            var meter = meter(meterId);
            if (meter.source() != MeterSource.API) {
                throw new SiteStateException(CONFLICT, "meter " + meterId + " of site " + siteId() + " is read over "
                        + meter.source().json() + "; only meters with source api take posted readings");
            }
            return take(meter, reading);
        });
    }

    /** A reading from a polled meter (Modbus); a meter the site no longer has is ignored. */
    public void polledMeterReading(String meterId, MeterReading reading) {
        executor.call(() -> {
            live.definition.meter(meterId).ifPresent(meter -> take(meter, reading));
            return null;
        });
    }

    private MeterDefinition meter(String meterId) {
        return live.definition.meter(meterId).orElseThrow(() ->
                new SiteStateException(NOT_FOUND, "site " + siteId() + " has no meter " + meterId));
    }

    /**
     * Contract 9.2, "when a reading decides": at once when the allocation in force no longer fits or the budget
     * falls by the threshold, or when the meter turns fresh; a raise by the threshold only 10 s after the last
     * {@code meter} decision.
     */
    private ReadingTaken take(MeterDefinition meter, MeterReading reading) {
        var now = now();
        var previous = live.grid.readings.get(meter.meterId());
        if (!live.grid.take(meter, reading, now)) return ReadingTaken.OLDER_IGNORED;
        var taken = live.grid.readings.get(meter.meterId());
        var otherLoadKw = live.grid.otherLoadKw(live.definition, meter, live.sessions, live.states(), taken.measuredAt());
        try {
            env.store().appendMeterReading(new StoredMeterReading(siteId(), meter.meterId(), taken.measuredAt(),
                    taken.powerKw(), phase(taken, Phase.L1), phase(taken, Phase.L2), phase(taken, Phase.L3), otherLoadKw));
        } catch (RuntimeException e) {
            // a reading the store did not take is not taken at all
            if (previous == null) live.grid.readings.remove(meter.meterId());
            else live.grid.readings.put(meter.meterId(), previous);
            throw e;
        }
        timers.once("meter-stale-" + meter.meterId(), taken.measuredAt().plusSeconds(meter.staleAfterS()).plusMillis(1),
                () -> meterMayHaveTurned(meter.meterId()));
        if (live.config == null || live.allocation == null) {
            publish();
            return ReadingTaken.SHOWN;
        }
        var freshNow = live.grid.fresh(meter, now);
        if (freshNow != live.grid.freshAtDecision.getOrDefault(meter.meterId(), false)) {
            decide(Trigger.METER);
            return ReadingTaken.DECIDED;
        }
        var inForce = live.allocation;
        var candidate = decisions.budgetNow();
        var threshold = Math.max(1, 0.01 * live.definition.gridConnectionCapacityKw());
        var fits = inForce.totalAllocatedKw() <= candidate.budgetKw() + 1e-9 && fitsLimits(inForce, now);
        if (!fits || candidate.budgetKw() <= inForce.totalBudgetKw() - threshold) {
            decide(Trigger.METER);
            return ReadingTaken.DECIDED;
        }
        if (candidate.budgetKw() >= inForce.totalBudgetKw() + threshold) {
            var last = live.grid.lastMeterDecisionAt;
            if (last == null || !now.isBefore(last.plus(GridState.RAISE_HOLD))) {
                decide(Trigger.METER);
                return ReadingTaken.DECIDED;
            }
            publish();
            return ReadingTaken.HELD;
        }
        publish();
        return ReadingTaken.SHOWN;
    }

    private static Double phase(GridState.Reading reading, Phase phase) {
        return reading.currentA() == null ? null : reading.currentA().get(phase);
    }

    /** Rule 10 with the new headroom: every metered node's load in force within {@code max − other} on each phase. */
    private boolean fitsLimits(AllocationSnapshot inForce, Instant now) {
        var limits = DecisionMaker.limits(live.definition);
        for (var other : live.grid.otherLoads(live.definition, DecisionMaker.limitIds(limits), live.sessions, live.states(), now)) {
            for (var load : inForce.circuits()) {
                if (!load.circuitId().equals(other.limitId())) continue;
                if (load.l1A() > Math.min(load.maxCurrentA(), Math.max(0, load.maxCurrentA() - other.l1A())) + 1e-6
                        || load.l2A() > Math.min(load.maxCurrentA(), Math.max(0, load.maxCurrentA() - other.l2A())) + 1e-6
                        || load.l3A() > Math.min(load.maxCurrentA(), Math.max(0, load.maxCurrentA() - other.l3A())) + 1e-6) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A meter's last reading grew old: turning stale is a decision at once (9.2). */
    private void meterMayHaveTurned(String meterId) {
        var meter = live.definition.meter(meterId).orElse(null);
        if (meter == null) return;
        var freshNow = live.grid.fresh(meter, now());
        if (live.config != null && freshNow != live.grid.freshAtDecision.getOrDefault(meterId, false)) {
            LOG.warn("site {}: meter {} is stale: its node counts at fallback_load_kw {} kW", siteId(), meterId,
                    meter.fallbackLoadKw());
            decide(Trigger.METER);
        } else {
            publish();
        }
    }

    /** Sets or replaces an external limit (9.3); true when it is new. Its expiry is a decision like a schedule boundary. */
    public boolean setExternalLimit(ExternalLimit limit) {
        return executor.call(() -> {
            refuseWhileBacklogged();
            var json = SiteDocuments.write(SiteDocuments.limitNode(limit));
            // the limit and the rotation state its decision changes in one write, before the limit is in force
            var previous = live.grid.limits.put(limit.source(), limit);
            var stored = new boolean[1];
            try {
                decide(Trigger.EXTERNAL, changes -> {
                    env.store().putExternalLimit(siteId(), limit.source(), json, changes);
                    stored[0] = true;
                });
            } catch (RuntimeException e) {
                if (!stored[0]) restoreLimit(limit.source(), previous);
                throw e;
            }
            scheduleExpiry(limit);
            LOG.info("site {}: external limit {} {} kW{}", siteId(), limit.source(), limit.maxPowerKw(),
                    limit.validUntil() == null ? "" : " until " + limit.validUntil());
            return previous == null;
        });
    }

    /** Lifts an external limit; 404-like when there is none from that source. */
    public void liftExternalLimit(String source) {
        executor.call(() -> {
            if (!live.grid.limits.containsKey(source)) {
                throw new SiteStateException(NOT_FOUND, "site " + siteId() + " has no external limit from " + source);
            }
            refuseWhileBacklogged();
            var previous = live.grid.limits.remove(source);
            var deleted = new boolean[1];
            try {
                decide(Trigger.EXTERNAL, changes -> {
                    env.store().deleteExternalLimit(siteId(), source, changes);
                    deleted[0] = true;
                });
            } catch (RuntimeException e) {
                if (!deleted[0]) restoreLimit(source, previous);
                throw e;
            }
            timers.cancel("limit-" + source);
            LOG.info("site {}: external limit {} lifted", siteId(), source);
            return null;
        });
    }

    private void restoreLimit(String source, ExternalLimit previous) {
        if (previous == null) live.grid.limits.remove(source);
        else live.grid.limits.put(source, previous);
        publish();
    }

    private void scheduleExpiry(ExternalLimit limit) {
        if (limit.validUntil() == null) {
            timers.cancel("limit-" + limit.source());
            return;
        }
        timers.once("limit-" + limit.source(), limit.validUntil(), () -> {
            if (live.grid.limits.get(limit.source()) != limit) return;
            env.store().deleteExternalLimit(siteId(), limit.source());
            live.grid.limits.remove(limit.source());
            LOG.info("site {}: external limit {} expired", siteId(), limit.source());
            decide(Trigger.EXTERNAL);
        });
    }

    /**
     * A charger's meter reported through the API (9.2), for a session reported that way: as OCPP
     * {@code MeterValues} do. 409 while the charger is connected over OCPP.
     */
    public void postChargerMeter(String chargePointId, ChargerMeter value) {
        executor.call(() -> {
            var charger = live.charger(chargePointId).orElseThrow(() -> unknownCharger(chargePointId));
            if (live.isConnected(chargePointId)) {
                throw new SiteStateException(CONFLICT, "charger " + chargePointId
                        + " is connected over OCPP and reports its own meter values");
            }
            var session = live.sessions.get(chargePointId);
            if (session == null) {
                throw new SiteStateException(NOT_FOUND, "charger " + chargePointId + " has no session in progress");
            }
            // the energy register is stored with the session (contract 10): refused before anything changes
            if (value.energyKwh() != null) refuseWhileBacklogged();
            Integer phasesDrawn = null;
            Double kw = value.powerKw();
            if (value.currentA() != null) {
                var drawing = value.currentA().values().stream().filter(a -> a > 0.5).count();
                phasesDrawn = drawing == 0 ? null : drawing == 1 ? 1 : 3;
                if (kw == null) kw = value.currentA().values().stream().mapToDouble(a -> a * charger.voltageV() / 1000).sum();
            }
            if (kw != null) meterValue(chargePointId, kw, phasesDrawn);
            // the charger's energy register (contract 10): the first reading of the session is its start
            if (value.energyKwh() != null) energyRegister(chargePointId, value.energyKwh());
            return null;
        });
    }

    public String siteId() { return live.definition.siteId(); }

    /**
     * The latest published state; never blocks. Each call may give a newer one (the site publishes from its own
     * thread): an answer made of several of its parts reads it once.
     */
    public SiteView view() {
        var current = view;
        if (current == null) {
            // caller-runs mode (see publish): made on the one thread that touches the site, when asked for
            current = live.view();
            view = current;
        }
        return current;
    }

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
            var previousCaps = new HashMap<ChargerState, Double>();
            live.states().forEach((_, state) -> {
                if (state.loweredCapKw() != null) previousCaps.put(state, state.loweredCapKw());
            });
            live.config = config;
            // caps lowered to metered power (7.3) hold only while redistribution is on
            if (!config.redistributeUnused()) live.states().values().forEach(ChargerState::dropLoweredCap);
            var stored = new boolean[1];
            try {
                decide(Trigger.CONFIG, changes -> {
                    env.store().putConfig(siteId(), json, config.updatedAt(), changes);
                    stored[0] = true;
                });
            } catch (RuntimeException e) {
                if (!stored[0]) {
                    live.config = previous;
                    previousCaps.forEach(ChargerState::lowerCap);
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
     * Reads and validates a config as {@link #storeConfig} does and answers the allocation it would give
     * the current sessions now; nothing is stored, no decision is made, no limit is sent (contract 11).
     */
    public AllocationSnapshot previewConfig(Function<SiteDefinition, ChargingConfig> reader) {
        return executor.call(() -> decisions.preview(reader.apply(live.definition)));
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
            var previousConnected = live.connected();
            ended.forEach(live.sessions::remove);
            for (var cp : previousConnected) if (!kept.contains(cp)) live.disconnect(live.stateOf(cp), false, null, null);
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
                    previousConnected.forEach(live::connect);
                    publish();
                }
                throw e;
            }
            for (var cp : ended) {
                live.forgetSession(cp);
                decisions.forget(cp);
            }
            // readings of meters the site no longer has go once the new definition is stored
            live.grid.retainMeters(definition);
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
        return startSession(chargePointId, start, transactionId, null);
    }

    /**
     * Starts a session over OCPP: a vehicle of the site with this {@code idTag} gives its energy need and its
     * departure, the next such local time after the start (contract 10); {@code meterStartKwh} is the
     * charger's energy register at the start, or null.
     */
    public Session startOcppSession(String chargePointId, int transactionId, String idTag, Double meterStartKwh) {
        return executor.call(() -> {
            var vehicle = live.definition.vehicle(idTag);
            var start = vehicle.map(v -> new SessionStart(null, v.energyNeededKwh(), null,
                            v.departureAfter(now(), live.definition.timezone())))
                    .orElse(SessionStart.NONE);
            vehicle.ifPresent(v -> LOG.info("site {}: {} started by vehicle {}: needs {} kWh by {}", siteId(), chargePointId,
                    idTag, v.energyNeededKwh(), start.departureAt()));
            return startSession(chargePointId, start, transactionId, meterStartKwh);
        });
    }

    private Session startSession(String chargePointId, SessionStart start, Integer transactionId, Double meterStartKwh) {
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
                    transactionId, start.departureAt());
            // the session is stored with the rotation state its decision changes, in one write
            live.sessions.put(chargePointId, session);
            live.energy.put(chargePointId, SessionEnergy.startingAt(session.startedAt(), meterStartKwh));
            var stored = new boolean[1];
            try {
                decide(Trigger.SESSION_START, changes -> {
                    putSession(session, changes);
                    stored[0] = true;
                });
            } catch (RuntimeException e) {
                if (!stored[0]) {
                    live.sessions.remove(chargePointId);
                    live.energy.remove(chargePointId);
                }
                throw e;
            }
            if (live.config == null) {
                // no decision stores its energy: a register start must still survive a restart
                env.store().writeEnergy(List.of(new StoredEnergy(siteId(), chargePointId, live.energy.get(chargePointId))));
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

    /**
     * Stops the charger's own session if it holds this OCPP transaction (contract 8.1: a transaction belongs
     * to the charge point that started it); empty, changing nothing, otherwise.
     */
    public Optional<Session> stopByTransaction(String chargePointId, int transactionId) {
        return stopByTransaction(chargePointId, transactionId, null);
    }

    /** As {@link #stopByTransaction(String, int)}, with the charger's energy register at the stop ({@code meterStop}), or null. */
    public Optional<Session> stopByTransaction(String chargePointId, int transactionId, Double meterStopKwh) {
        return executor.call(() -> {
            var session = Optional.ofNullable(live.sessions.get(chargePointId))
                    .filter(s -> s.transactionId() != null && s.transactionId() == transactionId);
            session.ifPresent(s -> {
                refuseWhileBacklogged();
                var energy = live.energyOf(s);
                if (meterStopKwh != null && Double.isFinite(meterStopKwh)) energy = energy.withRegister(meterStopKwh);
                LOG.info("site {}: session on {} ended, {} kWh delivered{}", siteId(), s.chargePointId(),
                        Kw.round(energy.deliveredKwh(now())), energy.registerBased() ? " (energy register)" : " (integral of its allocation)");
                endSession(s);
            });
            return session;
        });
    }

    /**
     * Changes a session's energy need or departure ({@code PATCH …/session}, contract 10): the changed session
     * and the rotation state of its {@code departure} decision are stored in one write before anything changes
     * in memory (a failed write leaves the session as it was); 404-like without a session, refused like a
     * session start while the decision log cannot take the decision.
     */
    public Session changeSession(String chargePointId, SessionChange change) {
        return executor.call(() -> {
            live.charger(chargePointId).orElseThrow(() -> unknownCharger(chargePointId));
            var session = live.sessions.get(chargePointId);
            if (session == null) throw new SiteStateException(NOT_FOUND, "charger " + chargePointId + " has no session in progress");
            refuseWhileBacklogged();
            var changed = change.applyTo(session);
            live.sessions.put(chargePointId, changed);
            var stored = new boolean[1];
            try {
                decide(Trigger.DEPARTURE, changes -> {
                    putSession(changed, changes);
                    stored[0] = true;
                });
            } catch (RuntimeException e) {
                if (!stored[0]) {
                    live.sessions.put(chargePointId, session);
                    publish();
                }
                throw e;
            }
            LOG.info("site {}: session on {} now needs {} kWh by {}", siteId(), chargePointId, changed.energyNeededKwh(),
                    changed.departureAt());
            return changed;
        });
    }

    /**
     * A reading of the charger's energy register, kWh (OCPP {@code Energy.Active.Import.Register}, or 9.2's
     * {@code energy_kwh}): stored with the session. When departure-aware sharing is on, a session with a need
     * and a departure is re-decided at once if the reading moves its needed rate by at least
     * {@code max(1 kW, 10%)}, finishes it, or changes whether it is at risk; smaller drifts wait for the
     * 5-minute tick (a meter value a minute on every charger would otherwise be a decision each).
     */
    public void energyRegister(String chargePointId, double registerKwh) {
        energyRegister(chargePointId, null, registerKwh);
    }

    /** As {@link #energyRegister(String, double)}, for the session with this OCPP transaction only (8.1), when one is named. */
    public void energyRegister(String chargePointId, Integer transactionId, double registerKwh) {
        executor.call(() -> {
            var session = live.sessions.get(chargePointId);
            if (session == null || !Double.isFinite(registerKwh) || registerKwh < 0) return null;
            if (transactionId != null && !transactionId.equals(session.transactionId())) return null;
            var before = live.energyOf(session);
            var now = now();
            // the energy since this reading is counted from here on, even when the register has not moved
            live.state(chargePointId).integralAtRegisterKwh = before.rateFrom(now, before.rateKw()).integralKwh();
            if (before.registerKwh() != null && before.registerKwh() == registerKwh) return null;
            var after = before.withRegister(registerKwh);
            var was = Departures.of(live, session, now);
            env.store().writeEnergy(List.of(new StoredEnergy(siteId(), chargePointId, after)));
            live.energy.put(chargePointId, after);
            var is = Departures.of(live, session, now);
            if (live.config != null && live.config.departureAware() && Departures.matters(was, is, capOf(chargePointId))) {
                decide(Trigger.DEPARTURE);
            } else {
                publish();
            }
            return null;
        });
    }

    /** The charger whose session in progress holds this OCPP transaction, if it is on this site. */
    public Optional<String> transactionOwner(int transactionId) {
        return view.sessions().values().stream()
                .filter(s -> s.transactionId() != null && s.transactionId() == transactionId)
                .map(Session::chargePointId).findFirst();
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

    /**
     * The charger's first request on a new connection: a reservation held through a comm loss ends. This
     * and the other notices of the connector (lost connection, limits accepted or refused) are facts, not
     * requests: they wait for the site as long as it takes and are never withdrawn.
     */
    public void connected(String chargePointId) {
        try {
            noticeConnected(chargePointId).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw e;
        }
        awaitIdle(); // and its connect decision, queued behind the events before it
    }

    /**
     * As {@link #connected}, without waiting: completes once the site has taken the connection in. The
     * {@code connect} decision follows the events already queued, one for every connection noticed meanwhile
     * (a reconnect storm of a site's n chargers is one decision, not n, each sending limits to all of them),
     * and none when another decision comes first, which counts them as well.
     */
    public java.util.concurrent.CompletableFuture<Void> noticeConnected(String chargePointId) {
        return executor.callAsync(() -> {
            if (live.charger(chargePointId).isEmpty()) return null;
            live.connect(chargePointId);
            // what was on its way at the loss stays in force on it until it accepts a limit again
            decideLater(Trigger.CONNECT);
            publish();
            return null;
        });
    }

    /**
     * An event whose decision may wait for the events already queued: one decision follows them for every such
     * event noted meanwhile, or none when another decision comes first, which covers them as well
     * ({@link PendingDecision}).
     */
    private void decideLater(Trigger trigger) {
        if (!pending.note(trigger)) return;
        executor.submit(() -> {
            var due = pending.due();
            if (due != null) decide(due);
        });
    }

    public void disconnected(String chargePointId) {
        disconnected(chargePointId, null);
    }

    /**
     * The charger's connection is lost; {@code inFlightKw} is the highest limit sent to it and not answered
     * (or null): it may have applied it, so the reservation is at least that (contract 8.1).
     */
    public void disconnected(String chargePointId, Double inFlightKw) {
        try {
            noticeDisconnected(chargePointId, inFlightKw).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw e;
        }
        awaitIdle(); // and its disconnect decision, queued behind the events before it
    }

    /**
     * As {@link #disconnected(String, Double)}, without waiting: completes once the site has taken the loss in (the
     * charger is offline and reserved from then on, counted as the allocation in force counts it until the
     * decision). The {@code disconnect} decision follows the events already queued, one for every connection
     * lost or taken in meanwhile (a site's n chargers cut off at once are one decision, and so are their n grace
     * periods ending), none when another decision comes first.
     */
    public java.util.concurrent.CompletableFuture<Void> noticeDisconnected(String chargePointId, Double inFlightKw) {
        return executor.callAsync(() -> {
            var charger = live.stateOf(chargePointId);
            if (charger == null || !charger.connected()) return null;
            var sessionGoesOn = live.sessions.containsKey(chargePointId);
            var since = sessionGoesOn ? now() : null;
            live.disconnect(charger, sessionGoesOn, since, inFlightKw);
            if (sessionGoesOn) {
                // when the grace period ends its TxProfile has expired: it counts at its default limit
                timers.once("grace-" + chargePointId, since.plus(env.commLossGrace()), () -> {
                    if (since.equals(charger.lostSince())) decideLater(Trigger.DISCONNECT);
                });
            }
            decideLater(Trigger.DISCONNECT);
            publish();
            return null;
        });
    }

    /**
     * Limits accepted by chargers (kW by charge point id), applied as one event: what each keeps drawing if
     * its connection is lost, and what tells whether it ignores its limit (contract 11). No decision: what the
     * site counts for it follows {@link #mayDraw}.
     */
    public void limitsAcknowledged(Map<String, Double> kwByCharger) {
        executor.callUnbounded(() -> {
            kwByCharger.forEach((cp, kw) -> live.state(cp).acknowledged(kw));
            return null;
        });
    }

    /**
     * What chargers may draw now, as their OCPP connector sees it (kW): the site counts each at least at that
     * (contract 8: a lowering not accepted yet counts at the previous limit, a raise waiting for it at what the
     * charger drew). The allocation in force is counted again, no decision (its targets stay).
     */
    public void mayDraw(Map<String, Double> kwByCharger) {
        mayDraw(kwByCharger, -1);
    }

    /**
     * As {@link #mayDraw(Map)}, from a connector that has seen every count up to {@code seenCount} (its number,
     * {@link PublishedCount}) and told what it did on them: the raises promised in those counts are no longer
     * counted beyond what it told ({@link MayDraw}).
     */
    public void mayDraw(Map<String, Double> kwByCharger, long seenCount) {
        executor.callUnbounded(() -> {
            kwByCharger.forEach((cp, kw) -> {
                if (live.sessions.containsKey(cp) && Double.isFinite(kw)) live.mayDraw(live.state(cp)).told(kw);
            });
            if (seenCount >= 0 && live.anyMayDraw()) {
                for (var charger : live.states().values()) {
                    var mayDraw = charger.mayDrawIfAny();
                    if (mayDraw != null) mayDraw.seen(seenCount);
                }
            }
            if (live.allocation != null) {
                var counted = Counted.of(live, live.allocation);
                if (counted != live.allocation) {
                    live.allocation = counted;
                    publish();
                    // the raises cleared may have changed: the pusher sends those the site now counts
                    decisions.recounted(counted);
                }
            }
            return null;
        });
    }

    /**
     * What the OCPP pusher tells after a burst of answers, as one site event (one hand-off to the site's thread,
     * one view published): {@link #mayDraw(Map, long)} ({@code seenCount} -1: no new count taken in), then
     * {@link #limitsAcknowledged}, then {@link #profiles}, each applied as on its own; an empty part is skipped.
     */
    public void pusherNotices(Map<String, Double> mayDrawKw, long seenCount, Map<String, Double> acceptedKw,
                              Map<String, ProfileStatus> changed, Set<String> gone) {
        executor.callUnbounded(() -> {
            publishing = Publishing.DEFERRED;
            try {
                if (seenCount >= 0 || !mayDrawKw.isEmpty()) mayDraw(mayDrawKw, seenCount);
                if (!acceptedKw.isEmpty()) limitsAcknowledged(acceptedKw);
                if (!changed.isEmpty() || !gone.isEmpty()) profiles(changed, gone);
            } finally {
                var stale = publishing == Publishing.STALE;
                publishing = Publishing.AT_ONCE;
                // these notices change only the allocation among what the view shows: the rest is not copied again
                if (stale) view = callerRuns ? null : view.withAllocation(live.allocation);
            }
            return null;
        });
    }

    /**
     * Runs the task later on the site's thread, in order with the site's other events, without waiting for it: the
     * OCPP connector's notices are made there (the task tells the site through the methods above, which then run
     * at once). Dropped only once the site is closed.
     */
    public void later(Runnable task) {
        executor.submit(task);
    }

    /**
     * The TxProfile state of chargers connected over OCPP changed (contract 11, {@code profile}); {@code gone}
     * are no longer connected. Shown in the allocation at once, no decision.
     */
    public void profiles(Map<String, ProfileStatus> changed, Set<String> gone) {
        executor.callUnbounded(() -> {
            changed.forEach((cp, profile) -> live.state(cp).profile = profile);
            for (var cp : gone) {
                var charger = live.stateOf(cp);
                if (charger != null) charger.profile = null;
            }
            if (live.allocation != null) {
                var s = live.allocation;
                // only the chargers whose state changed get a new allocation (a burst of answers tells a few at a time)
                List<ChargerAllocation> allocations = null;
                var before = s.allocations();
                for (int i = 0; i < before.size(); i++) {
                    var a = before.get(i);
                    var charger = live.stateOf(a.chargePointId());
                    var profile = charger == null ? null : charger.profile;
                    if (java.util.Objects.equals(profile, a.profile())) continue;
                    if (allocations == null) allocations = new java.util.ArrayList<>(before);
                    allocations.set(i, a.withProfile(profile));
                }
                if (allocations != null) {
                    // the same decision, its budget's parts kept (contract 9.4)
                    live.allocation = s.withAllocations(allocations);
                    publish();
                }
            }
            return null;
        });
    }

    /**
     * A meter value: the measured power and, when the charger reports per-phase current, the number of
     * phases it draws on (or null); a session goes to one phase only after a minute of such readings.
     */
    public void meterValue(String chargePointId, double measuredKw, Integer phasesDrawn) {
        meterValue(chargePointId, null, measuredKw, phasesDrawn);
    }

    /**
     * A meter value for the charger's own session; with a {@code transactionId}, only when its session holds
     * that transaction. Returns whether it was taken: a value of another session, or one that is not finite,
     * above twice the charger's rating or below -1 kW, changes nothing (contract 8.1: nothing a charger sends
     * can make an endpoint fail).
     */
    public boolean meterValue(String chargePointId, Integer transactionId, double measuredKw, Integer phasesDrawn) {
        return executor.call(() -> {
            var session = live.sessions.get(chargePointId);
            if (session == null) return false;
            if (transactionId != null && !transactionId.equals(session.transactionId())) return false;
            var charger = live.charger(chargePointId);
            if (charger.isEmpty() || !MeterSanity.plausibleKw(measuredKw, charger.get().maxPowerKw())) {
                LOG.warn("site {}: meter value {} kW of {} ignored (not finite, below -1 kW or above twice its rating)",
                        siteId(), measuredKw, chargePointId);
                return false;
            }
            var kw = Math.max(0.0, measuredKw);
            var at = now();
            var state = live.state(chargePointId);
            state.meter = new LiveSite.MeterReading(kw, at);
            var chargerPhases = live.charger(chargePointId).map(ChargerDefinition::phases).orElse(3);
            var learned = PhasesLearned.from(state, session, chargerPhases, phasesDrawn, at);
            var phasesChanged = learned != null;
            if (phasesChanged) {
                var updated = session.withPhasesInUse(learned);
                putSession(updated, null);
                live.sessions.put(chargePointId, updated);
            }
            var capChanged = live.config != null && UnusedPower.onMeterValue(live, chargePointId, state, kw, at);
            var overChanged = overLimitChanged(chargePointId, state, kw, at);
            if (state.measuredCap() == ChargerState.MeasuredCap.LOWERED) {
                timers.once("stale-" + chargePointId, at.plus(UnusedPower.STALE_AFTER).plusMillis(1), () -> {
                    if (UnusedPower.liftIfStale(live.stateOf(chargePointId), now())) decide(Trigger.MEASURED);
                });
            }
            if (phasesChanged || capChanged || overChanged) decide(Trigger.MEASURED);
            else showMeasured(chargePointId, kw);
            return true;
        });
    }

    /**
     * Notes whether the charger draws more than it accepted (contract 11); true when that changes whether it is
     * over its limit now. A timer decides again when it becomes over (60 s later) or its meter goes stale.
     */
    private boolean overLimitChanged(String chargePointId, ChargerState charger, double kw, Instant at) {
        var shown = live.allocation != null && live.allocation.charger(chargePointId).map(ChargerAllocation::overLimit).orElse(false);
        OverLimit.onMeterValue(charger, kw, at);
        checkOverLimitLater(chargePointId, at);
        return live.config != null && shown != OverLimit.over(charger, at);
    }

    private void checkOverLimitLater(String chargePointId, Instant after) {
        var next = OverLimit.nextChange(live.stateOf(chargePointId), after);
        if (next == null) return;
        timers.once("over-" + chargePointId, next, () -> {
            var now = now();
            var shown = live.allocation != null
                    && live.allocation.charger(chargePointId).map(ChargerAllocation::overLimit).orElse(false);
            if (live.config != null && shown != OverLimit.over(live.stateOf(chargePointId), now)) decide(Trigger.MEASURED);
            checkOverLimitLater(chargePointId, now);
        });
    }

    /**
     * Waits until every event already submitted to the site (timers included) has been applied, and the decision
     * they left queued ({@link #decideLater}) has been made.
     */
    public void awaitIdle() {
        // on the site's own thread the queued decision cannot run before this returns: nothing to wait for
        while (executor.callUnbounded(pending::queued) && !executor.onSiteThread()) {
            // that decision's task is queued behind this call: the next one waits for it
        }
    }

    /** A decision without a new event: the first one after a restart. */
    void decideNow(Trigger trigger) {
        executor.call(() -> {
            decide(trigger);
            return null;
        });
    }

    /** Loads stored external limits and the last meter readings (restart); expired limits are dropped. */
    void restoreGrid(List<ExternalLimit> limits, List<StoredMeterReading> readings) {
        executor.call(() -> {
            var now = now();
            for (var limit : limits) {
                if (limit.validUntil() != null && !now.isBefore(limit.validUntil())) {
                    env.store().deleteExternalLimit(siteId(), limit.source());
                    continue;
                }
                live.grid.limits.put(limit.source(), limit);
                scheduleExpiry(limit);
            }
            for (var stored : readings) {
                live.definition.meter(stored.meterId()).ifPresent(meter -> {
                    var currents = new java.util.EnumMap<Phase, Double>(Phase.class);
                    if (stored.l1A() != null) currents.put(Phase.L1, stored.l1A());
                    if (stored.l2A() != null) currents.put(Phase.L2, stored.l2A());
                    if (stored.l3A() != null) currents.put(Phase.L3, stored.l3A());
                    live.grid.take(meter, new MeterReading(stored.powerKw(), currents.isEmpty() ? null : currents,
                            stored.measuredAt()), now);
                    timers.once("meter-stale-" + meter.meterId(),
                            stored.measuredAt().plusSeconds(meter.staleAfterS()).plusMillis(1),
                            () -> meterMayHaveTurned(meter.meterId()));
                });
            }
            publish();
            return null;
        });
    }

    /**
     * Loads stored state without deciding (restart). The integral of a session's allocation goes on at its
     * stored rate for at most the 5-minute checkpoint period after it was stored (a running engine would
     * have stored it again by then; an engine that stopped stored it with rate 0): what a charger drew
     * while the engine was down is not known (its register tells, if it has one).
     */
    void restore(ChargingConfig config, List<Session> sessions, RotationState rotation, Map<String, SessionEnergy> energy) {
        executor.callUnbounded(() -> {
            live.config = config;
            sessions.forEach(s -> live.sessions.put(s.chargePointId(), s));
            var now = now();
            energy.forEach((cp, stored) -> {
                if (!live.sessions.containsKey(cp)) return;
                var lastKnown = stored.integralAt().plus(Departures.TICK);
                live.energy.put(cp, now.isAfter(lastKnown) ? stored.rateFrom(lastKnown, 0) : stored);
            });
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
        var published = decisions.decide(trigger);
        pending.decided(); // any decision counts the connections taken in or lost before it
        if (!published) publish();
    }

    private void decide(Trigger trigger, SiteDecisions.DurableWrite write) {
        var published = decisions.decide(trigger, write);
        pending.decided();
        if (!published) publish();
    }

    private void showMeasured(String chargePointId, double measuredKw) {
        if (live.allocation != null) {
            var allocations = live.allocation.allocations().stream()
                    .map(a -> a.chargePointId().equals(chargePointId) ? a.withMeasuredKw(measuredKw) : a).toList();
            live.allocation = live.allocation.withAllocations(allocations);
        }
        publish();
    }

    /**
     * A fresh view after every change. When the caller's thread is the site's ({@link Timers#callerRuns()}: the
     * offline simulation) no other thread reads the site, so the view is only marked stale and made when asked
     * for: copying every session after each of millions of events is most of a long run otherwise.
     */
    private void publish() {
        if (publishing != Publishing.AT_ONCE) {
            publishing = Publishing.STALE;
            return;
        }
        view = callerRuns ? null : live.view();
    }

    private Instant now() {
        return env.clock().instant();
    }

    /** The session's effective cap in the allocation in force (0 before any decision). */
    private double capOf(String chargePointId) {
        if (live.allocation == null) return 0;
        return live.allocation.charger(chargePointId).map(ChargerAllocation::capKw).orElse(0.0);
    }

    /**
     * Stores the session, with the rotation state its decision changed when there is one; a store that keeps
     * nothing (the offline simulation) is not given a document nobody reads.
     */
    private void putSession(Session session, RotationState changes) {
        if (!env.store().durable()) return;
        if (changes == null) env.store().putSession(stored(session));
        else env.store().putSession(stored(session), changes);
    }

    private StoredSession stored(Session session) {
        return new StoredSession(siteId(), session.chargePointId(), SiteDocuments.write(SiteDocuments.sessionNode(session)));
    }

    private SiteStateException unknownCharger(String chargePointId) {
        return new SiteStateException(NOT_FOUND, "site " + siteId() + " has no charger " + chargePointId);
    }

    @Override
    public void close() {
        stopTaking();
        awaitStopped(System.nanoTime() + SiteExecutor.CLOSE_WAIT.toNanos());
    }

    /**
     * The first half of {@link #close()}: no new events; what is queued still runs, and last the sessions'
     * energy is stored with rate 0 (a clean stop: nothing is drawn on our account until the next start).
     */
    void stopTaking() {
        timers.cancelAll();
        executor.submit(() -> {
            try {
                decisions.checkpointEnergy(true);
            } catch (RuntimeException e) {
                LOG.warn("site {}: could not store the sessions' energy on stopping: {}", siteId(), e.getMessage());
            }
        });
        executor.shutdown();
    }

    /** The second half: waits until {@code deadlineNanos} (System.nanoTime) at most for what is queued. */
    void awaitStopped(long deadlineNanos) {
        executor.awaitTermination(deadlineNanos);
    }
}
