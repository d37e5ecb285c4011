package dev.dynamo.site;

import dev.dynamo.schedule.ScheduleWindow;
import dev.dynamo.schedule.WeeklySchedule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The next schedule boundary, in the site's zone: the one timer a scheduled site needs. */
final class ScheduleInForce {
    private ScheduleInForce() {}

    static Optional<Instant> nextBoundaryAfter(List<ScheduleWindow> schedule, ZoneId zone, Instant instant) {
        return new WeeklySchedule(schedule).nextBoundaryAfter(instant, zone);
    }
}
