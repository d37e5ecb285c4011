package dev.dynamo.schedule;

import dev.dynamo.allocation.Sharing;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalInt;

/**
 * The budget and sharing in force at an instant (contract 1, "Budget" and rule 8). Takes plain
 * values rather than the site's config so that {@code schedule} stays below {@code site}.
 *
 * @param windowIndex the schedule window in force, empty outside every window or when not scheduled
 */
public record BudgetInForce(double budgetKw, Sharing sharing, OptionalInt windowIndex) {

    public boolean inWindow() { return windowIndex.isPresent(); }

    /** Strategies {@code equal} and {@code priority}: the config's budget and its own sharing, always. */
    public static BudgetInForce fixed(double maxPowerKw, Sharing sharing) {
        return new BudgetInForce(maxPowerKw, sharing, OptionalInt.empty());
    }

    /**
     * Strategy {@code scheduled}: inside a window its budget and sharing; outside every window the
     * config's {@code max_power_kw} shared equally.
     */
    public static BudgetInForce scheduled(double configMaxPowerKw, List<ScheduleWindow> schedule,
                                          Instant at, ZoneId zone) {
        var index = new WeeklySchedule(schedule).windowAt(at, zone);
        if (index.isEmpty()) {
            return new BudgetInForce(configMaxPowerKw, Sharing.EQUAL, index);
        }
        var window = schedule.get(index.getAsInt());
        return new BudgetInForce(window.maxPowerKw(), window.sharing(), index);
    }

    /**
     * One call for any strategy. {@code unscheduledSharing} is the sharing of {@code equal} or
     * {@code priority}; it plays no part when {@code scheduled}, where rule 8 decides.
     */
    public static BudgetInForce at(double configMaxPowerKw, boolean scheduled, Sharing unscheduledSharing,
                                   List<ScheduleWindow> schedule, Instant at, ZoneId zone) {
        return scheduled
                ? scheduled(configMaxPowerKw, schedule, at, zone)
                : fixed(configMaxPowerKw, unscheduledSharing);
    }
}
