package dev.dynamo.site;

import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.contract.Strategy;

import dev.dynamo.allocation.AllocationInput;
import dev.dynamo.allocation.AllocationResult;
import dev.dynamo.allocation.Demand;
import dev.dynamo.allocation.Departure;
import dev.dynamo.allocation.Limit;
import dev.dynamo.allocation.LimitedBy;
import dev.dynamo.allocation.LimitLoad;
import dev.dynamo.allocation.Phase;
import dev.dynamo.allocation.Reservation;
import dev.dynamo.allocation.Sharing;
import dev.dynamo.schedule.BudgetInForce;
import dev.dynamo.store.DecisionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns a site's live state into one decision: the allocation input, the core's answer, the snapshot. */
final class DecisionMaker {
    static final String GRID = "grid";

    private final Function<AllocationInput, AllocationResult> core;
    private final Duration commLossGrace;
    /** {@link #chargersOf}'s cache: the definition it was made for (compared by identity) and its map. */
    private SiteDefinition chargersOf;
    private Map<String, ChargerDefinition> chargers;
    /** Each charger's place in the definition's chargers sorted by id. */
    private Map<String, Integer> idRank;

    DecisionMaker(Function<AllocationInput, AllocationResult> core, Duration commLossGrace) {
        this.core = core;
        this.commLossGrace = commLossGrace;
    }

    /** The outcome of a decision, not yet applied to the site. */
    record Outcome(AllocationSnapshot snapshot, List<String> admissionOrder, boolean rotationOn) {
        DecisionRecord record() {
            var entries = snapshot.allocations().stream()
                    .map(a -> new DecisionRecord.Entry(a.chargePointId(), a.allocatedKw(), a.status().json())).toList();
            return new DecisionRecord(snapshot.siteId(), snapshot.calculatedAt(), snapshot.trigger().json(),
                    snapshot.strategy().json(), snapshot.totalBudgetKw(), snapshot.totalAllocatedKw(), entries,
                    budgetJson(snapshot.budget()));
        }

        /** Null for the config's budget alone (no meter, no external limit): the history rebuilds it from the total. */
        private static String budgetJson(dev.dynamo.allocation.Budget budget) {
            if (budget.gridHeadroomKw() == null && budget.externalKw() == null) return null;
            return dev.dynamo.contract.SiteDocuments.write(dev.dynamo.contract.SiteDocuments.budgetNode(budget));
        }

        boolean anyQueued() {
            return snapshot.allocations().stream().anyMatch(a -> a.status() == ChargerStatus.QUEUED);
        }
    }

    /** The site's decision now: its targets, each charger counted at least at what it may draw ({@link Counted}). */
    Outcome decide(LiveSite site, Instant now, Trigger trigger) {
        var outcome = decide(site, site.config, now, trigger);
        return new Outcome(Counted.of(site, outcome.snapshot()), outcome.admissionOrder(), outcome.rotationOn());
    }

