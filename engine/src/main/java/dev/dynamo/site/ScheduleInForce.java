package dev.dynamo.site;

import dev.dynamo.schedule.ScheduleWindow;
import dev.dynamo.schedule.WeeklySchedule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The schedule window in force and the next boundary, in the site's zone. */
final class ScheduleInForce {
    private ScheduleInForce() {}

    static Optional<ScheduleWindow> windowAt(List<ScheduleWindow> schedule, ZoneId zone, Instant instant) {
        var index = new WeeklySchedule(schedule).windowAt(instant, zone);
        return index.isPresent() ? Optional.of(schedule.get(index.getAsInt())) : Optional.empty();
    }

    static Optional<Instant> nextBoundaryAfter(List<ScheduleWindow> schedule, ZoneId zone, Instant instant) {
        return new WeeklySchedule(schedule).nextBoundaryAfter(instant, zone);
    }
}
