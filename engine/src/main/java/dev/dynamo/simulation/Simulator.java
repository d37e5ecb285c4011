package dev.dynamo.simulation;

import dev.dynamo.allocation.AllocationInput;
import dev.dynamo.allocation.AllocationResult;
import dev.dynamo.allocation.Allocator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Runs a scenario's vehicles under one or several strategies and measures each run against the upper bound.
 * The allocation core is injected so that benchmarks and tests run the production one, {@link Allocator}.
 */
public final class Simulator {
    /** Told each run's label and how far it is, 0..1. */
    public interface Progress {
        void update(String run, double done);

        Progress NONE = (_, _) -> {};
    }

    private final Function<AllocationInput, AllocationResult> allocator;
    private final int upperBoundSlotMin;
    /** Whether runs are measured against the planner bound too (a mixed-integer program: seconds to minutes). */
    private boolean planner;
    /** Whether runs keep each vehicle's outcome and the power timeline ({@link #withoutDetails}). */
    private boolean details = true;
    /** Told of every decision of every run, or null (tests pin the decision sequence with it). */
    private dev.dynamo.site.DecisionListener observer;
    /** The planner bound of each upper bound computed (the same vehicles and budget): runs of one comparison share it. */
    private final Map<UpperBound, PlannerBound> planners = Collections.synchronizedMap(new IdentityHashMap<>());

    public Simulator() { this(Allocator::allocate, 1); }

    /** This simulator measuring each run against the planner bound too ({@link PlannerBound}; contract 10's goal). */
    public Simulator withPlanner() {
        planner = true;
        return this;
    }

    /**
     * This simulator keeping no details: runs report their KPIs (the same) without the vehicle list and the
     * power timeline, and hold in memory only the vehicles present, so a year of a large site fits in little.
     */
    public Simulator withoutDetails() {
        details = false;
        return this;
    }

    /** This simulator telling {@code listener} of every decision of its runs (the site's snapshots, in order). */
    Simulator observing(dev.dynamo.site.DecisionListener listener) {
        observer = listener;
        return this;
    }

    public Simulator(Function<AllocationInput, AllocationResult> allocator, int upperBoundSlotMin) {
        if (upperBoundSlotMin < 1) throw new IllegalArgumentException("upper bound slot must be at least 1 minute");
        this.allocator = allocator;
        this.upperBoundSlotMin = upperBoundSlotMin;
    }

    /** The listed vehicles and the generated ones, by arrival, keeping those present at some moment of the run. */
    public static List<VehicleSpec> vehicles(Scenario scenario) {
        var all = new ArrayList<>(scenario.vehicles());
        if (scenario.model() != null)
            all.addAll(VehicleGenerator.generate(scenario.model(), scenario.seed(), scenario.start(), scenario.end(), scenario.site().timezone()));
        return all.stream()
                .filter(v -> v.arrival().isBefore(scenario.end()) && v.departure().isAfter(scenario.start()))
                .sorted(Comparator.comparing(VehicleSpec::arrival).thenComparing(VehicleSpec::vehicleId))
                .toList();
    }

    public SimulationReport compare(Scenario scenario, List<StrategyChoice> choices, Progress progress) {
        var vehicles = vehicles(scenario);
        var bounds = new HashMap<List<Double>, UpperBound>();
        var runs = new ArrayList<RunResult>();
        for (var choice : choices) runs.add(run(scenario, vehicles, choice, bounds, progress));
        return new SimulationReport(scenario.name(), scenario.seed(), scenario.start(), scenario.end(), vehicles.size(), runs);
    }

    public RunResult run(Scenario scenario, List<VehicleSpec> vehicles, StrategyChoice choice) {
        return run(scenario, vehicles, choice, new HashMap<>(), Progress.NONE);
    }

    private RunResult run(Scenario scenario, List<VehicleSpec> vehicles, StrategyChoice choice,
                          Map<List<Double>, UpperBound> bounds, Progress progress) {
        // the bound needs only the vehicles and the budget: it is solved on a second thread while the run goes
        var key = budgetKey(timeline(scenario, choice));
        CompletableFuture<UpperBound> pending = null;
        if (!bounds.containsKey(key)) {
            var timeline = timeline(scenario, choice);
            pending = new CompletableFuture<>();
            var future = pending;
            Thread.ofPlatform().daemon().name("upper-bound").start(() -> {
                try {
                    future.complete(UpperBound.compute(scenario.site(), timeline, vehicles, scenario.start(), scenario.end(),
                            upperBoundSlotMin));
                } catch (RuntimeException | Error e) {
                    future.completeExceptionally(e);
                }
            });
        }
        var result = simulate(scenario, vehicles, choice, progress);
        if (pending != null) {
            try {
                bounds.put(key, pending.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) throw cause;
                throw e;
            }
        }
        return withBound(scenario, vehicles, choice, result, bounds);
    }

