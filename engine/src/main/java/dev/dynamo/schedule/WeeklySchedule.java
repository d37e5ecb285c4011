package dev.dynamo.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A weekly schedule evaluated on real instants in a site's zone. Each window's occurrence runs on
 * [start, end) where both ends are its local times mapped by {@link SiteTime#instantOf}; since that
 * mapping never goes backwards, windows that do not overlap in local time never overlap in real
 * time. An occurrence squeezed to nothing by a gap (02:00-02:30 on a spring-forward night) is never
 * in force and has no boundary.
 */
public record WeeklySchedule(List<ScheduleWindow> windows) {
    // An occurrence ends at most a day after the local date it starts on; the margins also absorb
    // repeated hours that straddle midnight, where an instant's local date runs behind.
    private static final int DAYS_BEFORE = 2;
    private static final int DAYS_AFTER_FOR_LOOKUP = 1;
    // A non-empty schedule has a non-empty occurrence within the next week, but a gap may empty
    // one of them: look one day further.
    private static final int DAYS_AFTER_FOR_BOUNDARY = 8;

    public WeeklySchedule {
        windows = List.copyOf(windows);
    }

    /** The index of the window in force at {@code at}; the lowest one if an invalid schedule overlaps. */
    public OptionalInt windowAt(Instant at, ZoneId zone) {
        var today = LocalDate.ofInstant(at, zone);
        var inForce = OptionalInt.empty();
        for (var occurrence : occurrences(today.minusDays(DAYS_BEFORE), today.plusDays(DAYS_AFTER_FOR_LOOKUP), zone)) {
            if (occurrence.covers(at)
                    && (inForce.isEmpty() || occurrence.windowIndex() < inForce.getAsInt())) {
                inForce = OptionalInt.of(occurrence.windowIndex());
            }
        }
        return inForce;
    }

    /**
     * The next instant strictly after {@code after} at which some window begins or ends: the one
     * timer the engine needs. Empty for an empty schedule.
     */
    public Optional<Instant> nextBoundaryAfter(Instant after, ZoneId zone) {
        var today = LocalDate.ofInstant(after, zone);
        Instant next = null;
        for (var occurrence : occurrences(today.minusDays(DAYS_BEFORE), today.plusDays(DAYS_AFTER_FOR_BOUNDARY), zone)) {
            for (var boundary : List.of(occurrence.start(), occurrence.end())) {
                if (boundary.isAfter(after) && (next == null || boundary.isBefore(next))) {
                    next = boundary;
                }
            }
        }
        return Optional.ofNullable(next);
    }

    /** The non-empty occurrences of every window starting on a local date in [from, to]. */
    List<Occurrence> occurrences(LocalDate from, LocalDate to, ZoneId zone) {
        var found = new ArrayList<Occurrence>();
        for (var date = from; !date.isAfter(to); date = date.plusDays(1)) {
            for (int i = 0; i < windows.size(); i++) {
                var window = windows.get(i);
                if (!window.days().contains(date.getDayOfWeek())) {
                    continue;
                }
                var midnight = date.atStartOfDay();
                var start = SiteTime.instantOf(midnight.plusMinutes(window.startMinute()), zone);
                var endDate = window.overnight() ? midnight.plusDays(1) : midnight;
                var end = SiteTime.instantOf(endDate.plusMinutes(window.endMinute()), zone);
                if (start.isBefore(end)) {
                    found.add(new Occurrence(i, start, end));
                }
            }
        }
        return found;
    }

    record Occurrence(int windowIndex, Instant start, Instant end) {
        boolean covers(Instant at) {
            return !at.isBefore(start) && at.isBefore(end);
        }
    }
}
