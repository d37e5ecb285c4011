package dev.dynamo.schedule;

import static dev.dynamo.schedule.Windows.window;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Contract 3: a boundary in a gap applies at the first instant after it; in a repeated hour, at
 * its first occurrence. Amsterdam 2026: 29 March 02:00 CET -> 03:00 CEST (01:00Z), 25 October
 * 03:00 CEST -> 02:00 CET (01:00Z). New York 2026: 8 March 02:00 EST -> 03:00 EDT (07:00Z),
 * 1 November 02:00 EDT -> 01:00 EST (06:00Z).
 */
class WeeklyScheduleDstTest {
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant at(String instant) { return Instant.parse(instant); }

    @Nested
    class SpringForward {
        @Test
        void a_start_in_the_gap_applies_at_the_end_of_the_gap_not_shifted_by_its_length() {
            var schedule = new WeeklySchedule(List.of(window("SUN", "02:30", "06:00")));

            assertThat(schedule.nextBoundaryAfter(at("2026-03-28T12:00:00Z"), AMSTERDAM)).hasValue(at("2026-03-29T01:00:00Z"));
            assertThat(schedule.windowAt(at("2026-03-29T00:59:59.999Z"), AMSTERDAM)).isEmpty();
            assertThat(schedule.windowAt(at("2026-03-29T01:00:00Z"), AMSTERDAM)).hasValue(0);
            // not 03:30 CEST, which java's own shift-by-gap would give
            assertThat(schedule.windowAt(at("2026-03-29T01:15:00Z"), AMSTERDAM)).hasValue(0);
        }

        @Test
        void an_overnight_window_ending_in_the_gap_ends_when_the_clocks_jump() {
            var schedule = new WeeklySchedule(List.of(window("SAT", "22:00", "02:30"), window("SUN", "03:00", "05:00")));

            assertThat(schedule.windowAt(at("2026-03-29T00:59:59Z"), AMSTERDAM)).hasValue(0);
            assertThat(schedule.nextBoundaryAfter(at("2026-03-29T00:00:00Z"), AMSTERDAM)).hasValue(at("2026-03-29T01:00:00Z"));
            // the next window starts at 03:00 CEST, the same instant: handed over, no overlap
            assertThat(schedule.windowAt(at("2026-03-29T01:00:00Z"), AMSTERDAM)).hasValue(1);
            assertThat(schedule.nextBoundaryAfter(at("2026-03-29T01:00:00Z"), AMSTERDAM)).hasValue(at("2026-03-29T03:00:00Z"));
        }

        @Test
        void a_window_wholly_inside_the_gap_is_never_in_force_and_has_no_boundary() {
            var schedule = new WeeklySchedule(List.of(window("SUN", "02:00", "02:45")));

            assertThat(schedule.windowAt(at("2026-03-29T01:00:00Z"), AMSTERDAM)).isEmpty();
            // the next occurrence is a week later, 02:00 CEST = 00:00Z
            assertThat(schedule.nextBoundaryAfter(at("2026-03-28T12:00:00Z"), AMSTERDAM)).hasValue(at("2026-04-05T00:00:00Z"));
        }

        @Test
        void new_york_gap_boundaries_land_on_0300_edt() {
            var schedule = new WeeklySchedule(List.of(window("SUN", "01:00", "02:15"), window("SUN", "02:15", "04:00")));

            assertThat(schedule.windowAt(at("2026-03-08T06:59:59Z"), NEW_YORK)).hasValue(0);
            assertThat(schedule.windowAt(at("2026-03-08T07:00:00Z"), NEW_YORK)).hasValue(1);
            assertThat(schedule.nextBoundaryAfter(at("2026-03-08T06:00:00Z"), NEW_YORK)).hasValue(at("2026-03-08T07:00:00Z"));
            assertThat(schedule.nextBoundaryAfter(at("2026-03-08T07:00:00Z"), NEW_YORK)).hasValue(at("2026-03-08T08:00:00Z"));
        }
    }

