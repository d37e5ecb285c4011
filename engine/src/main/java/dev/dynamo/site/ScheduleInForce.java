package dev.dynamo.site;

import dev.dynamo.schedule.ScheduleWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/** The schedule window in force and the next boundary, in the site's zone. */
final class ScheduleInForce {
    private ScheduleInForce() {}

    static Optional<ScheduleWindow> windowAt(List<ScheduleWindow> schedule, ZoneId zone, Instant instant) {
        var day = instant.atZone(zone).toLocalDate();
        for (var window : schedule) {
            for (var startDay : List.of(day.minusDays(1), day)) {
                if (!window.days().contains(startDay.getDayOfWeek())) continue;
                var start = at(startDay, window.startMinute(), zone);
                var end = at(window.overnight() ? startDay.plusDays(1) : startDay, window.endMinute(), zone);
                if (!instant.isBefore(start) && instant.isBefore(end)) return Optional.of(window);
            }
        }
        return Optional.empty();
    }

    static Optional<Instant> nextBoundaryAfter(List<ScheduleWindow> schedule, ZoneId zone, Instant instant) {
        var day = instant.atZone(zone).toLocalDate();
        Instant next = null;
        for (var window : schedule) {
            for (int d = -1; d <= 8; d++) {
                var startDay = day.plusDays(d);
                if (!window.days().contains(startDay.getDayOfWeek())) continue;
                var start = at(startDay, window.startMinute(), zone);
                var end = at(window.overnight() ? startDay.plusDays(1) : startDay, window.endMinute(), zone);
                for (var boundary : List.of(start, end)) {
                    if (boundary.isAfter(instant) && (next == null || boundary.isBefore(next))) next = boundary;
                }
            }
        }
        return Optional.ofNullable(next);
    }

    // a wall-clock time in a gap applies at the first instant after it; a repeated one at its first occurrence
    private static Instant at(LocalDate day, int minuteOfDay, ZoneId zone) {
        var date = minuteOfDay >= 1440 ? day.plusDays(1) : day;
        var time = LocalTime.ofSecondOfDay((minuteOfDay % 1440) * 60L);
        return ZonedDateTime.ofLocal(date.atTime(time), zone, null).withEarlierOffsetAtOverlap().toInstant();
    }
}
