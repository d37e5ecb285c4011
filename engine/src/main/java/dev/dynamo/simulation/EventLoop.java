package dev.dynamo.simulation;

import dev.dynamo.allocation.AllocationInput;
import dev.dynamo.allocation.AllocationResult;
import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.site.Timers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

/**
 * A discrete-event run of one strategy on a simulated clock: arrivals, departures, energy delivered, config
 * changes, meter values, and the site's own timers (schedule boundaries, rotation ticks), in time order,
 * each handed to the production site layer as the live engine would get it. Between events every
 * allocation is constant, so the vehicles' energy follows {@link Battery}'s closed form and time jumps
 * from one event to the next.
 */
final class EventLoop implements Timers {
    static final long METER_INTERVAL_MS = 60_000;

    /** Same-instant order: sessions end before the budget moves, and before newcomers plug in. */
    private enum Kind { COMPLETE, DEPARTURE, CONFIG, TIMER, METER, READING, ARRIVAL }

    private static final class Timer implements Cancellable {
        final Runnable task;
        volatile boolean cancelled;

        Timer(Runnable task) { this.task = task; }

        @Override
        public void cancel() { cancelled = true; }
    }

    private record Event(long atMs, Kind kind, long seq, int car, long version, ChargingConfig config, Timer timer)
            implements Comparable<Event> {
        @Override
        public int compareTo(Event other) {
            if (atMs != other.atMs) return Long.compare(atMs, other.atMs);
            if (kind != other.kind) return kind.compareTo(other.kind);
            return Long.compare(seq, other.seq);
        }
    }

    private final SiteDefinition site;
    private final ChargingConfig initial;
    private boolean meters;
    /** Building loads fed to the site's meters (contract 9), and what they make the grid connection carry. */
    private List<BuildingLoad> buildingLoads = List.of();
    private double peakGridImportKw = Double.NaN;
    private int capacityBreaches;
    /**
     * The run is departure-aware (contract 10) at some point: sessions are told their departure and the
     * vehicles' energy goes to the site as a charger's register would. Other runs tell neither, so that they
     * decide exactly as before (no 5-minute departure ticks).
     */
    private final boolean departures;
    /** The vehicles by arrival; {@code cars[i]} exists from its arrival (and, without details, until it leaves). */
    private final List<VehicleSpec> specs;
    private final Car[] cars;
    /** The next vehicle whose arrival and departure are not queued yet: queued one at a time, the queue stays small. */
    private int nextQueued;
    /** Whether a finished vehicle's {@link Car} is kept for the report's vehicle list; without, only its tally. */
    private boolean details = true;
    /** What each vehicle got, by index, written when it leaves: the KPIs are made from these. */
    private final double[] deliveredKwh;
    private final long[] longestWaitMs;
    private final Car[] onCharger;
    private final List<Car> line = new ArrayList<>();
    private final SimulatedClock clock;
    private final SimulatedSite simulated;
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    /**
     * The completion events, apart: each decision re-times every vehicle whose allocation changed, so they are
     * most of the events (the superseded ones still mark an instant the vehicles' energy is brought up to).
     * Guarded by {@code events}.
     */
    private final CompletionQueue completions = new CompletionQueue();
    private final List<RunResult.TimelinePoint> timeline = new ArrayList<>();
    private final long startMs;
    private final long endMs;
    private long seq;
    private int seenDecisions;
    private Runnable timerSet = () -> {};
    private double peakKw;

    EventLoop(SiteDefinition site, ChargingConfig initial, List<Scenario.ConfigChange> changes, List<VehicleSpec> vehicles,
              Instant start, Instant end, Function<AllocationInput, AllocationResult> allocator) {
        this(site, initial, changes, vehicles, start, end, new SimulatedClock(start),
                loop -> new SimulatedSite(site, loop.clock, loop, allocator));
    }

