package dev.dynamo.schedule;

import static dev.dynamo.schedule.Windows.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.allocation.Sharing;
import java.time.DayOfWeek;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleOverlapTest {

    @ParameterizedTest(name = "{0} {1}-{2} vs {3} {4}-{5}: {6}")
    @CsvSource(delimiter = '|', textBlock = """
            MON     | 22:00 | 06:00 | TUE     | 05:00 | 07:00 | true
            MON     | 22:00 | 06:00 | TUE     | 06:00 | 07:00 | false
            MON     | 22:00 | 06:00 | MON     | 05:00 | 07:00 | false
            MON     | 22:00 | 06:00 | WED     | 05:00 | 07:00 | false
            SUN     | 22:00 | 06:00 | MON     | 05:00 | 07:00 | true
            SUN     | 22:00 | 06:00 | MON     | 06:00 | 22:00 | false
            SUN     | 22:00 | 06:00 | SAT     | 05:00 | 07:00 | false
            SUN     | 22:00 | 24:00 | MON     | 00:00 | 06:00 | false
            SUN     | 22:00 | 00:00 | MON     | 00:00 | 06:00 | false
            SUN     | 22:00 | 00:01 | MON     | 00:00 | 06:00 | true
            MON     | 08:00 | 12:00 | MON     | 12:00 | 18:00 | false
            MON     | 08:00 | 12:01 | MON     | 12:00 | 18:00 | true
            MON     | 08:00 | 12:00 | MON     | 09:00 | 10:00 | true
            MON     | 08:00 | 12:00 | TUE     | 09:00 | 10:00 | false
            MON,WED | 08:00 | 12:00 | TUE,WED | 11:00 | 13:00 | true
            MON,WED | 08:00 | 12:00 | TUE,THU | 11:00 | 13:00 | false
            ALL     | 00:00 | 24:00 | SAT     | 12:00 | 12:30 | true
            MON     | 00:00 | 24:00 | TUE     | 00:00 | 24:00 | false
            MON     | 07:00 | 07:00 | TUE     | 07:00 | 07:00 | false
            MON     | 07:00 | 07:00 | TUE     | 06:59 | 07:00 | true
            MON     | 07:00 | 07:00 | MON     | 06:00 | 07:00 | false
            SAT     | 23:00 | 23:00 | SUN     | 22:00 | 23:00 | true
            SUN     | 23:59 | 23:59 | MON     | 23:58 | 23:59 | true
            ALL     | 22:00 | 06:00 | ALL     | 06:00 | 22:00 | false
            ALL     | 22:00 | 06:00 | SUN     | 21:00 | 22:30 | true
            """)
    void two_windows_overlap_when_in_force_at_the_same_moment_of_the_week(
            String daysA, String startA, String endA, String daysB, String startB, String endB, boolean expected) {
        var a = window(daysA, startA, endA);
        var b = window(daysB, startB, endB);

        assertThat(ScheduleOverlap.overlap(a, b)).isEqualTo(expected);
        assertThat(ScheduleOverlap.overlap(b, a)).isEqualTo(expected);
        assertThat(ScheduleOverlap.firstOverlap(List.of(a, b)).isPresent()).isEqualTo(expected);
    }

    @Test
    void first_overlap_names_the_first_window_clashing_with_an_earlier_one_and_the_earliest_it_clashes_with() {
        var schedule = List.of(
                window("MON", "08:00", "10:00"),
                window("TUE", "08:00", "10:00"),
                window("WED", "08:00", "10:00"),
                window("WED", "09:00", "11:00"),
                window("MON,TUE", "09:30", "09:45"));

        assertThat(ScheduleOverlap.firstOverlap(schedule)).hasValueSatisfying(pair -> assertThat(pair).containsExactly(2, 3));
        assertThat(ScheduleOverlap.firstOverlap(schedule.subList(0, 3))).isEmpty();
        assertThat(ScheduleOverlap.firstOverlap(List.of(schedule.get(0), schedule.get(1), schedule.get(4))))
                .hasValueSatisfying(pair -> assertThat(pair).containsExactly(0, 2));
    }

    @Test
    void an_empty_or_single_window_schedule_has_no_overlap() {
        assertThat(ScheduleOverlap.firstOverlap(List.of())).isEmpty();
        assertThat(ScheduleOverlap.firstOverlap(List.of(window("ALL", "00:00", "00:00")))).isEmpty();
    }

    @Property(tries = 500)
    void overlap_agrees_with_a_minute_by_minute_count(@ForAll("windows") ScheduleWindow a,
                                                      @ForAll("windows") ScheduleWindow b) {
        var coveredA = coveredMinutes(a);
        var coveredB = coveredMinutes(b);

        assertThat(ScheduleOverlap.overlap(a, b)).isEqualTo(coveredA.intersects(coveredB));
    }

    /** The oracle: walk every minute the window is in force, wrapping modulo the week. */
    private static BitSet coveredMinutes(ScheduleWindow window) {
        int lengthMinutes = window.overnight()
                ? window.endMinute() + 1440 - window.startMinute()
                : window.endMinute() - window.startMinute();
        var covered = new BitSet(7 * 1440);
        for (DayOfWeek day : window.days()) {
            for (int k = 0; k < lengthMinutes; k++) {
                covered.set(((day.ordinal() * 1440) + window.startMinute() + k) % (7 * 1440));
            }
        }
        return covered;
    }

    @Provide
    Arbitrary<ScheduleWindow> windows() {
        // Coarse minutes make touching and overlapping windows frequent.
        var days = Arbitraries.of(DayOfWeek.class).set().ofMinSize(1);
        var start = Arbitraries.integers().between(0, 1439 / 30).map(m -> m * 30);
        var end = Arbitraries.integers().between(1, 1440 / 30).map(m -> m * 30);
        return Combinators.combine(days, start, end)
                .as((Set<DayOfWeek> d, Integer s, Integer e) -> new ScheduleWindow(d, s, e, 11, Sharing.EQUAL));
    }
}
