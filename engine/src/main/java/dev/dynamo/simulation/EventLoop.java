package dev.dynamo.simulation;

import dev.dynamo.allocation.AllocationInput;
import dev.dynamo.allocation.AllocationResult;
import dev.dynamo.site.ChargerDefinition;
import dev.dynamo.site.SiteDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

/**
 * A discrete-event run of one strategy: arrivals, departures, energy delivered, config changes and schedule
 * boundaries, rotation ticks, in time order on a simulated clock, each handed to the site as the live
 * engine would get it. Between events every allocation is constant, so the vehicles' energy follows
 * {@link Battery}'s closed form and time jumps from one event to the next.
 */
final class EventLoop {
    /** Same-instant order: sessions end before the budget moves, and before newcomers plug in. */
    private enum Kind { COMPLETE, DEPARTURE, BUDGET, ARRIVAL, ROTATION }

    private record Event(long atMs, Kind kind, long seq, int car, long version, BudgetTimeline.Segment segment) {}

    private final SiteDefinition site;
    private final BudgetTimeline budget;
    private final List<Car> cars = new ArrayList<>();
    private final Car[] onCharger;
    private final List<Car> line = new ArrayList<>();
    private final CoreSite core;
    private final PriorityQueue<Event> events = new PriorityQueue<>(Comparator.comparingLong(Event::atMs)
            .thenComparing(Event::kind).thenComparingLong(Event::seq));
    private final List<RunResult.TimelinePoint> timeline = new ArrayList<>();
    private final long startMs;
    private final long endMs;
    private long seq;
    private long rotationVersion;
    private Instant rotationAt;
    private double peakKw;

    EventLoop(SiteDefinition site, BudgetTimeline budget, List<VehicleSpec> vehicles, Instant start, Instant end,
              Function<AllocationInput, AllocationResult> allocator) {
        this.site = site;
        this.budget = budget;
        this.startMs = start.toEpochMilli();
        this.endMs = end.toEpochMilli();
        this.onCharger = new Car[site.chargers().size()];
        this.core = new CoreSite(site, budget.segments().getFirst(), allocator);
        for (var spec : vehicles) {
            var car = new Car(cars.size(), spec);
            cars.add(car);
            push(Math.max(startMs, spec.arrival().toEpochMilli()), Kind.ARRIVAL, car.index, 0, null);
            push(spec.departure().toEpochMilli(), Kind.DEPARTURE, car.index, 0, null);
        }
        budget.segments().stream().skip(1).forEach(s -> push(s.from().toEpochMilli(), Kind.BUDGET, -1, 0, s));
    }

    List<Car> run(DoubleConsumer progress) {
        var first = budget.segments().getFirst();
        core.budgetChanged(first, Instant.ofEpochMilli(startMs));
        afterDecision(startMs);
        record(startMs);
        var reported = -1.0;
        while (!events.isEmpty() && events.peek().atMs() < endMs) {
            var event = events.poll();
            var nowMs = event.atMs();
            for (var car : onCharger) if (car != null) car.advance(nowMs);
            if (!handle(event, nowMs)) continue;
            record(nowMs);
            var done = (nowMs - startMs) / (double) (endMs - startMs);
            if (done - reported >= 0.01) {
                progress.accept(done);
                reported = done;
            }
        }
        for (var car : onCharger) if (car != null) car.advance(endMs);
        for (var car : cars) if (car.state != Car.State.GONE && car.state != Car.State.EXPECTED) car.leave(endMs, "run_ended");
        progress.accept(1);
        return cars;
    }

    List<RunResult.TimelinePoint> timeline() { return timeline; }

    double peakKw() { return peakKw; }

    int decisions() { return core.decisions(); }

    /** Applies one event; false when it was stale and changed nothing. */
    private boolean handle(Event event, long nowMs) {
        var at = Instant.ofEpochMilli(nowMs);
        switch (event.kind()) {
            case ARRIVAL -> arrive(cars.get(event.car()), nowMs);
            case DEPARTURE -> {
                var car = cars.get(event.car());
                if (car.state == Car.State.GONE || car.state == Car.State.EXPECTED) return false;
                if (car.state == Car.State.IN_LINE) {
                    line.remove(car);
                    car.leave(nowMs, "departed");
                } else {
                    unplug(car, nowMs, "departed");
                }
            }
            case COMPLETE -> {
                var car = cars.get(event.car());
                if (car.state != Car.State.PLUGGED || car.completionVersion != event.version()) return false;
                car.deliveredKwh = car.spec.energyNeededKwh();
                unplug(car, nowMs, "energy_delivered");
            }
            case BUDGET -> {
                core.budgetChanged(event.segment(), at);
                afterDecision(nowMs);
            }
            case ROTATION -> {
                if (event.version() != rotationVersion) return false;
                rotationAt = null;
                var before = core.decisions();
                core.rotationTick(at);
                if (core.decisions() != before) afterDecision(nowMs);
                else scheduleRotation(nowMs);
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
        core.sessionStarted(definition.chargePointId(), Instant.ofEpochMilli(nowMs), car.spec.maxAcceptanceKw(),
                ChargerFit.phasesInUse(car.spec, definition));
        afterDecision(nowMs);
    }

    private void unplug(Car car, long nowMs, String reason) {
        onCharger[car.chargerIndex] = null;
        car.leave(nowMs, reason);
        core.sessionStopped(car.chargePointId, Instant.ofEpochMilli(nowMs));
        afterDecision(nowMs);
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
            ChargerDefinition charger = site.chargers().get(i);
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

    /** Takes the site's new allocation: reschedules energy completion where it changed, and tracks waits. */
    private void afterDecision(long nowMs) {
        var allocation = core.allocation();
        for (var car : onCharger) {
            if (car == null) continue;
            var kw = allocation.getOrDefault(car.chargePointId, 0.0);
            if (kw > 0) car.stopWaiting(nowMs);
            else car.startWaiting(nowMs);
            if (kw == car.allocatedKw) continue;
            car.allocatedKw = kw;
            car.completionVersion++;
            var hours = car.battery.hoursToDeliver(car.deliveredKwh, kw, car.spec.energyNeededKwh());
            if (Double.isFinite(hours)) {
                var atMs = nowMs + Math.max(1, (long) Math.ceil(hours * 3_600_000));
                if (atMs < endMs) push(atMs, Kind.COMPLETE, car.index, car.completionVersion, null);
            }
        }
        scheduleRotation(nowMs);
    }

    private void scheduleRotation(long nowMs) {
        var next = core.nextRotationAt(Instant.ofEpochMilli(nowMs));
        if (next == null ? rotationAt == null : next.equals(rotationAt)) return;
        rotationVersion++;
        rotationAt = next;
        if (next != null) push(next.toEpochMilli(), Kind.ROTATION, -1, rotationVersion, null);
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
        timeline.add(new RunResult.TimelinePoint(Instant.ofEpochMilli(nowMs), core.budget().budgetKw(), allocatedKw, drawKw,
                charging, queued, line.size()));
    }

    private void push(long atMs, Kind kind, int car, long version, BudgetTimeline.Segment segment) {
        events.add(new Event(atMs, kind, seq++, car, version, segment));
    }
}
