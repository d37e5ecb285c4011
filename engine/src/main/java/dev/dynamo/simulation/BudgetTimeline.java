package dev.dynamo.simulation;

import dev.dynamo.allocation.Sharing;
import dev.dynamo.schedule.ScheduleWindow;
import dev.dynamo.site.ChargingConfig;
import dev.dynamo.site.Strategy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The budget of a run as a step function: the config in force (the scenario's, then its changes) and,
 * for {@code scheduled}, the window in force in site local time. Each boundary is a rebalance trigger.
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
        for (var config : configs.values()) {
            if (config.strategy() != Strategy.SCHEDULED) continue;
            for (var window : config.schedule()) {
                for (var day = from.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(to.atZone(zone).toLocalDate()); day = day.plusDays(1)) {
                    if (!window.days().contains(day.getDayOfWeek())) continue;
                    for (var edge : List.of(windowStart(window, day, zone), windowEnd(window, day, zone)))
                        if (edge.isAfter(from) && edge.isBefore(to) && configs.floorEntry(edge).getValue() == config)
                            boundaries.putIfAbsent(edge, Trigger.SCHEDULE);
                }
            }
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
        var today = instant.atZone(zone).toLocalDate();
        for (var window : schedule) {
            for (var day : List.of(today.minusDays(1), today)) {
                if (!window.days().contains(day.getDayOfWeek())) continue;
                if (!instant.isBefore(windowStart(window, day, zone)) && instant.isBefore(windowEnd(window, day, zone)))
                    return window;
            }
        }
        return null;
    }

    private static Instant windowStart(ScheduleWindow window, LocalDate day, ZoneId zone) {
        return resolve(day.atStartOfDay().plusMinutes(window.startMinute()), zone);
    }

    private static Instant windowEnd(ScheduleWindow window, LocalDate day, ZoneId zone) {
        var endDay = window.overnight() ? day.plusDays(1) : day;
        return resolve(endDay.atStartOfDay().plusMinutes(window.endMinute()), zone);
    }

    /** A wall-clock time in a DST gap applies at the first instant after it; a repeated one at its first occurrence. */
    static Instant resolve(LocalDateTime local, ZoneId zone) {
        var transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) return transition.getInstant();
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }
}
