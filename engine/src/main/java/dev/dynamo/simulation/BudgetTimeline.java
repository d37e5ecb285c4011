package dev.dynamo.simulation;

import dev.dynamo.allocation.Sharing;
import dev.dynamo.schedule.ScheduleWindow;
import dev.dynamo.schedule.WeeklySchedule;
import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.Strategy;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The budget of a run as a step function: the config in force (the scenario's, then its changes) and,
 * for {@code scheduled}, the window in force in site local time, found by the engine's own
 * {@link WeeklySchedule} so the bound and the KPIs see the budget the site layer applies.
 */
public record BudgetTimeline(List<Segment> segments) {
    public BudgetTimeline {
        segments = List.copyOf(segments);
    }

    /** Why a segment begins: the start of the run, a stored config, or a schedule window beginning or ending. */
    public enum Trigger { START, CONFIG, SCHEDULE }

    public record Segment(Instant from, Instant to, double budgetKw, Sharing sharing, ChargingConfig config, Trigger trigger) {
        public double hours() { return (to.toEpochMilli() - from.toEpochMilli()) / 3_600_000.0; }
    }

    public static BudgetTimeline of(ChargingConfig initial, List<Scenario.ConfigChange> changes, double capacityKw,
                                    ZoneId zone, Instant from, Instant to) {
        var configs = new TreeMap<Instant, ChargingConfig>();
        configs.put(from, initial);
        changes.forEach(c -> configs.put(c.at(), c.config()));
        var boundaries = new TreeMap<Instant, Trigger>();
        boundaries.put(from, Trigger.START);
        changes.forEach(c -> boundaries.put(c.at(), Trigger.CONFIG));
        for (var entry : configs.entrySet()) {
            var config = entry.getValue();
            if (config.strategy() != Strategy.SCHEDULED) continue;
            var until = configs.higherKey(entry.getKey()) == null ? to : configs.higherKey(entry.getKey());
            var schedule = new WeeklySchedule(config.schedule());
            for (var at = schedule.nextBoundaryAfter(entry.getKey(), zone); at.isPresent() && at.get().isBefore(until);
                 at = schedule.nextBoundaryAfter(at.get(), zone))
                boundaries.putIfAbsent(at.get(), Trigger.SCHEDULE);
        }
        var segments = new ArrayList<Segment>();
        var instants = new ArrayList<>(boundaries.keySet());
        for (int i = 0; i < instants.size(); i++) {
            var at = instants.get(i);
            var end = i + 1 < instants.size() ? instants.get(i + 1) : to;
            var config = configs.floorEntry(at).getValue();
            var window = config.strategy() == Strategy.SCHEDULED ? windowAt(config.schedule(), at, zone) : null;
            var budgetKw = Math.min(capacityKw, window != null ? window.maxPowerKw() : config.maxPowerKw());
            var sharing = window != null ? window.sharing()
                    : config.strategy() == Strategy.PRIORITY ? Sharing.PRIORITY : Sharing.EQUAL;
            segments.add(new Segment(at, end, budgetKw, sharing, config, boundaries.get(at)));
        }
        return new BudgetTimeline(segments);
    }

    public Segment at(Instant instant) {
        for (int i = segments.size() - 1; i >= 0; i--) if (!segments.get(i).from().isAfter(instant)) return segments.get(i);
        return segments.getFirst();
    }

    /** kWh the budget allows over [from, to). */
    public double energyKwh(Instant from, Instant to) {
        var total = 0.0;
        for (var s : segments) {
            var a = Math.max(s.from().toEpochMilli(), from.toEpochMilli());
            var b = Math.min(s.to().toEpochMilli(), to.toEpochMilli());
            if (b > a) total += s.budgetKw() * (b - a) / 3_600_000.0;
        }
        return total;
    }

    static ScheduleWindow windowAt(List<ScheduleWindow> schedule, Instant instant, ZoneId zone) {
        var index = new WeeklySchedule(schedule).windowAt(instant, zone);
        return index.isPresent() ? schedule.get(index.getAsInt()) : null;
    }
}