    /** A run whose site layer {@code siteFactory} gives (a playback's: shared, on a paced clock). */
    EventLoop(SiteDefinition site, ChargingConfig initial, List<Scenario.ConfigChange> changes, List<VehicleSpec> vehicles,
              Instant start, Instant end, SimulatedClock clock, Function<EventLoop, SimulatedSite> siteFactory) {
        this.site = site;
        this.initial = initial;
        this.startMs = start.toEpochMilli();
        this.endMs = end.toEpochMilli();
        this.onCharger = new Car[site.chargers().size()];
        this.clock = clock;
        this.simulated = siteFactory.apply(this);
        this.departures = initial.departureAware() || changes.stream().anyMatch(c -> c.config().departureAware());
        this.meters = departures || initial.redistributeUnused() || changes.stream().anyMatch(c -> c.config().redistributeUnused());
        this.specs = List.copyOf(vehicles);
        this.cars = new Car[specs.size()];
        this.deliveredKwh = new double[specs.size()];
        this.longestWaitMs = new long[specs.size()];
        if (specs.isEmpty()) {
            // a run without vehicles (a short run at night): only configs, timers and meters
        } else if (byArrival(specs)) {
            queueNextVehicle();
        } else {
            while (nextQueued < specs.size()) queueNextVehicle();
        }
        changes.forEach(c -> push(c.at().toEpochMilli(), Kind.CONFIG, -1, 0, c.config(), null));
        if (meters) push(startMs + METER_INTERVAL_MS, Kind.METER, -1, 0, null, null);
    }

    /**
     * Feeds the site's meters from building loads: a reading every interval from the start, and a meter value
     * of every charging vehicle each minute (so the meters' other load is the building's own). Before {@link #begin}.
     */
    void feedBuildingLoads(List<BuildingLoad> loads) {
        if (loads.isEmpty()) return;
        buildingLoads = List.copyOf(loads);
        peakGridImportKw = 0;
        if (!meters) push(startMs + METER_INTERVAL_MS, Kind.METER, -1, 0, null, null);
        meters = true;
        for (int i = 0; i < loads.size(); i++) push(startMs, Kind.READING, i, 0, null, null);
    }

    /**
     * Queues the next vehicle's arrival and departure. With the vehicles in arrival order, the next one is
     * queued when the one before arrives: the same events in the same order as queuing all at the start
     * (arrivals and departures among themselves keep the vehicles' order), in a queue of the vehicles present.
     */
    private void queueNextVehicle() {
        var index = nextQueued++;
        var spec = specs.get(index);
        push(arrivalMs(spec), Kind.ARRIVAL, index, 0, null, null);
        push(spec.departure().toEpochMilli(), Kind.DEPARTURE, index, 0, null, null);
    }

    private long arrivalMs(VehicleSpec spec) { return Math.max(startMs, spec.arrival().toEpochMilli()); }

    private boolean byArrival(List<VehicleSpec> vehicles) {
        for (int i = 1; i < vehicles.size(); i++)
            if (arrivalMs(vehicles.get(i)) < arrivalMs(vehicles.get(i - 1))) return false;
        return true;
    }

    /**
     * Keeps no timeline and no {@link Car} after its vehicle left: the KPIs stay the same, the memory of a long
     * run stays that of the vehicles present (plus 16 bytes per vehicle). Before {@link #begin}.
     */
    void withoutDetails() { details = false; }

    /** {@code listener} hears of every decision of the run's site as well. Before {@link #begin}. */
    void listen(dev.dynamo.site.DecisionListener listener) { simulated.listen(listener); }

    /** The highest power the grid connection carried at any event (NaN without building loads). */
    double peakGridImportKw() { return peakGridImportKw; }

    /** Events after which the grid connection carried more than its capacity. */
    int capacityBreaches() { return capacityBreaches; }

    /** The site layer works on the event loop's thread: no hand-off per event. */
    @Override
    public boolean callerRuns() { return true; }

    /** Timers the site layer sets run when the simulated clock reaches them. */
    @Override
    public Cancellable at(Instant instant, Runnable task) {
        var timer = new Timer(task);
        push(Math.max(instant.toEpochMilli(), clock.instant().toEpochMilli()), Kind.TIMER, -1, 0, null, timer);
        return timer;
    }

    /**
     * Runs to the end; {@code progress} hears the fraction done at most once per percent. With details, the
     * vehicles are returned (see {@link #finish}).
     */
    List<Car> run(DoubleConsumer progress) {
        try (simulated) {
            begin();
            var reported = -1.0;
            while (nextEventMs() != Long.MAX_VALUE) {
                if (!step()) continue;
                var done = fractionAt(clock.instant().toEpochMilli());
                if (done - reported >= 0.01) {
                    progress.accept(done);
                    reported = done;
                }
            }
        }
        var cars = finish();
        progress.accept(1);
        return cars;
    }

