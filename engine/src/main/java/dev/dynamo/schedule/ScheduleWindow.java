package dev.dynamo.schedule;

import dev.dynamo.allocation.Sharing;
import java.time.DayOfWeek;
import java.util.Set;

/**
 * One window of a weekly schedule, in the site's local wall-clock time (contract 2.1).
 *
 * @param days        the days on which the window starts (never empty; all seven by default)
 * @param startMinute minute of the day it starts, 0..1439
 * @param endMinute   minute of the day it ends, 1..1440; {@code endMinute <= startMinute} runs past midnight
 * @param maxPowerKw  the budget while it is in force
 * @param sharing     how the budget is shared inside it
 */
public record ScheduleWindow(Set<DayOfWeek> days, int startMinute, int endMinute, double maxPowerKw,
                             Sharing sharing) {
    public ScheduleWindow {
        days = Set.copyOf(days);
    }

    public boolean overnight() { return endMinute <= startMinute; }
}
