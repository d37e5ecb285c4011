package dev.dynamo.schedule;

import dev.dynamo.allocation.Sharing;
import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Test shorthand: {@code window("MON,TUE", "22:00", "06:00")}, or {@code "ALL"} for every day. */
final class Windows {
    private Windows() {}

    static ScheduleWindow window(String days, String start, String end) {
        return window(days, start, end, 11, Sharing.EQUAL);
    }

    static ScheduleWindow window(String days, String start, String end, double maxPowerKw, Sharing sharing) {
        return new ScheduleWindow(days(days), minute(start), minute(end), maxPowerKw, sharing);
    }

    static Set<DayOfWeek> days(String days) {
        if (days.equals("ALL")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        return Arrays.stream(days.split(","))
                .map(day -> Arrays.stream(DayOfWeek.values())
                        .filter(d -> d.name().startsWith(day.trim().toUpperCase(Locale.ROOT)))
                        .findFirst().orElseThrow())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class)));
    }

    static int minute(String hhmm) {
        var parts = hhmm.split(":");
        return Integer.parseInt(parts[0]) * 60 + Integer.parseInt(parts[1]);
    }
}
