package dev.dynamo.site;

import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.Session;
import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.contract.Strategy;

import dev.dynamo.allocation.AllocationInput;
import dev.dynamo.allocation.AllocationResult;
import dev.dynamo.allocation.ChargerShare;
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
import java.util.Arrays;
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

    DecisionMaker(Function<AllocationInput, AllocationResult> core, Duration commLossGrace) {
        this.core = core;
        this.commLossGrace = commLossGrace;
    }

    /** The outcome of a decision, not yet applied to the site. */
    record Outcome(AllocationSnapshot snapshot, List<String> admissionOrder, boolean rotationOn) {
        DecisionRecord record() {
            // a loop, not a stream: once per decision, and a stream here made the JDK's stream code hot in the burst
            var allocations = snapshot.allocations();
            var entries = new DecisionRecord.Entry[allocations.size()];
            for (int i = 0; i < entries.length; i++) {
                var a = allocations.get(i);
                entries[i] = new DecisionRecord.Entry(a.chargePointId(), a.allocatedKw(), a.status().json());
            }
            return new DecisionRecord(snapshot.siteId(), snapshot.calculatedAt(), snapshot.trigger().json(),
                    snapshot.strategy().json(), snapshot.totalBudgetKw(), snapshot.totalAllocatedKw(), List.of(entries),
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
     * state is only read (also for a preview). Each charger is looked up once per decision: its definition, session,
     * caps and departure are held by its place in the id order ({@link Ranked}), and the allocations are made in
     * that order.
     */
    Outcome decide(LiveSite site, ChargingConfig config, Instant now, Trigger trigger) {
        var definition = site.definition;
        var inForce = BudgetInForce.at(config.maxPowerKw(), config.strategy() == Strategy.SCHEDULED,
                config.strategy() == Strategy.PRIORITY ? Sharing.PRIORITY : Sharing.EQUAL,
                config.schedule(), now, definition.timezone());
        var budget = site.grid.budget(definition, inForce.budgetKw(), site.sessions, site.states(), now);
        var budgetKw = budget.budgetKw();
        var sharing = inForce.sharing();

        var ranked = ranked(definition);
        var n = ranked.chargers.length;
        var bySession = BySession.of(site, config, ranked, now);
        var sessions = bySession.sessions;
        var states = bySession.states;
        var caps = bySession.caps;
        var departures = bySession.departures;
        var active = bySession.active;
        var activeAt = bySession.activeAt;
        var lostRanks = bySession.lostRanks;
        var lost = bySession.lost;

        var departureAware = Departures.inForce(config, sharing);
        // rotation does not apply while departure-aware sharing is on (contract 10)
        var rotationOn = config.rotationPeriodMin() != null && config.minPowerPerChargerKw() > 0 && sharing == Sharing.EQUAL
                && !departureAware;
        int[] ruleFiveRanks = null;
        List<String> ruleFive;
        if (sharing == Sharing.PRIORITY) {
            ruleFive = Admission.ruleFive(active, sharing, config.priorityOrder());
        } else {
            ruleFiveRanks = ranked.byStart(active, activeAt);
            ruleFive = idsOf(ruleFiveRanks, activeAt);
        }
        var order = !rotationOn ? ruleFive
                : trigger == Trigger.ROTATION ? Admission.rotated(ruleFive, site.queuedSince, site.admittedAt)
                : Admission.sticky(site.admissionOrder, charging(site), ruleFive);
        var orderRanks = order == ruleFive ? ruleFiveRanks : null;

        // a charger ignoring its limit is counted at what it draws, first, like a reservation (contract 11)
        var overLimitKw = new java.util.TreeMap<String, Double>();
        var demands = new ArrayList<Demand>(order.size());
        var demandRanks = new int[order.size()];
        demands(order, orderRanks, ranked, bySession, now, overLimitKw, demands, demandRanks);
        // the default limits matter only for chargers offline past their grace period: computed when one is offline
        List<Reservation> reservations = List.of();
        if (lost > 0) {
            var defaults = DefaultLimits.kwByCharger(definition);
            var lostOnes = new Reservation[lost];
            for (int i = 0; i < lost; i++) {
                int rank = lostRanks[i];
                var cp = sessions[rank].chargePointId();
                var kw = reservedKw(states[rank], now, defaults.getOrDefault(cp, 0.0));
                lostOnes[i] = new Reservation(cp, kw, sessions[rank].phasesInUse(), ranked.phases[rank],
                        ranked.voltageV[rank], ranked.limits[rank]);
            }
            reservations = List.of(lostOnes);
        }
        var counted = new ArrayList<>(reservations);
        overLimitKw.forEach((cp, kw) -> {
            int rank = ranked.rank.get(cp);
            counted.add(new Reservation(cp, kw, sessions[rank].phasesInUse(), ranked.phases[rank],
                    ranked.voltageV[rank], ranked.limits[rank]));
        });

        var otherLoads = site.grid.otherLoads(definition, ranked.limitIds, site.sessions, site.states(), now);
        var result = core.apply(new AllocationInput(budgetKw, sharing, ranked.limitList, counted, demands, otherLoads,
                departuresOf(demands, departures, departureAware)));
        // one decision, one run of the core: its shares are the targets sent. What the site counts for a charger
        // whose lowering is on its way follows it apart from the targets (Counted), so a lowering never calls for
        // another decision. Each charger is at most once among the shares, reservations and over-limit ones: the
        // allocations are put in charge point order by their place in it.
        var placed = new ChargerAllocation[n];
        var shares = result.shares();
        placeShares(shares, demandRanks, ranked, bySession, site.queuedSince, now, placed);
        for (var reservation : reservations) {
            var cp = reservation.chargePointId();
            int rank = ranked.rank.get(cp);
            placed[rank] = allocation(ranked, rank, sessions[rank], states[rank], caps[rank], reservation.kw(), ChargerStatus.OFFLINE,
                    null, reservation.kw(), LimitedBy.RESERVATION, departures.get(cp));
        }
        // counted at what it draws; the limit it is told stays the one it accepted
        overLimitKw.forEach((cp, kw) -> {
            int rank = ranked.rank.get(cp);
            var acknowledgedKw = states[rank].acknowledgedKw;
            placed[rank] = allocation(ranked, rank, sessions[rank], states[rank], caps[rank], kw, ChargerStatus.CHARGING, null,
                    acknowledgedKw != null ? acknowledgedKw : kw, LimitedBy.RESERVATION, departures.get(cp)).withOverLimit();
        });
        var allocations = new ArrayList<ChargerAllocation>(shares.size() + counted.size());
        var totalKw = collect(placed, allocations);
        var snapshot = new AllocationSnapshot(definition.siteId(), config.strategy(), budgetKw, totalKw, now, trigger,
                allocations, circuits(result.limits()), budget);
        return new Outcome(snapshot, order, rotationOn);
    }

    // decide's loops are methods of their own: each is compiled once, small; in one large method the JIT compiled the
    // whole method again for each hot loop (on-stack replacement), the most compile work of the first burst
    // (docs/benchmarks.md, "The JIT in rounds 2 and 3 of the burst")

    /** What a decision needs of each charger with a session, by its place in the id order; one look-up per charger. */
    private static final class BySession {
        final Session[] sessions;
        final ChargerState[] states;
        final Caps[] caps;
        final Map<String, Departure> departures = new HashMap<>();
        final List<Session> active;
        final Session[] activeAt;
        /** The chargers lost with their session going on, in charge point order (the sessions' order). */
        int[] lostRanks;
        int lost;

        private BySession(int n, int sessionCount) {
            sessions = new Session[n];
            states = new ChargerState[n];
            caps = new Caps[n];
            active = new ArrayList<>(sessionCount);
            activeAt = new Session[n];
        }

        static BySession of(LiveSite site, ChargingConfig config, Ranked ranked, Instant now) {
            var n = ranked.chargers.length;
            var by = new BySession(n, site.sessions.size());
            // a site that keeps nothing about any charger (no connection, meter value or acknowledgement) looks none up
            var anyState = !site.states().isEmpty();
            for (var session : site.sessions.values()) {
                var rank = ranked.rank.get(session.chargePointId());
                if (rank == null) continue;
                var cp = session.chargePointId();
                var state = anyState ? site.stateOf(cp) : null;
                by.sessions[rank] = session;
                by.states[rank] = state;
                // caps lowered to metered power (7.3) hold only while redistribution is on
                var measuredCapKw = config.redistributeUnused() && state != null ? state.loweredCapKw() : null;
                by.caps[rank] = ranked.caps(rank, session, measuredCapKw, config.minPowerPerChargerKw());
                var departure = Departures.of(site, session, now);
                if (departure != null) by.departures.put(cp, departure);
                if (state == null || state.connection() != ChargerState.Connection.LOST) {
                    by.active.add(session);
                    by.activeAt[rank] = session;
                } else {
                    if (by.lostRanks == null) by.lostRanks = new int[n];
                    by.lostRanks[by.lost++] = rank;
                }
            }
            return by;
        }
    }

    private static List<String> idsOf(int[] ranks, Session[] activeAt) {
        var ids = new String[ranks.length];
        for (int i = 0; i < ids.length; i++) ids[i] = activeAt[ranks[i]].chargePointId();
        return List.of(ids);
    }

    /** The demands in {@code order} (their ranks in {@code demandRanks}); a charger over its limit goes to {@code overLimitKw}. */
    private static void demands(List<String> order, int[] orderRanks, Ranked ranked, BySession by, Instant now,
            Map<String, Double> overLimitKw, List<Demand> demands, int[] demandRanks) {
        for (int i = 0; i < order.size(); i++) {
            var cp = order.get(i);
            int rank = orderRanks != null ? orderRanks[i] : ranked.rank.get(cp);
            if (OverLimit.over(by.states[rank], now)) {
                overLimitKw.put(cp, Kw.floor(by.states[rank].meter.kw()));
                continue;
            }
            var cap = by.caps[rank];
            demandRanks[demands.size()] = rank;
            demands.add(new Demand(cp, cap.capKw(), cap.floorKw(), by.sessions[rank].phasesInUse(), ranked.phases[rank],
                    ranked.voltageV[rank], ranked.limits[rank]));
        }
    }

    private static void placeShares(List<ChargerShare> shares, int[] demandRanks, Ranked ranked, BySession by,
            Map<String, Instant> queuedSinceByCharger, Instant now, ChargerAllocation[] placed) {
        for (int i = 0; i < shares.size(); i++) {
            var share = shares.get(i);
            var rank = demandRanks[i];
            var cp = share.chargePointId();
            var queued = share.allocatedKw() <= 0;
            var queuedSince = queued ? queuedSinceByCharger.getOrDefault(cp, now) : null;
            placed[rank] = allocation(ranked, rank, by.sessions[rank], by.states[rank], by.caps[rank], share.allocatedKw(),
                    queued ? ChargerStatus.QUEUED : ChargerStatus.CHARGING, queuedSince, share.allocatedKw(), share.limitedBy(),
                    by.departures.get(cp));
        }
    }

    /** Adds the placed allocations to {@code allocations} in charge point order; their total kW. */
    private static double collect(ChargerAllocation[] placed, List<ChargerAllocation> allocations) {
        var sum = new Kw.Sum();
        for (var a : placed) {
            if (a == null) continue;
            allocations.add(a);
            sum.add(a.allocatedKw());
        }
        return Kw.round(sum.value());
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

    private double reservedKw(ChargerState charger, Instant now, double defaultKw) {
        // after the grace period its TxProfile has expired: it falls back to its default profile
        if (!now.isBefore(charger.lostSince().plus(commLossGrace))) return defaultKw;
        // the higher of what it accepted and what was on its way unanswered: it may have applied that (8.1); and
        // at least what the site counted for it when it was lost, as its connector saw it
        var kw = Math.max(charger.acknowledgedKw != null ? charger.acknowledgedKw : defaultKw,
                charger.inFlightAtLossKw != null ? charger.inFlightAtLossKw : 0.0);
        // a raise counted and not reported may be on its way too (a promise of MayDraw)
        var mayDraw = charger.mayDrawIfAny();
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

    /**
     * A definition's chargers in id order, with what a decision needs of each by that place; made again only when
     * the definition changes (compared by identity): a site's definition changes rarely, decisions are many.
     */
    private static final class Ranked {
        final SiteDefinition definition;
        final ChargerDefinition[] chargers;
        final Map<String, Integer> rank;
        final Phase[] phases;
        final String[] limits;
        final List<Limit> limitList;
        final Set<String> limitIds;
        /**
         * Immutable per-phase currents made before, by value (one phase or all three, and the current): chargers at
         * one level share one map, decision after decision. Direct-mapped; a slot holds the last map made for it.
         */
        @SuppressWarnings("unchecked")
        private final Map<Phase, Double>[] currents = (Map<Phase, Double>[]) new Map<?, ?>[CURRENTS_SLOTS];
        private final long[] currentsKey = new long[CURRENTS_SLOTS];
        private final long[] currentsVoltage = new long[CURRENTS_SLOTS];
        private final int[] currentsPhase = new int[CURRENTS_SLOTS];
        /** Each charger's voltage, and as bits for the currents' slots: no look into its definition per decision. */
        final double[] voltageV;
        private final long[] voltageBitsOf;

        Ranked(SiteDefinition definition) {
            this.definition = definition;
            chargers = definition.chargers().stream().sorted(Comparator.comparing(ChargerDefinition::chargePointId))
                    .toArray(ChargerDefinition[]::new);
            var n = chargers.length;
            rank = HashMap.newHashMap(n);
            phases = new Phase[n];
            limits = new String[n];
            voltageV = new double[n];
            voltageBitsOf = new long[n];
            var gridLimited = definition.gridConnectionCurrentA() != null;
            for (int i = 0; i < n; i++) {
                rank.put(chargers[i].chargePointId(), i);
                phases[i] = phaseOf(chargers[i]);
                limits[i] = limitOf(chargers[i], gridLimited);
                voltageV[i] = chargers[i].voltageV();
                voltageBitsOf[i] = Double.doubleToRawLongBits(voltageV[i]);
            }
            limitList = List.copyOf(DecisionMaker.limits(definition));
            limitIds = limitIds(limitList);
        }

        private final ByStart byStart = new ByStart();
        /** The caps last made for each charger, and the session, metered cap and floor they were made of. */
        private Caps[] capsMade;
        private Session[] capsSession;
        private Double[] capsMeasuredKw;
        private double[] capsMinKw;

        /** {@link Caps#of} for the charger at {@code rank}: the same caps again while its session and inputs are. */
        Caps caps(int rank, Session session, Double measuredCapKw, double minPowerKw) {
            if (capsSession == null) {
                capsMade = new Caps[chargers.length];
                capsSession = new Session[chargers.length];
                capsMeasuredKw = new Double[chargers.length];
                capsMinKw = new double[chargers.length];
            }
            var made = capsMade[rank];
            if (made != null && capsSession[rank] == session && java.util.Objects.equals(capsMeasuredKw[rank], measuredCapKw)
                    && Double.doubleToRawLongBits(capsMinKw[rank]) == Double.doubleToRawLongBits(minPowerKw)) {
                return made;
            }
            made = Caps.of(chargers[rank], session, measuredCapKw, minPowerKw);
            capsMade[rank] = made;
            capsSession[rank] = session;
            capsMeasuredKw[rank] = measuredCapKw;
            capsMinKw[rank] = minPowerKw;
            return made;
        }

        /** Rule 5's order of the active sessions under equal sharing, as ranks ({@link ByStart}). */
        int[] byStart(List<Session> active, Session[] activeAt) {
            return byStart.order(this, active, activeAt);
        }

        /** {@link DecisionMaker#currents} of the charger at {@code rank}: equal maps, one made per kW, voltage and phases. */
        Map<Phase, Double> currents(int rank, int phasesInUse, double kw) {
            // the phases in use and, when not all three, the one it draws on
            var phase = phasesInUse == 3 ? 3 : phasesInUse * 4 + phases[rank].ordinal();
            var bits = Double.doubleToRawLongBits(kw);
            var voltageBits = voltageBitsOf[rank];
            var slot = (int) (bits ^ (bits >>> 32) ^ (bits >>> 45) ^ voltageBits ^ (voltageBits >>> 40) ^ phase)
                    & (CURRENTS_SLOTS - 1);
            var made = currents[slot];
            if (made != null && currentsKey[slot] == bits && currentsVoltage[slot] == voltageBits && currentsPhase[slot] == phase) {
                return made;
            }
            var map = DecisionMaker.currents(chargers[rank], phasesInUse, kw);
            currents[slot] = map;
            currentsKey[slot] = bits;
            currentsVoltage[slot] = voltageBits;
            currentsPhase[slot] = phase;
            return map;
        }
    }

    private static final int CURRENTS_SLOTS = 256;

    /**
     * Rule 5 under equal sharing, by start to the millisecond, then id, as ranks: made from the last decision's order
     * when that still holds (the sessions still there keep their order and the few newcomers, most often the last to
     * start, follow it; one pass checks the whole order), else by {@link Admission#ruleFive}'s sort.
     */
    private static final class ByStart {
        private Session[] lastOrder = new Session[0];
        private int[] lastRanks = new int[0];

        int[] order(Ranked ranked, List<Session> active, Session[] activeAt) {
            var n = active.size();
            var ranks = new int[n];
            var kept = new boolean[activeAt.length];
            var k = 0;
            for (int i = 0; i < lastOrder.length; i++) {
                var rank = lastRanks[i];
                if (rank < activeAt.length && activeAt[rank] == lastOrder[i]) {
                    ranks[k++] = rank;
                    kept[rank] = true;
                }
            }
            var newcomers = n - k;
            if (newcomers <= MAX_NEWCOMERS) {
                // in id order: by rank
                for (int rank = 0; rank < activeAt.length && k < n; rank++) {
                    if (activeAt[rank] != null && !kept[rank]) ranks[k++] = rank;
                }
            }
            if (newcomers > MAX_NEWCOMERS || !inOrder(ranks, activeAt)) ranks = sorted(ranked, active);
            var order = new Session[n];
            for (int i = 0; i < n; i++) order[i] = activeAt[ranks[i]];
            lastOrder = order;
            lastRanks = ranks;
            return ranks;
        }

        /** By start to the millisecond, then by id (the rank is the place in the id order). */
        private static boolean inOrder(int[] ranks, Session[] activeAt) {
            for (int i = 1; i < ranks.length; i++) {
                var before = activeAt[ranks[i - 1]].startedAt().toEpochMilli();
                var after = activeAt[ranks[i]].startedAt().toEpochMilli();
                if (before > after || before == after && ranks[i - 1] > ranks[i]) return false;
            }
            return true;
        }

        private static int[] sorted(Ranked ranked, List<Session> active) {
            var order = Admission.ruleFive(active, Sharing.EQUAL, List.of());
            var ranks = new int[order.size()];
            for (int i = 0; i < ranks.length; i++) ranks[i] = ranked.rank.get(order.get(i));
            return ranks;
        }
    }

    private static final int MAX_NEWCOMERS = 8;

    private Ranked ranked;

    private Ranked ranked(SiteDefinition definition) {
        if (ranked == null || ranked.definition != definition) ranked = new Ranked(definition);
        return ranked;
    }

    private static ChargerAllocation allocation(Ranked ranked, int rank, Session session, ChargerState state, Caps caps,
                                                double kw, ChargerStatus status, Instant queuedSince, double targetKw,
                                                LimitedBy limitedBy, Departure departure) {
        var cp = session.chargePointId();
        var meter = state == null ? null : state.meter;
        var phases = session.phasesInUse();
        return new ChargerAllocation(cp, kw, caps.capKw(), caps.reason(), status, session,
                meter != null ? meter.kw() : null, phases, ranked.currents(rank, phases, kw), queuedSince, targetKw, limitedBy,
                departure != null && departure.atRisk(caps.capKw()), state == null ? null : state.profile,
                false);
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

    /** The grid first, then the circuits by id. */
    private static final Comparator<LimitLoad> GRID_FIRST =
            Comparator.comparing((LimitLoad l) -> !l.limitId().equals(GRID)).thenComparing(LimitLoad::limitId);

    /** Once per decision: a loop and one comparator, not a stream (see {@link Outcome#record}). */
    private static List<CircuitLoad> circuits(List<LimitLoad> loads) {
        var sorted = loads.toArray(LimitLoad[]::new);
        Arrays.sort(sorted, GRID_FIRST); // stable, as the stream's sort was
        var circuits = new CircuitLoad[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            var l = sorted[i];
            circuits[i] = new CircuitLoad(l.limitId(), l.maxCurrentA(), Kw.round(l.l1A()), Kw.round(l.l2A()), Kw.round(l.l3A()));
        }
        return List.of(circuits);
    }
}