    /** The first decision, on the initial config; then {@link #step} until {@link #nextEventMs} says the run is over. */
    void begin() {
        simulated.storeConfig(initial);
        sync(startMs);
        record(startMs);
    }

    /** When the next event inside the run happens, or {@code Long.MAX_VALUE} when none is left. */
    long nextEventMs() {
        synchronized (events) {
            var next = events.peek();
            var atMs = next == null ? Long.MAX_VALUE : next.atMs();
            if (!completions.isEmpty()) atMs = Math.min(atMs, completions.atMs());
            return atMs >= endMs ? Long.MAX_VALUE : atMs;
        }
    }

    /** Handles the next event; false when it was stale and changed nothing. */
    boolean step() {
        Event event;
        synchronized (events) {
            var head = events.peek();
            // a completion comes first at its instant (Kind.COMPLETE is the first kind)
            if (!completions.isEmpty() && (head == null || completions.atMs() <= head.atMs())) {
                event = new Event(completions.atMs(), Kind.COMPLETE, completions.seq(), completions.car(), completions.version(),
                        null, null);
                completions.poll();
            } else {
                event = events.poll();
            }
        }
        var nowMs = event.atMs();
        clock.set(Instant.ofEpochMilli(nowMs));
        if (event.kind() == Kind.COMPLETE && superseded(event)) {
            // changes nothing but the instant the vehicles' energy is brought up to: brought up later, car by car
            broughtUpTo.add(nowMs);
            return false;
        }
        advanceAll(nowMs);
        if (!handle(event, nowMs)) return false;
        sync(nowMs);
        record(nowMs);
        return true;
    }

    /**
     * Takes a decision the site made on its own between events (a config stored over HTTP during a
     * playback): the vehicles charged at the old allocation until {@code nowMs}.
     */
    void adoptOutsideDecision(long nowMs) {
        if (simulated.decisions() == seenDecisions) return;
        advanceAll(nowMs);
        sync(nowMs);
        record(nowMs);
    }

    /**
     * The vehicles still charging or waiting leave when the run ends; with details, every vehicle of the run
     * (one that never came is {@code EXPECTED}), else none: the tallies hold what the KPIs need.
     */
    List<Car> finish() {
        advanceAll(endMs);
        for (var car : cars) if (car != null && car.state != Car.State.GONE && car.state != Car.State.EXPECTED) leave(car, endMs, "run_ended");
        if (!details) return List.of();
        var all = new ArrayList<Car>(cars.length);
        for (int i = 0; i < cars.length; i++) all.add(cars[i] != null ? cars[i] : new Car(i, specs.get(i)));
        return all;
    }

    /** kWh each vehicle got, by index (after {@link #finish}). */
    double[] deliveredKwh() { return deliveredKwh; }

    /** The longest wait of each vehicle, ms, by index (after {@link #finish}). */
    long[] longestWaitMs() { return longestWaitMs; }

    List<VehicleSpec> vehicles() { return specs; }

    /** The vehicle leaves: its tally is written, and without details its car is let go. */
    private void leave(Car car, long nowMs, String reason) {
        car.leave(nowMs, reason);
        deliveredKwh[car.index] = car.deliveredKwh;
        longestWaitMs[car.index] = car.longestWaitMs;
        if (!details) cars[car.index] = null;
    }

    /** The car of a queued event, or null when it left and was let go (no details). */
    private Car car(int index) { return cars[index]; }

    /** Stops the sessions of the vehicles still plugged in when the run ended (a looping playback starts afresh). */
    void endSessions() {
        for (var car : onCharger) if (car != null) simulated.sessionStopped(car.chargePointId);
    }

    double fractionAt(long nowMs) { return Math.clamp((nowMs - startMs) / (double) (endMs - startMs), 0, 1); }

    /** The charge points with a vehicle plugged in. */
    List<String> pluggedChargePoints() {
        var plugged = new ArrayList<String>();
        for (var car : onCharger) if (car != null) plugged.add(car.chargePointId);
        return plugged;
    }

