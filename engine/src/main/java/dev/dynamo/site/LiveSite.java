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
    final Set<String> connected = new HashSet<>();
    /** Chargers whose session goes on through a comm loss (rule 9): when the connection was lost. */
    final Map<String, Instant> lostSince = new HashMap<>();
    /**
     * The highest limit on its way, unanswered, when a charger's connection was lost (kW): it may draw it, until
     * it accepts a limit again (also on a new connection).
     */
    final Map<String, Double> inFlightAtLossKw = new HashMap<>();
    /** The last limit each charger acknowledged, kW (told by the OCPP connector). */
    final Map<String, Double> acknowledgedKw = new HashMap<>();
    /**
     * What each charger with a session may draw now: what its OCPP connector told (the TxProfile it accepted, else
     * its default; one on its way or possibly in force when higher), and a raise counted that the connector may
     * have sent and not reported yet. The site counts it at least at that ({@link Counted}).
     */
    final Map<String, MayDraw> mayDraw = new HashMap<>();
    /** The number of the latest count published to the listeners (decision or recount). */
    long counts;
    final Map<String, MeterReading> meters = new HashMap<>();
    /** The energy delivered in each session in progress (contract 10). */
    final Map<String, SessionEnergy> energy = new HashMap<>();
    /**
     * The integral of each session's allocation at its latest register reading (not stored: after a restart the
     * register alone counts until the next reading), so that a departure's energy goes on from the reading.
     */
    final Map<String, Double> integralAtRegisterKwh = new HashMap<>();
    /** Since when each charger has drawn more than it accepted (contract 11, over_limit). */
    final Map<String, Instant> overSince = new HashMap<>();
    /** The TxProfile state of chargers connected over OCPP, as the connector last told it. */
    final Map<String, ProfileStatus> profiles = new HashMap<>();
    /** Caps lowered to metered power (7.3), kW. */
    final Map<String, Double> measuredCapKw = new HashMap<>();
    final Map<String, Instant> capLiftedAt = new HashMap<>();
    /** Since when a charger's meter has shown current on one phase only (7.1). */
    final Map<String, Instant> onePhaseSince = new HashMap<>();
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
        return new SiteView(definition, config, sessions, connected, allocation,
                List.copyOf(grid.limits.values()), grid.statuses(definition, sessions, meters, now), energy);
    }

    /** Forgets everything kept about a charger whose session ended. */
    void forgetSession(String chargePointId) {
        sessions.remove(chargePointId);
        lostSince.remove(chargePointId);
        inFlightAtLossKw.remove(chargePointId);
        acknowledgedKw.remove(chargePointId);
        mayDraw.remove(chargePointId);
        meters.remove(chargePointId);
        energy.remove(chargePointId);
        integralAtRegisterKwh.remove(chargePointId);
        overSince.remove(chargePointId);
        measuredCapKw.remove(chargePointId);
        capLiftedAt.remove(chargePointId);
        onePhaseSince.remove(chargePointId);
        queuedSince.remove(chargePointId);
        admittedAt.remove(chargePointId);
        admissionOrder.remove(chargePointId);
    }
}
