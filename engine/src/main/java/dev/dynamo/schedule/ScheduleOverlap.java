package dev.dynamo.schedule;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds two windows of a weekly schedule that are in force at the same moment of the week
 * (contract 2.1: such a schedule is rejected). Works on minutes of the week in local wall-clock
 * time, Monday 00:00 = 0; DST plays no part in whether a schedule is valid.
 */
public final class ScheduleOverlap {
    static final int MINUTES_PER_DAY = 1440;
    static final int MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

    private ScheduleOverlap() {}

    /**
     * Returns {@code {i, j}} with {@code i < j}: the first window {@code j} that overlaps an earlier
     * one, and the earliest window {@code i} it overlaps; empty when no two windows overlap.
     * Windows that only touch (one ends at 06:00, the next starts at 06:00) do not overlap.
     */
    public static Optional<int[]> firstOverlap(List<ScheduleWindow> windows) {
        var spans = windows.stream().map(ScheduleOverlap::weekSpans).toList();
        for (int j = 1; j < spans.size(); j++) {
            for (int i = 0; i < j; i++) {
                if (anyOverlap(spans.get(i), spans.get(j))) {
                    return Optional.of(new int[] {i, j});
                }
            }
        }
        return Optional.empty();
    }

    /** Whether two windows are ever in force at the same moment of the week. */
    public static boolean overlap(ScheduleWindow a, ScheduleWindow b) {
        return anyOverlap(weekSpans(a), weekSpans(b));
    }

    /**
     * The half-open minute-of-week spans a window covers, one per start day; a span that runs past
     * Sunday 24:00 is cut in two, its tail wrapping to Monday morning.
     */
    static List<int[]> weekSpans(ScheduleWindow window) {
        var spans = new ArrayList<int[]>();
        for (DayOfWeek day : window.days()) {
            int dayStart = (day.getValue() - 1) * MINUTES_PER_DAY;
            int start = dayStart + window.startMinute();
            int end = dayStart + window.endMinute() + (window.overnight() ? MINUTES_PER_DAY : 0);
            if (end <= MINUTES_PER_WEEK) {
                spans.add(new int[] {start, end});
            } else {
                spans.add(new int[] {start, MINUTES_PER_WEEK});
                spans.add(new int[] {0, end - MINUTES_PER_WEEK});
            }
        }
        return spans;
    }

    private static boolean anyOverlap(List<int[]> a, List<int[]> b) {
        for (int[] x : a) {
            for (int[] y : b) {
                if (x[0] < y[1] && y[0] < x[1]) {
                    return true;
                }
            }
        }
        return false;
    }
}