    /** Takes the timers still pending in a previous run of the same site (a looping playback's next pass). */
    void adoptTimers(EventLoop previous) {
        synchronized (previous.events) {
            for (var event : previous.events) {
                if (event.kind() == Kind.TIMER && !event.timer().cancelled) push(event.atMs(), Kind.TIMER, -1, 0, null, event.timer());
            }
            previous.events.clear();
        }
    }

    /** Told whenever the site sets a timer, so that a waiting playback looks again at what comes next. */
    void onTimerSet(Runnable action) { timerSet = action; }

    List<RunResult.TimelinePoint> timeline() { return timeline; }

    double peakKw() { return peakKw; }

    int decisions() { return simulated.decisions(); }

    Map<String, Integer> decisionsByTrigger() { return simulated.decisionsByTrigger(); }

    /**
     * The instants of superseded completions not yet applied to the vehicles' energy. Each is still an instant every
     * charging vehicle's energy is brought up to (the closed form is applied from instant to instant, so skipping
     * one would change the last bits); applied car by car at the next event, in the same order: the same result.
     */
    private final LongList broughtUpTo = new LongList();

    /** Brings every vehicle on a charger up to the superseded completions' instants, then to {@code nowMs}. */
    private void advanceAll(long nowMs) {
        for (var car : onCharger) {
            if (car == null) continue;
            car.advanceThrough(broughtUpTo.values, broughtUpTo.size, nowMs);
        }
        broughtUpTo.size = 0;
    }

    /** A completion whose vehicle left or got another allocation since it was set: {@link #handle} ignores it. */
    private boolean superseded(Event event) {
        var car = car(event.car());
        return car == null || car.state != Car.State.PLUGGED || car.completionVersion != event.version();
    }

    private static final class LongList {
        long[] values = new long[16];
        int size;

        void add(long value) {
            if (size == values.length) values = java.util.Arrays.copyOf(values, size * 2);
            values[size++] = value;
        }
    }

    /** Applies one event; false when it was stale and changed nothing. */
    private boolean handle(Event event, long nowMs) {
        switch (event.kind()) {
            case ARRIVAL -> {
                if (nextQueued < specs.size()) queueNextVehicle();
                var car = new Car(event.car(), specs.get(event.car()));
                cars[car.index] = car;
                arrive(car, nowMs);
            }
            case DEPARTURE -> {
                var car = car(event.car());
                if (car == null || car.state == Car.State.GONE || car.state == Car.State.EXPECTED) return false;
                if (car.state == Car.State.IN_LINE) {
                    line.remove(car);
                    leave(car, nowMs, "departed");
                } else {
                    unplug(car, nowMs, "departed");
                }
            }
            case COMPLETE -> {
                var car = car(event.car());
                if (car == null || car.state != Car.State.PLUGGED || car.completionVersion != event.version()) return false;
                car.deliveredKwh = car.spec.energyNeededKwh();
                unplug(car, nowMs, "energy_delivered");
            }
            case CONFIG -> simulated.storeConfig(event.config());
            case TIMER -> {
                if (event.timer().cancelled) return false;
                event.timer().task.run();
                simulated.awaitIdle();
            }
            case METER -> {
                for (var car : onCharger) {
                    if (car == null) continue;
                    simulated.meterValue(car.chargePointId, car.drawKw(), ChargerFit.phasesInUse(car.spec, site.chargers().get(car.chargerIndex)));
                    if (departures) simulated.energyRegister(car.chargePointId, car.deliveredKwh);
                }
                push(nowMs + METER_INTERVAL_MS, Kind.METER, -1, 0, null, null);
            }
            case READING -> {
                var load = buildingLoads.get(event.car());
                var meter = site.meter(load.meterId()).orElseThrow();
                var now = Instant.ofEpochMilli(nowMs);
                var kw = load.netKw(now, site.timezone()) + drawBelow(meter.node());
                simulated.meterReading(load.meterId(), new dev.dynamo.contract.MeterReading(kw, null, now));
                push(nowMs + load.readingIntervalS() * 1000L, Kind.READING, event.car(), 0, null, null);
            }
        }
        return true;
    }