    /**
     * The decision the site would make under {@code config}, every charger counted at its target; the site's
     * state is only read (also for a preview).
     */
    Outcome decide(LiveSite site, ChargingConfig config, Instant now, Trigger trigger) {
        var definition = site.definition;
        var inForce = BudgetInForce.at(config.maxPowerKw(), config.strategy() == Strategy.SCHEDULED,
                config.strategy() == Strategy.PRIORITY ? Sharing.PRIORITY : Sharing.EQUAL,
                config.schedule(), now, definition.timezone());
        var budget = site.grid.budget(definition, inForce.budgetKw(), site.sessions, site.meters, now);
        var budgetKw = budget.budgetKw();
        var sharing = inForce.sharing();

        var chargers = chargersOf(definition);
        var gridLimited = definition.gridConnectionCurrentA() != null;
        var active = site.sessions.values().stream()
                .filter(s -> chargers.containsKey(s.chargePointId()) && !site.lostSince.containsKey(s.chargePointId()))
                .toList();
        var caps = new HashMap<String, Caps>();
        for (var session : site.sessions.values()) {
            var charger = chargers.get(session.chargePointId());
            // caps lowered to metered power (7.3) hold only while redistribution is on
            var measuredCapKw = config.redistributeUnused() ? site.measuredCapKw.get(session.chargePointId()) : null;
            if (charger != null) caps.put(session.chargePointId(), Caps.of(charger, session,
                    measuredCapKw, config.minPowerPerChargerKw()));
        }

        var departureAware = Departures.inForce(config, sharing);
        // rotation does not apply while departure-aware sharing is on (contract 10)
        var rotationOn = config.rotationPeriodMin() != null && config.minPowerPerChargerKw() > 0 && sharing == Sharing.EQUAL
                && !departureAware;
        var ruleFive = Admission.ruleFive(active, sharing, config.priorityOrder());
        var order = !rotationOn ? ruleFive
                : trigger == Trigger.ROTATION ? Admission.rotated(ruleFive, site.queuedSince, site.admittedAt)
                : Admission.sticky(site.admissionOrder, charging(site), ruleFive);

        List<Demand> demands = order.stream().map(cp -> {
            var charger = chargers.get(cp);
            var cap = caps.get(cp);
            return new Demand(cp, cap.capKw(), cap.floorKw(), site.sessions.get(cp).phasesInUse(), phaseOf(charger),
                    charger.voltageV(), limitOf(charger, gridLimited));
        }).toList();
        // the default limits matter only for chargers offline past their grace period: computed when one is offline
        var defaults = site.lostSince.isEmpty() ? Map.<String, Double>of() : DefaultLimits.kwByCharger(definition);
        var reservations = site.lostSince.entrySet().stream()
                .filter(e -> chargers.containsKey(e.getKey()) && site.sessions.containsKey(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> {
                    var charger = chargers.get(e.getKey());
                    var kw = reservedKw(site, e.getKey(), e.getValue(), now, defaults.getOrDefault(e.getKey(), 0.0));
                    return new Reservation(e.getKey(), kw, site.sessions.get(e.getKey()).phasesInUse(),
                            phaseOf(charger), charger.voltageV(), limitOf(charger, gridLimited));
                }).toList();

        // a charger ignoring its limit is counted at what it draws, first, like a reservation (contract 11)
        var overLimitKw = new java.util.TreeMap<String, Double>();
        for (var demand : demands) {
            var cp = demand.chargePointId();
            if (OverLimit.over(site, cp, now)) overLimitKw.put(cp, Kw.floor(site.meters.get(cp).kw()));
        }
        var counted = new ArrayList<>(reservations);
        if (!overLimitKw.isEmpty()) {
            overLimitKw.forEach((cp, kw) -> {
                var charger = chargers.get(cp);
                counted.add(new Reservation(cp, kw, site.sessions.get(cp).phasesInUse(), phaseOf(charger),
                        charger.voltageV(), limitOf(charger, gridLimited)));
            });
            demands = demands.stream().filter(d -> !overLimitKw.containsKey(d.chargePointId())).toList();
        }

        var departures = new HashMap<String, Departure>();
        for (var session : site.sessions.values()) {
            var departure = Departures.of(site, session, now);
            if (departure != null) departures.put(session.chargePointId(), departure);
        }
        var limits = limits(definition);
        var otherLoads = site.grid.otherLoads(definition, limitIds(limits), site.sessions, site.meters, now);
        var result = core.apply(new AllocationInput(budgetKw, sharing, limits, counted, demands, otherLoads,
                departuresOf(demands, departures, departureAware)));
        // one decision, one run of the core: its shares are the targets sent. What the site counts for a charger
        // whose lowering is on its way follows it apart from the targets (Counted), so a lowering never calls for
        // another decision.
        var allocations = new ArrayList<ChargerAllocation>();
        for (var share : result.shares()) {
            var cp = share.chargePointId();
            var queued = share.allocatedKw() <= 0;
            var queuedSince = queued ? site.queuedSince.getOrDefault(cp, now) : null;
            allocations.add(allocation(site, chargers.get(cp), caps.get(cp), share.allocatedKw(),
                    queued ? ChargerStatus.QUEUED : ChargerStatus.CHARGING, queuedSince, share.allocatedKw(), share.limitedBy(),
                    departures.get(cp)));
        }
        for (var reservation : reservations) {
            var cp = reservation.chargePointId();
            allocations.add(allocation(site, chargers.get(cp), caps.get(cp), reservation.kw(), ChargerStatus.OFFLINE, null,
                    reservation.kw(),
                    LimitedBy.RESERVATION, departures.get(cp)));
        }
        // counted at what it draws; the limit it is told stays the one it accepted
        overLimitKw.forEach((cp, kw) -> allocations.add(allocation(site, chargers.get(cp), caps.get(cp), kw,
                ChargerStatus.CHARGING, null, site.acknowledgedKw.getOrDefault(cp, kw), LimitedBy.RESERVATION, departures.get(cp))
                .withOverLimit()));
        sortByChargePoint(allocations, definition);
        var totalKw = Kw.round(allocations.stream().mapToDouble(ChargerAllocation::allocatedKw).sum());
        var snapshot = new AllocationSnapshot(definition.siteId(), config.strategy(), budgetKw, totalKw, now, trigger,
                allocations, circuits(result.limits()), budget);
        return new Outcome(snapshot, order, rotationOn);
    }

    /** The departures aligned with {@code demands} when departure-aware sharing is in force, else none. */
    private static List<Departure> departuresOf(List<Demand> demands, Map<String, Departure> departures, boolean inForce) {
        if (!inForce || departures.isEmpty()) return List.of();
        var aligned = new ArrayList<Departure>(demands.size());
        for (var demand : demands) {
            var departure = departures.get(demand.chargePointId());
            aligned.add(departure == null ? null : Departures.aimed(departure));
        }
        return aligned;
    }

    private double reservedKw(LiveSite site, String cp, Instant lostAt, Instant now, double defaultKw) {
        // after the grace period its TxProfile has expired: it falls back to its default profile
        if (!now.isBefore(lostAt.plus(commLossGrace))) return defaultKw;
        // the higher of what it accepted and what was on its way unanswered: it may have applied that (8.1); and
        // at least what the site counted for it when it was lost, as its connector saw it
        var kw = Math.max(site.acknowledgedKw.getOrDefault(cp, defaultKw), site.inFlightAtLossKw.getOrDefault(cp, 0.0));
        // a raise counted and not reported may be on its way too (a promise of MayDraw)
        var mayDraw = site.mayDraw.get(cp);
        var mayDrawKw = mayDraw != null ? mayDraw.knownKw() : null;
        return mayDrawKw != null ? Math.max(kw, mayDrawKw) : kw;
    }

    static Set<String> charging(LiveSite site) {
        if (site.allocation == null) return site.chargingAtRestore;
        var allocations = site.allocation.allocations();
        var charging = HashSet.<String>newHashSet(allocations.size());
        for (var a : allocations) if (a.status() == ChargerStatus.CHARGING) charging.add(a.chargePointId());
        return charging;
    }

    /** The chargers of the last definition by id: a site's definition changes rarely, decisions are many. */
    private Map<String, ChargerDefinition> chargersOf(SiteDefinition definition) {
        if (definition != chargersOf) {
            chargers = definition.chargers().stream().collect(Collectors.toMap(ChargerDefinition::chargePointId, c -> c));
            var ids = definition.chargers().stream().map(ChargerDefinition::chargePointId).sorted().toList();
            idRank = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) idRank.put(ids.get(i), i);
            chargersOf = definition;
        }
        return chargers;
    }