    @Nested
    class FallBack {
        @Test
        void a_window_ending_in_the_repeated_hour_ends_once_at_the_first_occurrence() {
            var schedule = new WeeklySchedule(List.of(window("SAT", "23:00", "02:30")));

            // 02:30 CEST = 00:30Z; the second 02:30 (CET) is 01:30Z
            assertThat(schedule.windowAt(at("2026-10-25T00:29:59Z"), AMSTERDAM)).hasValue(0);
            assertThat(schedule.windowAt(at("2026-10-25T00:30:00Z"), AMSTERDAM)).isEmpty();
            assertThat(schedule.windowAt(at("2026-10-25T01:15:00Z"), AMSTERDAM)).isEmpty();
            assertThat(schedule.nextBoundaryAfter(at("2026-10-24T22:00:00Z"), AMSTERDAM)).hasValue(at("2026-10-25T00:30:00Z"));
            // no second end at 01:30Z: the next boundary is the next Saturday's start (23:00 CET)
            assertThat(schedule.nextBoundaryAfter(at("2026-10-25T00:30:00Z"), AMSTERDAM)).hasValue(at("2026-10-31T22:00:00Z"));
        }

        @Test
        void a_window_starting_in_the_repeated_hour_starts_at_the_first_occurrence_and_spans_both() {
            var schedule = new WeeklySchedule(List.of(window("SUN", "02:30", "05:00")));

            assertThat(schedule.windowAt(at("2026-10-25T00:29:59Z"), AMSTERDAM)).isEmpty();
            assertThat(schedule.windowAt(at("2026-10-25T00:30:00Z"), AMSTERDAM)).hasValue(0);
            // 02:15 CET, local time before 02:30 again but the window has begun
            assertThat(schedule.windowAt(at("2026-10-25T01:15:00Z"), AMSTERDAM)).hasValue(0);
            assertThat(schedule.nextBoundaryAfter(at("2026-10-25T00:30:00Z"), AMSTERDAM)).hasValue(at("2026-10-25T04:00:00Z"));
        }

        @Test
        void a_window_covering_the_repeated_hour_lasts_an_hour_longer() {
            var schedule = new WeeklySchedule(List.of(window("SUN", "02:00", "03:00")));

            // 02:00 CEST = 00:00Z to 03:00 CET = 02:00Z
            assertThat(schedule.windowAt(at("2026-10-25T00:00:00Z"), AMSTERDAM)).hasValue(0);
            assertThat(schedule.windowAt(at("2026-10-25T01:59:59Z"), AMSTERDAM)).hasValue(0);
            assertThat(schedule.windowAt(at("2026-10-25T02:00:00Z"), AMSTERDAM)).isEmpty();
        }

        @Test
        void new_york_windows_handing_over_in_the_repeated_hour() {
            var schedule = new WeeklySchedule(List.of(window("SUN", "00:00", "01:30"), window("SUN", "01:30", "03:00")));

            // first 01:30 is EDT = 05:30Z; 03:00 EST = 08:00Z
            assertThat(schedule.windowAt(at("2026-11-01T05:29:59Z"), NEW_YORK)).hasValue(0);
            assertThat(schedule.windowAt(at("2026-11-01T05:30:00Z"), NEW_YORK)).hasValue(1);
            assertThat(schedule.windowAt(at("2026-11-01T06:15:00Z"), NEW_YORK)).hasValue(1); // 01:15 EST
            assertThat(schedule.windowAt(at("2026-11-01T06:30:00Z"), NEW_YORK)).hasValue(1); // second 01:30
            assertThat(schedule.nextBoundaryAfter(at("2026-11-01T05:30:00Z"), NEW_YORK)).hasValue(at("2026-11-01T08:00:00Z"));
            assertThat(schedule.windowAt(at("2026-11-01T08:00:00Z"), NEW_YORK)).isEmpty();
        }
    }
}