    private void arrive(Car car, long nowMs) {
        if (car.spec.departure().toEpochMilli() <= nowMs) return;
        var charger = freeChargerFor(car);
        if (charger < 0) {
            car.state = Car.State.IN_LINE;
            car.startWaiting(nowMs);
            line.add(car);
            return;
        }
        plug(car, charger, nowMs);
    }

    private void plug(Car car, int charger, long nowMs) {
        var definition = site.chargers().get(charger);
        car.state = Car.State.PLUGGED;
        car.chargerIndex = charger;
        car.chargePointId = definition.chargePointId();
        car.updatedMs = nowMs;
        car.allocatedKw = 0;
        onCharger[charger] = car;
        // the session starts with the vehicle's need and departure (contract 10): they matter with departure_aware
        simulated.sessionStarted(definition.chargePointId(), car.spec.maxAcceptanceKw(), car.spec.energyNeededKwh(),
                ChargerFit.phasesInUse(car.spec, definition), departures ? car.spec.departure() : null);
        // its register at the start, as a charger's meterStart: else the site counts from the first minute's reading
        if (departures) simulated.energyRegister(car.chargePointId, 0);
    }

    private void unplug(Car car, long nowMs, String reason) {
        onCharger[car.chargerIndex] = null;
        leave(car, nowMs, reason);
        simulated.sessionStopped(car.chargePointId);
        // the first in line that may use this charger takes it
        for (var waiting : line) {
            if (waiting.spec.anyCharger() || waiting.spec.chargePointId().equals(car.chargePointId)) {
                line.remove(waiting);
                plug(waiting, car.chargerIndex, nowMs);
                return;
            }
        }
    }

    /** A named charger if it is free; for "any", the free charger with the highest cap for it (site order on a tie). */
    private int freeChargerFor(Car car) {
        var best = -1;
        var bestCapKw = -1.0;
        for (int i = 0; i < onCharger.length; i++) {
            if (onCharger[i] != null) continue;
            var charger = site.chargers().get(i);
            if (!car.spec.anyCharger()) {
                if (charger.chargePointId().equals(car.spec.chargePointId())) return i;
                continue;
            }
            var capKw = ChargerFit.capKw(car.spec, charger);
            if (capKw > bestCapKw) {
                best = i;
                bestCapKw = capKw;
            }
        }
        return best;
    }

    /** After the site decided: takes the new allocation, reschedules energy completion where it changed, tracks waits. */
    private void sync(long nowMs) {
        if (simulated.decisions() == seenDecisions) return;
        seenDecisions = simulated.decisions();
        var allocation = simulated.allocation(site);
        for (var car : onCharger) {
            if (car == null) continue;
            var kw = allocation[car.chargerIndex];
            if (kw > 0) car.stopWaiting(nowMs);
            else car.startWaiting(nowMs);
            if (kw == car.allocatedKw && car.completionVersion > 0) continue;
            car.allocatedKw = kw;
            car.completionVersion++;
            var hours = car.battery.hoursToDeliver(car.deliveredKwh, kw, car.spec.energyNeededKwh());
            if (Double.isFinite(hours)) {
                var atMs = nowMs + Math.max(1, (long) Math.ceil(hours * 3_600_000));
                if (atMs < endMs) {
                    synchronized (events) {
                        completions.add(atMs, seq++, car.index, car.completionVersion);
                    }
                }
            }
        }
    }

    private void record(long nowMs) {
        var allocatedKw = 0.0;
        var drawKw = 0.0;
        int charging = 0;
        int queued = 0;
        for (var car : onCharger) {
            if (car == null) continue;
            allocatedKw += car.allocatedKw;
            drawKw += car.drawKw();
            if (car.allocatedKw > 0) charging++;
            else queued++;
        }
        peakKw = Math.max(peakKw, drawKw);
        if (!details && buildingLoads.isEmpty()) return;
        if (!buildingLoads.isEmpty()) {
            var importKw = otherLoadKw(Instant.ofEpochMilli(nowMs)) + drawKw;
            peakGridImportKw = Math.max(peakGridImportKw, importKw);
            if (importKw > site.gridConnectionCapacityKw() + 1e-6) capacityBreaches++;
        }
        if (!details) return;
        var last = timeline.isEmpty() ? null : timeline.getLast();
        var point = new RunResult.TimelinePoint(Instant.ofEpochMilli(nowMs), simulated.budgetKw(), allocatedKw, drawKw,
                charging, queued, line.size());
        // several events at one instant: keep the state after the last of them
        if (last != null && last.at().equals(point.at())) timeline.removeLast();
        timeline.add(point);
    }