    /** The run's KPIs measured against the upper bound of its budget (computed once per budget in {@code bounds}). */
    RunResult withBound(Scenario scenario, List<VehicleSpec> vehicles, StrategyChoice choice, RunResult result,
                        Map<List<Double>, UpperBound> bounds) {
        var timeline = timeline(scenario, choice);
        var key = budgetKey(timeline);
        var bound = bounds.computeIfAbsent(key, _ -> UpperBound.compute(scenario.site(), timeline, vehicles,
                scenario.start(), scenario.end(), upperBoundSlotMin));
        var planner = !this.planner ? null : planners.computeIfAbsent(bound, _ -> PlannerBound.compute(scenario.site(),
                timeline, vehicles, scenario.start(), scenario.end(), bound));
        return new RunResult(result.strategy(), result.kpis().withUpperBound(bound, planner), result.vehicles(), result.timeline());
    }

    /** One run without the upper bound (its KPIs hold NaN there): what the benchmark measures. */
    public RunResult simulate(Scenario scenario, List<VehicleSpec> vehicles, StrategyChoice choice) {
        return simulate(scenario, vehicles, choice, Progress.NONE);
    }

    private RunResult simulate(Scenario scenario, List<VehicleSpec> vehicles, StrategyChoice choice, Progress progress) {
        var loop = loop(scenario, vehicles, choice);
        var cars = loop.run(done -> progress.update(choice.label(), done));
        var result = measure(scenario, vehicles, choice, loop, cars);
        if (scenario.buildingLoads().isEmpty()) return result;
        // the same strategy without the meter, on the budget a cautious operator would set
        var staticKw = staticBudgetKw(scenario);
        var withoutMeter = withoutMeters(scenario, staticKw);
        var staticLoop = loop(withoutMeter, vehicles, choice);
        staticLoop.withoutDetails();
        staticLoop.run(_ -> {});
        var staticKwh = Arrays.stream(staticLoop.deliveredKwh()).sum();
        var grid = new Kpis.Grid(loop.peakGridImportKw(), loop.capacityBreaches(), staticKw, staticKwh);
        return new RunResult(result.strategy(), result.kpis().withGrid(grid), result.vehicles(), result.timeline());
    }

    /** The capacity minus the building's peak load (PV ignored, buffers kept): a budget that never needs a meter. */
    static double staticBudgetKw(Scenario scenario) {
        var site = scenario.site();
        double otherKw = 0;
        double bufferKw = 0;
        for (var load : scenario.buildingLoads()) {
            var meter = site.meter(load.meterId()).orElseThrow();
            var peak = load.peakBuildingKw(scenario.start(), scenario.end(), site.timezone());
            if (meter.onGrid()) {
                otherKw = peak;
                bufferKw = meter.bufferKw();
                break;
            }
            otherKw += peak;
        }
        return Math.max(0, site.gridConnectionCapacityKw() - otherKw - bufferKw);
    }

    /** The scenario on a site without meters, every budget at most {@code staticKw}. */
    static Scenario withoutMeters(Scenario scenario, double staticKw) {
        var s = scenario.site();
        var site = new dev.dynamo.contract.SiteDefinition(s.siteId(), s.name(), s.timezone(), s.gridConnectionCapacityKw(),
                s.gridConnectionCurrentA(), s.circuits(), s.chargers());
        var changes = scenario.configChanges().stream()
                .map(c -> new Scenario.ConfigChange(c.at(), capped(c.config(), staticKw))).toList();
        return new Scenario(scenario.name(), scenario.description(), site, capped(scenario.config(), staticKw), changes,
                scenario.start(), scenario.duration(), scenario.seed(), scenario.vehicles(), scenario.model());
    }

    private static dev.dynamo.contract.ChargingConfig capped(dev.dynamo.contract.ChargingConfig c, double staticKw) {
        var windows = c.schedule().stream().map(w -> new dev.dynamo.schedule.ScheduleWindow(w.days(), w.startMinute(),
                w.endMinute(), Math.min(w.maxPowerKw(), staticKw), w.sharing())).toList();
        // a config needs max_power_kw > 0: a building that may take everything leaves a token budget
        return new dev.dynamo.contract.ChargingConfig(Math.max(0.01, Math.min(c.maxPowerKw(), staticKw)), c.strategy(),
                Math.min(c.minPowerPerChargerKw(), Math.max(0.01, Math.min(c.maxPowerKw(), staticKw))), c.priorityOrder(),
                windows, c.rotationPeriodMin(), c.redistributeUnused(), c.updatedAt());
    }

