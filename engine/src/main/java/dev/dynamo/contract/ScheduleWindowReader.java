package dev.dynamo.contract;

import static dev.dynamo.contract.JsonReading.number;
import static dev.dynamo.contract.JsonReading.quote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynamo.allocation.Sharing;
import dev.dynamo.schedule.ScheduleWindow;
import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One window of a config's {@code schedule} (contract 2.1), and how windows are shown in messages. */
final class ScheduleWindowReader {
    static final List<String> FIELDS = List.of("days", "start", "end", "max_power_kw", "strategy");
    private static final List<String> DAY_NAMES = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    private static final Pattern HH_MM = Pattern.compile("([0-9]{2}):([0-9]{2})");
    private static final int MINUTES_PER_DAY = 1440;

    private ScheduleWindowReader() {}

    /** The window, or null when something in it is wrong (recorded in {@code problems}). */
    static ScheduleWindow read(JsonNode node, String field, SiteDefinition site, Problems problems) {
        var fields = problems.object(node, field, FIELDS, List.of());
        if (fields == null) {
            return null;
        }
        var days = days(fields, problems);
        var start = minute(fields, "start", false, problems);
        var end = minute(fields, "end", true, problems);
        var maxPowerKw = fields.number("max_power_kw", true);
        if (maxPowerKw != null) {
            checkPower(fields.at("max_power_kw"), maxPowerKw, site, problems);
        }
        var sharing = sharing(fields, problems);
        if (problems.anyAt(field) || days == null || start == null || end == null || maxPowerKw == null) {
            return null;
        }
        return new ScheduleWindow(days, start, end, maxPowerKw, sharing);
    }

    private static void checkPower(String field, double maxPowerKw, SiteDefinition site, Problems problems) {
        var capacity = site.gridConnectionCapacityKw();
        if (maxPowerKw < 0) {
            problems.broken(field, "must be 0 or more", field + " must be 0 or more, not " + number(maxPowerKw));
        } else if (maxPowerKw > capacity) {
            problems.broken(field, "must not exceed " + number(capacity) + " kW (grid connection capacity)",
                    field + " " + number(maxPowerKw) + " exceeds the grid connection capacity of site "
                            + site.siteId() + " (" + number(capacity) + " kW)");
        }
    }

    private static Set<DayOfWeek> days(JsonFields fields, Problems problems) {
        var elements = fields.array("days", false);
        if (!fields.has("days")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        if (elements == null) {
            return null;
        }
        var field = fields.at("days");
        if (elements.isEmpty()) {
            problems.broken(field, "must not be empty (omit it for all seven days)",
                    field + " is empty; omit it for a window on all seven days");
            return null;
        }
        var days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < elements.size(); i++) {
            var dayField = Problems.at(field, i);
            var name = problems.string(elements.get(i), dayField);
            if (name == null) {
                continue;
            }
            int index = DAY_NAMES.indexOf(name);
            if (index < 0) {
                problems.broken(dayField, "must be one of " + String.join(", ", DAY_NAMES),
                        dayField + " " + quote(name) + " is not a day; use one of " + String.join(", ", DAY_NAMES));
            } else if (!days.add(DayOfWeek.of(index + 1))) {
                problems.broken(dayField, "duplicate day " + name, field + " names " + name + " twice");
            }
        }
        return days;
    }

    /** Minute of the day of {@code "HH:MM"}; an end of 00:00 or 24:00 is midnight at the end of the day. */
    private static Integer minute(JsonFields fields, String name, boolean end, Problems problems) {
        var text = fields.string(name, true);
        if (text == null) {
            return null;
        }
        var match = HH_MM.matcher(text);
        if (match.matches()) {
            int hours = Integer.parseInt(match.group(1));
            int minutes = Integer.parseInt(match.group(2));
            if (hours <= 23 && minutes <= 59) {
                int minute = hours * 60 + minutes;
                return end && minute == 0 ? MINUTES_PER_DAY : minute;
            }
            if (end && hours == 24 && minutes == 0) {
                return MINUTES_PER_DAY;
            }
        }
        var field = fields.at(name);
        var range = end ? "00:00 to 24:00" : "00:00 to 23:59";
        problems.broken(field, "must be \"HH:MM\" from " + range,
                field + " " + quote(text) + " is not a time \"HH:MM\" from " + range);
        return null;
    }

    private static Sharing sharing(JsonFields fields, Problems problems) {
        var text = fields.string("strategy", false);
        if (text == null) {
            return Sharing.EQUAL;
        }
        return switch (text) {
            case "equal" -> Sharing.EQUAL;
            case "priority" -> Sharing.PRIORITY;
            default -> {
                var field = fields.at("strategy");
                problems.malformed(field, "must be equal or priority",
                        field + " " + quote(text) + " is not a window strategy; use equal or priority");
                yield Sharing.EQUAL;
            }
        };
    }

    /** A window as a person reads it: {@code MON,TUE 22:00–06:00}. */
    static String describe(ScheduleWindow window) {
        var days = window.days().size() == 7 ? "every day"
                : window.days().stream().sorted().map(d -> DAY_NAMES.get(d.getValue() - 1)).collect(Collectors.joining(","));
        return days + " " + time(window.startMinute()) + "–" + time(window.endMinute());
    }

    static String time(int minuteOfDay) {
        return String.format(Locale.ROOT, "%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    }
}