    /** What the grid connection carries besides the chargers: the grid meter's load, else every node's. */
    private double otherLoadKw(Instant at) {
        double sum = 0;
        for (var load : buildingLoads) {
            var node = site.meter(load.meterId()).orElseThrow().node();
            if (node.equals(dev.dynamo.contract.MeterDefinition.GRID)) return load.netKw(at, site.timezone());
            sum += load.netKw(at, site.timezone());
        }
        return sum;
    }

    /** The draw of the vehicles on chargers below a node ({@code grid}: all). */
    private double drawBelow(String node) {
        var parents = new java.util.HashMap<String, String>();
        site.circuits().forEach(c -> parents.put(c.circuitId(), c.parentId()));
        double kw = 0;
        for (var car : onCharger) {
            if (car == null) continue;
            var charger = site.chargers().get(car.chargerIndex);
            boolean below = node.equals(dev.dynamo.contract.MeterDefinition.GRID);
            for (var at = charger.circuitId(); !below && at != null; at = parents.get(at)) below = at.equals(node);
            if (below) kw += car.drawKw();
        }
        return kw;
    }

    /**
     * A binary heap of completion events (instant, sequence, vehicle, version) in four arrays, ordered as
     * {@link Event#compareTo} orders events of one kind: by instant, then sequence. No object per event.
     */
    private static final class CompletionQueue {
        private long[] atMs = new long[64];
        private long[] seq = new long[64];
        private int[] car = new int[64];
        private long[] version = new long[64];
        private int size;

        boolean isEmpty() { return size == 0; }

        long atMs() { return atMs[0]; }

        long seq() { return seq[0]; }

        int car() { return car[0]; }

        long version() { return version[0]; }

        void add(long at, long sequence, int vehicle, long ver) {
            if (size == atMs.length) {
                atMs = java.util.Arrays.copyOf(atMs, size * 2);
                seq = java.util.Arrays.copyOf(seq, size * 2);
                car = java.util.Arrays.copyOf(car, size * 2);
                version = java.util.Arrays.copyOf(version, size * 2);
            }
            var i = size++;
            while (i > 0) {
                var parent = (i - 1) >>> 1;
                if (!before(at, sequence, parent)) break;
                move(parent, i);
                i = parent;
            }
            set(i, at, sequence, vehicle, ver);
        }

        void poll() {
            var last = --size;
            if (last == 0) return;
            long at = atMs[last], sequence = seq[last], ver = version[last];
            var vehicle = car[last];
            var i = 0;
            while (true) {
                var child = 2 * i + 1;
                if (child >= last) break;
                if (child + 1 < last && before(atMs[child + 1], seq[child + 1], child)) child++;
                if (!lessThan(atMs[child], seq[child], at, sequence)) break;
                move(child, i);
                i = child;
            }
            set(i, at, sequence, vehicle, ver);
        }

        /** Whether (at, sequence) comes before the entry at {@code index}. */
        private boolean before(long at, long sequence, int index) {
            return lessThan(at, sequence, atMs[index], seq[index]);
        }

        private static boolean lessThan(long atA, long seqA, long atB, long seqB) {
            return atA != atB ? atA < atB : seqA < seqB;
        }

        private void move(int from, int to) {
            set(to, atMs[from], seq[from], car[from], version[from]);
        }

        private void set(int i, long at, long sequence, int vehicle, long ver) {
            atMs[i] = at;
            seq[i] = sequence;
            car[i] = vehicle;
            version[i] = ver;
        }
    }

    private void push(long atMs, Kind kind, int car, long version, ChargingConfig config, Timer timer) {
        // a playback's site threads set timers too
        synchronized (events) {
            events.add(new Event(atMs, kind, seq++, car, version, config, timer));
        }
        if (kind == Kind.TIMER) timerSet.run();
    }
}
