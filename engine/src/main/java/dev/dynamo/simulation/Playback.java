package dev.dynamo.simulation;

import dev.dynamo.contract.SiteDefinition;
import dev.dynamo.site.SiteRegistry;
import dev.dynamo.site.Timers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scenario played on a running engine's own sites, so its HTTP API (allocation, history, decisions) shows
 * the simulation: one site per strategy, every one driven by the same vehicles on one {@link PacedClock}.
 * Each site is decided by the engine's site layer on its own thread, as for a real site, while one playback
 * thread hands it the events when the clock reaches them. At {@link PacedClock#MAX_SPEED} the runs are those of
 * {@link Simulator#compare}, KPIs included.
 *
 * <p>Give the engine {@link #clock()} and {@link #timers()} (EngineOptions' withClock and withTimers), then
 * {@link #start} with its sites.
 */
public final class Playback implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Playback.class);
    private static final long REPORT_EVERY_MS = 100;

    /** Hears the playback on its thread: keep it short. */
    public interface Listener {
        /** How far the run is, 0..1, and the simulated instant. */
        default void progress(double done, Instant at) {}

        /** The end of a run that does not loop: every strategy's KPIs, as {@link Simulator#compare} gives them. */
        default void finished(SimulationReport report) {}

        default void failed(RuntimeException failure) {}
    }

    private final Scenario scenario;
    private final List<StrategyChoice> choices;
    private final boolean looping;
    private final Listener listener;
    private final PacedClock clock;
    private final PlaybackTimers timers = new PlaybackTimers();
    private final List<SiteDefinition> sites = new ArrayList<>();
    private final Object lock = new Object();
    private boolean woken;
    private volatile boolean stopped;
    private SiteRegistry registry;
    private Thread thread;

    /**
     * @param looping when the run ends it starts again, the scenario shifted to begin where it ended (the demo)
     * @param wallNanos the wall time the speed applies to ({@code System::nanoTime})
     */
    public Playback(Scenario scenario, List<StrategyChoice> choices, double speed, boolean looping,
                    LongSupplier wallNanos, Listener listener) {
        if (choices.isEmpty()) throw new IllegalArgumentException("choose at least one strategy");
        choices.forEach(c -> c.check(scenario));
        this.scenario = scenario;
        this.choices = List.copyOf(choices);
        this.looping = looping;
        this.listener = listener;
        this.clock = new PacedClock(scenario.start(), speed, wallNanos);
        clock.set(scenario.start());
        for (var choice : choices) sites.add(siteFor(scenario.site(), choice, choices.size()));
    }

    /** Before {@link #start}: plays up to {@code liveFrom} as fast as possible, then at the speed (see {@link PacedClock}). */
    public void playFastUntil(Instant liveFrom) {
        if (registry != null) throw new IllegalStateException("already started");
        clock.playFastUntil(liveFrom);
    }

    /** The engine's clock while it plays this scenario. */
    public PacedClock clock() { return clock; }

    /** The engine's timers while it plays this scenario. */
    public Timers timers() { return timers; }

    /** The ids of the played sites, one per strategy in the order given. */
    public List<String> siteIds() { return sites.stream().map(SiteDefinition::siteId).toList(); }

    /**
     * One site per strategy: the scenario's own id when there is one strategy, else the id followed by the
     * strategy ({@code office-priority}, {@code office-equal-rotation-30}), named after both.
     */
    static SiteDefinition siteFor(SiteDefinition site, StrategyChoice choice, int strategies) {
        if (strategies == 1) return site;
        var slug = choice.label().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return new SiteDefinition(site.siteId() + "-" + slug, site.name() + " (" + choice.label() + ")", site.timezone(),
                site.gridConnectionCapacityKw(), site.gridConnectionCurrentA(), site.circuits(), site.chargers());
    }

    /** Puts the sites into the engine's registry with their first decision, then plays on a thread of its own. */
    public void start(SiteRegistry registry) {
        if (this.registry != null) throw new IllegalStateException("already started");
        this.registry = registry;
        var runs = runs(scenario, List.of());
        thread = Thread.ofPlatform().daemon().name("playback").start(() -> play(runs));
    }

    public void pause() {
        clock.pause();
        wake();
    }

    public void resume() {
        clock.resume();
        wake();
    }

    /** Simulated seconds per wall second, or {@link PacedClock#MAX_SPEED}; may change while playing. */
    public void setSpeed(double speed) {
        clock.setSpeed(speed);
        wake();
    }

    /** Stops the playback and waits for its thread; the engine and its sites stay as they are. */
    @Override
    public void close() {
        stopped = true;
        wake();
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private List<EventLoop> runs(Scenario pass, List<EventLoop> previous) {
        var vehicles = Simulator.vehicles(pass);
        var runs = new ArrayList<EventLoop>();
        for (int i = 0; i < choices.size(); i++) {
            var choice = choices.get(i);
            var site = sites.get(i);
            var run = new EventLoop(site, choice.apply(pass.config(), site), Simulator.changes(pass, choice), vehicles,
                    pass.start(), pass.end(), clock, loop -> new SimulatedSite(registry, site, this::wake));
            run.onTimerSet(this::wake);
            run.feedBuildingLoads(pass.buildingLoads());
            if (!previous.isEmpty()) run.adoptTimers(previous.get(i));
            timers.drive(site.siteId(), run);
            runs.add(run);
        }
        runs.forEach(EventLoop::begin);
        return runs;
    }

    private void play(List<EventLoop> first) {
        try {
            var pass = scenario;
            var runs = first;
            while (playPass(pass, runs)) {
                var cars = runs.stream().map(EventLoop::finish).toList();
                if (!looping) {
                    listener.finished(report(pass, runs, cars));
                    return;
                }
                // the vehicles of this pass leave; the next pass starts with an empty site, where this one ended
                for (var run : runs) run.endSessions();
                pass = shifted(pass, pass.end());
                runs = runs(pass, runs);
            }
        } catch (RuntimeException e) {
            if (stopped) return;
            LOG.warn("playback of {} failed", scenario.name(), e);
            listener.failed(e);
        }
    }

    /** Plays one pass to its end; false when stopped first. */
    private boolean playPass(Scenario pass, List<EventLoop> runs) {
        var endMs = pass.end().toEpochMilli();
        var reportedNanos = System.nanoTime();
        while (!stopped) {
            for (var run : runs) run.adoptOutsideDecision(clock.instant().toEpochMilli());
            EventLoop next = null;
            var nextMs = endMs;
            for (var run : runs) {
                var atMs = run.nextEventMs();
                if (atMs < nextMs) {
                    next = run;
                    nextMs = atMs;
                }
            }
            var nextAt = Instant.ofEpochMilli(nextMs);
            // time runs on up to the next event, and stands there while the event is handled
            clock.set(nextAt);
            var reached = waitFor(nextAt);
            if (reached && next != null) next.step();
            var wallNanos = System.nanoTime();
            var over = reached && next == null;
            if (over || wallNanos - reportedNanos >= REPORT_EVERY_MS * 1_000_000) {
                listener.progress(runs.getFirst().fractionAt(clock.instant().toEpochMilli()), clock.instant());
                reportedNanos = wallNanos;
            }
            if (over) return true;
        }
        return false;
    }

    /**
     * True when the clock has reached {@code at}; false after a wait or a wake-up (a new timer, a decision,
     * a pause), to look again at what comes next.
     */
    private boolean waitFor(Instant at) {
        synchronized (lock) {
            if (woken) {
                woken = false;
                return false;
            }
            var waitMs = clock.millisUntil(at);
            if (waitMs <= 0) return true;
            try {
                lock.wait(Math.min(waitMs, REPORT_EVERY_MS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
            return false;
        }
    }

    private void wake() {
        synchronized (lock) {
            woken = true;
            lock.notifyAll();
        }
    }

    private SimulationReport report(Scenario pass, List<EventLoop> runs, List<List<Car>> cars) {
        var simulator = new Simulator();
        var vehicles = Simulator.vehicles(pass);
        var bounds = new HashMap<List<Double>, UpperBound>();
        var results = new ArrayList<RunResult>();
        for (int i = 0; i < runs.size(); i++) {
            var measured = simulator.measure(pass, vehicles, choices.get(i), runs.get(i), cars.get(i));
            results.add(simulator.withBound(pass, vehicles, choices.get(i), measured, bounds));
        }
        return new SimulationReport(pass.name(), pass.seed(), pass.start(), pass.end(), vehicles.size(), results);
    }

    /** The same scenario moved in time to begin at {@code start}: its vehicles and config changes move with it. */
    public static Scenario shifted(Scenario scenario, Instant start) {
        var offset = java.time.Duration.between(scenario.start(), start);
        var changes = scenario.configChanges().stream().map(c -> new Scenario.ConfigChange(c.at().plus(offset), c.config())).toList();
        var vehicles = scenario.vehicles().stream().map(v -> new VehicleSpec(v.vehicleId(), v.arrival().plus(offset),
                v.departure().plus(offset), v.energyNeededKwh(), v.maxAcceptanceKw(), v.chargePointId(), v.batteryKwh(),
                v.arrivalSoc(), v.phasesInUse())).toList();
        return new Scenario(scenario.name(), scenario.description(), scenario.site(), scenario.config(), changes, start,
                scenario.duration(), scenario.seed(), vehicles, scenario.model(), scenario.buildingLoads());
    }
}