    /**
     * By charge point id, as {@code Comparator.comparing(ChargerAllocation::chargePointId)}: each allocation is a
     * charger of the definition, at most once, so it goes straight to its place in the chargers' id order.
     */
    private void sortByChargePoint(List<ChargerAllocation> allocations, SiteDefinition definition) {
        chargersOf(definition);
        var placed = new ChargerAllocation[idRank.size()];
        for (var a : allocations) {
            var rank = idRank.get(a.chargePointId());
            if (rank == null || placed[rank] != null) {
                allocations.sort((x, y) -> x.chargePointId().compareTo(y.chargePointId()));
                return;
            }
            placed[rank] = a;
        }
        allocations.clear();
        for (var a : placed) if (a != null) allocations.add(a);
    }

    private static ChargerAllocation allocation(LiveSite site, ChargerDefinition charger, Caps caps, double kw,
                                                ChargerStatus status, Instant queuedSince, double targetKw,
                                                LimitedBy limitedBy, Departure departure) {
        var session = site.sessions.get(charger.chargePointId());
        var meter = site.meters.get(charger.chargePointId());
        var phases = session.phasesInUse();
        return new ChargerAllocation(charger.chargePointId(), kw, caps.capKw(), caps.reason(), status, session,
                meter != null ? meter.kw() : null, phases, currents(charger, phases, kw), queuedSince, targetKw, limitedBy,
                departure != null && departure.atRisk(caps.capKw()), site.profiles.get(charger.chargePointId()), false);
    }

    /**
     * The current it draws at {@code kw} on each phase it draws on, rounded down to 0.01 A; immutable already, so
     * that {@code ChargerAllocation}'s {@code Map.copyOf} keeps it as it is (one per charger and decision).
     */
    static Map<Phase, Double> currents(ChargerDefinition charger, int phases, double kw) {
        var currentA = Kw.floor(kw * 1000 / (phases * charger.voltageV()));
        return phases == 3 ? Map.of(Phase.L1, currentA, Phase.L2, currentA, Phase.L3, currentA)
                : Map.of(phaseOf(charger), currentA);
    }

    static Phase phaseOf(ChargerDefinition charger) {
        return charger.phase() != null ? charger.phase() : Phase.L1;
    }

    private static String limitOf(ChargerDefinition charger, boolean gridLimited) {
        if (charger.circuitId() != null) return charger.circuitId();
        return gridLimited ? GRID : null;
    }

    static List<Limit> limits(SiteDefinition site) {
        var gridLimited = site.gridConnectionCurrentA() != null;
        var limits = new ArrayList<Limit>();
        if (gridLimited) limits.add(new Limit(GRID, null, site.gridConnectionCurrentA()));
        for (var circuit : site.circuits()) {
            var parent = circuit.parentId() != null ? circuit.parentId() : gridLimited ? GRID : null;
            limits.add(new Limit(circuit.circuitId(), parent, circuit.maxCurrentA()));
        }
        return limits;
    }

    static java.util.Set<String> limitIds(List<Limit> limits) {
        return limits.stream().map(Limit::id).collect(Collectors.toSet());
    }

    private static List<CircuitLoad> circuits(List<LimitLoad> loads) {
        return loads.stream()
                .sorted(Comparator.comparing((LimitLoad l) -> !l.limitId().equals(GRID)).thenComparing(LimitLoad::limitId))
                .map(l -> new CircuitLoad(l.limitId(), l.maxCurrentA(), Kw.round(l.l1A()), Kw.round(l.l2A()), Kw.round(l.l3A())))
                .toList();
    }
}
