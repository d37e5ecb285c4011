package dev.dynamo.site;

import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.Session;
import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.store.SessionEnergy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The mutable state of one site. Touched only on the site's executor. */
final class LiveSite {
    SiteDefinition definition;
    ChargingConfig config;
    final Map<String, Session> sessions = new TreeMap<>();
    /**
     * What the site keeps about each charger by charge point id ({@link ChargerState}): one lookup gives all of it.
     * Kept for the site's life; its connection changes go through {@link #connect} and {@link #disconnect}.
     */
    private final Map<String, ChargerState> states = new HashMap<>();
    /** How many chargers are connected over OCPP: the hot paths skip a site without any (the offline simulation). */
    private int connectedCount;
    /** How many chargers hold a {@link MayDraw}. */
    private int mayDrawCount;
    /** The connected chargers' ids as published; null after a connection changed, until asked for again. */
    private Set<String> connectedIds = Set.of();
    /** The number of the latest count published to the listeners (decision or recount). */
    long counts;
    /** The energy delivered in each session in progress (contract 10); published whole with the sessions. */
    final Map<String, SessionEnergy> energy = new HashMap<>();
    /** Replaced whole by each decision (its new state is made beside the old one until it is written). */
    Map<String, Instant> queuedSince = new HashMap<>();
    Map<String, Instant> admittedAt = new HashMap<>();
    /** Who was charging when the site was restored; stands for the last decision's until there is one. */
    final Set<String> chargingAtRestore = new HashSet<>();
    /** The admission order of the last decision. */
    List<String> admissionOrder = new ArrayList<>();
    AllocationSnapshot allocation;
    /** Meters and external limits (contract 9). */
    final GridState grid = new GridState();
    /** The clock of the site, for the meters' age in the published view. */
    java.time.Clock clock = java.time.Clock.systemUTC();

    private SiteDefinition defaultsOf;
    private Map<String, Double> defaultLimitsKw;

    /** Each charger's TxDefaultProfile limit, kW; computed again only when the definition changed. */
    Map<String, Double> defaultLimitsKw() {
        if (defaultsOf != definition) {
            defaultLimitsKw = DefaultLimits.kwByCharger(definition);
            defaultsOf = definition;
        }
        return defaultLimitsKw;
    }

    LiveSite(SiteDefinition definition) {
        this.definition = definition;
    }

    record MeterReading(double kw, Instant at) {}

    /** The energy of the session on a charger; a session without any known yet starts from its start. */
    SessionEnergy energyOf(Session session) {
        var known = energy.get(session.chargePointId());
        return known != null ? known : SessionEnergy.startingAt(session.startedAt(), null);
    }

    private SiteDefinition chargersOf;
    private Map<String, ChargerDefinition> chargers;

    Optional<ChargerDefinition> charger(String chargePointId) {
        if (chargersOf != definition) {
            // made again only when the definition changes (compared by identity); a site has few definitions, many events
            var byId = new HashMap<String, ChargerDefinition>();
            for (var charger : definition.chargers()) byId.putIfAbsent(charger.chargePointId(), charger);
            chargers = byId;
            chargersOf = definition;
        }
        return Optional.ofNullable(chargers.get(chargePointId));
    }

    SiteView view() {
        var now = clock.instant();
        return new SiteView(definition, config, sessions, connected(), allocation,
                List.copyOf(grid.limits.values()), grid.statuses(definition, sessions, states, now), energy);
    }

    /** What the site keeps about a charger, or null when it keeps nothing. */
    ChargerState stateOf(String chargePointId) {
        return states.get(chargePointId);
    }

    /** What the site keeps about a charger, made when there is none yet. */
    ChargerState state(String chargePointId) {
        var state = states.get(chargePointId);
        if (state == null) {
            state = new ChargerState();
            states.put(chargePointId, state);
        }
        return state;
    }

    /** What the site keeps about each charger, by charge point id; read only. */
    Map<String, ChargerState> states() {
        return states;
    }

    /** The ids of the chargers connected over OCPP, immutable. */
    Set<String> connected() {
        if (connectedIds == null) {
            var ids = new String[connectedCount];
            int i = 0;
            for (var e : states.entrySet()) if (e.getValue().connected()) ids[i++] = e.getKey();
            connectedIds = Set.of(ids);
        }
        return connectedIds;
    }

    boolean isConnected(String chargePointId) {
        var state = states.get(chargePointId);
        return state != null && state.connected();
    }

    /** Whether some charger is connected over OCPP (none in the offline simulation). */
    boolean anyConnected() {
        return connectedCount > 0;
    }

    /** Whether some charger holds a {@link MayDraw}. */
    boolean anyMayDraw() {
        return mayDrawCount > 0;
    }

    /** The charger's {@link MayDraw}, made when it has none yet. */
    MayDraw mayDraw(ChargerState state) {
        var mayDraw = state.mayDrawIfAny();
        if (mayDraw != null) return mayDraw;
        mayDrawCount++;
        return state.holdNewMayDraw();
    }

    /** A charger connected over OCPP. */
    void connect(String chargePointId) {
        var state = state(chargePointId);
        if (!state.connected()) {
            connectedCount++;
            connectedIds = null;
        }
        state.connect();
    }

    /**
     * A connected charger's connection closed. With a session going on it is lost since {@code since} with
     * {@code inFlightKw} on its way (or null), else disconnected.
     */
    void disconnect(ChargerState connected, boolean sessionGoesOn, Instant since, Double inFlightKw) {
        if (!connected.connected()) throw new IllegalStateException("not connected");
        connectedCount--;
        connectedIds = null;
        connected.disconnect(sessionGoesOn, since, inFlightKw);
    }

    /** Forgets everything kept about a charger whose session ended. */
    void forgetSession(String chargePointId) {
        sessions.remove(chargePointId);
        energy.remove(chargePointId);
        var state = states.get(chargePointId);
        if (state != null) {
            if (state.mayDrawIfAny() != null) mayDrawCount--;
            state.forgetSession();
        }
        queuedSince.remove(chargePointId);
        admittedAt.remove(chargePointId);
        admissionOrder.remove(chargePointId);
    }
}