    /**
     * The KPIs of a finished run (a playback's too), without the upper bound: from the loop's tallies of each
     * vehicle, in the vehicles' order, so that they are the same with or without details; {@code cars} (empty
     * without details) give the report's vehicle list.
     */
    RunResult measure(Scenario scenario, List<VehicleSpec> vehicles, StrategyChoice choice, EventLoop loop, List<Car> cars) {
        var timeline = timeline(scenario, choice);
        var hasRotation = timeline.segments().stream().anyMatch(s -> s.config().rotationPeriodMin() != null);
        double longestWaitWithoutRotationMin;
        if (hasRotation) {
            var withoutRotation = loop(scenario, vehicles, choice.withoutRotation());
            withoutRotation.withoutDetails();
            withoutRotation.run(_ -> {});
            longestWaitWithoutRotationMin = longestWaitMin(withoutRotation);
        } else {
            longestWaitWithoutRotationMin = longestWaitMin(loop);
        }
        var specs = loop.vehicles();
        var delivered = loop.deliveredKwh();
        var requestedKwh = specs.stream().mapToDouble(VehicleSpec::energyNeededKwh).sum();
        var deliveredKwh = Arrays.stream(delivered).sum();
        var shares = new double[specs.size()];
        var fullyServed = 0;
        var worstShortKwh = 0.0;
        for (int i = 0; i < shares.length; i++) {
            var needed = specs.get(i).energyNeededKwh();
            shares[i] = delivered[i] / needed;
            if (served(delivered[i], needed)) fullyServed++;
            worstShortKwh = Math.max(worstShortKwh, Math.max(0, needed - delivered[i]));
        }
        var budgetKwh = timeline.energyKwh(scenario.start(), scenario.end());
        var kpis = new Kpis(specs.size(), requestedKwh, deliveredKwh, requestedKwh - deliveredKwh, fullyServed,
                Kpis.jain(shares), longestWaitMin(loop), longestWaitWithoutRotationMin, loop.peakKw(), budgetKwh,
                budgetKwh == 0 ? 0 : deliveredKwh / budgetKwh, loop.decisions(), Double.NaN, 0, Double.NaN, null,
                worstShortKwh, null);
        return new RunResult(choice.label(), kpis, cars.stream().map(Simulator::outcome).toList(), loop.timeline());
    }

    private EventLoop loop(Scenario scenario, List<VehicleSpec> vehicles, StrategyChoice choice) {
        var site = scenario.site();
        var loop = new EventLoop(site, choice.apply(scenario.config(), site), changes(scenario, choice), vehicles,
                scenario.start(), scenario.end(), allocator);
        loop.feedBuildingLoads(scenario.buildingLoads());
        if (!details) loop.withoutDetails();
        if (observer != null) loop.listen(observer);
        return loop;
    }

    private static boolean served(double deliveredKwh, double neededKwh) { return deliveredKwh >= neededKwh - 1e-9; }

    static List<Scenario.ConfigChange> changes(Scenario scenario, StrategyChoice choice) {
        return scenario.configChanges().stream()
                .map(c -> new Scenario.ConfigChange(c.at(), choice.apply(c.config(), scenario.site()))).toList();
    }

    static BudgetTimeline timeline(Scenario scenario, StrategyChoice choice) {
        var site = scenario.site();
        return BudgetTimeline.of(choice.apply(scenario.config(), site), changes(scenario, choice), site.gridConnectionCapacityKw(),
                site.timezone(), scenario.start(), scenario.end());
    }

    /** Runs under the same budget share one bound: it depends on the budget, not on how it is shared. */
    private static List<Double> budgetKey(BudgetTimeline timeline) {
        var key = new ArrayList<Double>();
        for (var s : timeline.segments()) {
            key.add((double) s.from().toEpochMilli());
            key.add(s.budgetKw());
        }
        return key;
    }

    private static double longestWaitMin(EventLoop loop) {
        return Arrays.stream(loop.longestWaitMs()).max().orElse(0) / 60_000.0;
    }

    private static RunResult.VehicleOutcome outcome(Car car) {
        var spec = car.spec;
        var served = served(car.deliveredKwh, spec.energyNeededKwh());
        return new RunResult.VehicleOutcome(spec.vehicleId(), car.chargePointId, spec.arrival(), spec.departure(),
                spec.energyNeededKwh(), car.deliveredKwh, served, car.longestWaitMs / 60_000.0, car.totalWaitMs / 60_000.0,
                car.endReason == null ? null : Instant.ofEpochMilli(car.endedMs), car.endReason);
    }
}
