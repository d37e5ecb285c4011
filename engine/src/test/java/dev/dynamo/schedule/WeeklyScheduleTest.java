package dev.dynamo.schedule;

import static dev.dynamo.schedule.Windows.window;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lookup and boundaries without DST; 2026-11-23 is a Monday, 2026-11-29 a Sunday. */
class WeeklyScheduleTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    private static final WeeklySchedule WEEK = new WeeklySchedule(List.of(
            window("MON", "22:00", "06:00"),   // 0: overnight into Tuesday
            window("SUN", "22:00", "06:00"),   // 1: wraps into Monday morning
            window("FRI", "18:00", "24:00"),   // 2: ends at midnight
            window("WED", "08:00", "12:00"),   // 3 and 4 touch at noon
            window("WED", "12:00", "18:00")));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", textBlock = """
            2026-11-23T21:59:59.999Z, none
            2026-11-23T22:00:00Z,     0
            2026-11-23T23:59:59Z,     0
            2026-11-24T00:00:00Z,     0
            2026-11-24T05:59:59.999Z, 0
            2026-11-24T06:00:00Z,     none
            2026-11-29T21:59:00Z,     none
            2026-11-29T22:00:00Z,     1
            2026-11-30T00:00:00Z,     1
            2026-11-30T05:59:00Z,     1
            2026-11-30T06:00:00Z,     none
            2026-11-23T03:00:00Z,     1
            2026-11-27T18:00:00Z,     2
            2026-11-27T23:59:59.999Z, 2
            2026-11-28T00:00:00Z,     none
            2026-11-25T11:59:59Z,     3
            2026-11-25T12:00:00Z,     4
            2026-11-25T18:00:00Z,     none
            """)
    void the_window_in_force_follows_days_overnight_runs_and_the_week_wrap(Instant at, Integer expected) {
        var found = WEEK.windowAt(at, UTC);

        if (expected == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).hasValue(expected);
        }
    }

    @ParameterizedTest(name = "after {0} -> {1}")
    @CsvSource(textBlock = """
            2026-11-23T12:00:00Z,     2026-11-23T22:00:00Z
            2026-11-23T22:00:00Z,     2026-11-24T06:00:00Z
            2026-11-24T06:00:00Z,     2026-11-25T08:00:00Z
            2026-11-25T08:00:00Z,     2026-11-25T12:00:00Z
            2026-11-25T12:00:00Z,     2026-11-25T18:00:00Z
            2026-11-25T18:00:00Z,     2026-11-27T18:00:00Z
            2026-11-27T18:00:00Z,     2026-11-28T00:00:00Z
            2026-11-27T23:59:59.999Z, 2026-11-28T00:00:00Z
            2026-11-28T00:00:00Z,     2026-11-29T22:00:00Z
            2026-11-29T22:00:00Z,     2026-11-30T06:00:00Z
            2026-11-30T05:59:59.999999999Z, 2026-11-30T06:00:00Z
            """)
    void the_next_boundary_is_the_next_begin_or_end_strictly_after(Instant after, Instant expected) {
        assertThat(WEEK.nextBoundaryAfter(after, UTC)).hasValue(expected);
    }

    @Test
    void an_empty_schedule_has_no_window_and_no_boundary() {
        var empty = new WeeklySchedule(List.of());

        assertThat(empty.windowAt(Instant.parse("2026-11-25T10:00:00Z"), UTC)).isEmpty();
        assertThat(empty.nextBoundaryAfter(Instant.parse("2026-11-25T10:00:00Z"), UTC)).isEmpty();
    }

    @Test
    void a_window_on_one_day_a_week_has_its_next_boundary_up_to_a_week_ahead() {
        var schedule = new WeeklySchedule(List.of(window("TUE", "10:00", "11:00")));

        assertThat(schedule.nextBoundaryAfter(Instant.parse("2026-11-24T11:00:00Z"), UTC))
                .hasValue(Instant.parse("2026-12-01T10:00:00Z"));
    }

    @Test
    void a_window_all_day_every_day_is_always_in_force_and_still_reports_each_midnight() {
        var schedule = new WeeklySchedule(List.of(window("ALL", "00:00", "24:00")));

        assertThat(schedule.windowAt(Instant.parse("2026-11-29T23:59:59.999Z"), UTC)).hasValue(0);
        assertThat(schedule.windowAt(Instant.parse("2026-11-30T00:00:00Z"), UTC)).hasValue(0);
        assertThat(schedule.nextBoundaryAfter(Instant.parse("2026-11-29T12:00:00Z"), UTC))
                .hasValue(Instant.parse("2026-11-30T00:00:00Z"));
    }

    @Test
    void local_times_are_read_in_the_site_zone() {
        var schedule = new WeeklySchedule(List.of(window("MON", "22:00", "06:00")));
        var amsterdam = ZoneId.of("Europe/Amsterdam");

        // Monday 22:00 CET is 21:00 UTC.
        assertThat(schedule.windowAt(Instant.parse("2026-11-23T20:59:59Z"), amsterdam)).isEmpty();
        assertThat(schedule.windowAt(Instant.parse("2026-11-23T21:00:00Z"), amsterdam)).hasValue(0);
        assertThat(schedule.nextBoundaryAfter(Instant.parse("2026-11-23T21:00:00Z"), amsterdam))
                .hasValue(Instant.parse("2026-11-24T05:00:00Z"));
    }
}
