package dev.dynamo.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.allocation.Sharing;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random non-overlapping schedules at random instants, many of them near a DST transition, in zones
 * with 1 h, 30 min and midnight transitions. Checked against an oracle that reads "the first instant
 * the wall clock reaches a local time" directly off the zone's transitions.
 */
class WeeklySchedulePropertiesTest {
    private static final List<ZoneId> ZONES = List.of("Europe/Amsterdam", "America/New_York", "UTC",
            "Australia/Lord_Howe", "America/Santiago", "America/Havana", "Asia/Kolkata")
            .stream().map(ZoneId::of).toList();

    @Property(tries = 300)
    void the_window_in_force_is_constant_until_the_next_boundary_and_changes_only_where_a_boundary_is(
            @ForAll("schedules") List<ScheduleWindow> windows, @ForAll("instants") ZonedInstant t,
            @ForAll @IntRange(min = 1, max = 999) int fraction) {
        var schedule = new WeeklySchedule(windows);
        var inForce = schedule.windowAt(t.at(), t.zone());
        var next = schedule.nextBoundaryAfter(t.at(), t.zone()).orElseThrow();

        assertThat(next).isAfter(t.at());
        var span = Duration.between(t.at(), next);
        assertThat(span).isLessThanOrEqualTo(Duration.ofDays(8));
        for (var between : List.of(t.at(), next.minusNanos(1), t.at().plus(span.multipliedBy(fraction).dividedBy(1000)))) {
            assertThat(schedule.windowAt(between, t.zone())).as("in force at %s", between).isEqualTo(inForce);
        }
        assertThat(schedule.windowAt(next, t.zone()).equals(inForce)
                || oracleBoundaries(windows, t).contains(next)).isTrue();
    }

    @Property(tries = 300)
    void window_and_next_boundary_match_the_oracle(
            @ForAll("schedules") List<ScheduleWindow> windows, @ForAll("instants") ZonedInstant t) {
        var schedule = new WeeklySchedule(windows);

        assertThat(schedule.windowAt(t.at(), t.zone())).isEqualTo(oracleWindowAt(windows, t));
        var expectedNext = oracleBoundaries(windows, t).stream().filter(b -> b.isAfter(t.at())).min(Instant::compareTo);
        assertThat(schedule.nextBoundaryAfter(t.at(), t.zone())).isEqualTo(expectedNext);
    }

    record ZonedInstant(Instant at, ZoneId zone) {}

    private record Span(int windowIndex, Instant start, Instant end) {}

    private static List<Span> oracleSpans(List<ScheduleWindow> windows, ZonedInstant t) {
        var spans = new ArrayList<Span>();
        var today = LocalDate.ofInstant(t.at(), t.zone());
        for (var date = today.minusDays(3); date.isBefore(today.plusDays(12)); date = date.plusDays(1)) {
            for (int i = 0; i < windows.size(); i++) {
                var window = windows.get(i);
                if (window.days().contains(date.getDayOfWeek())) {
                    var start = date.atStartOfDay().plusMinutes(window.startMinute());
                    var end = date.atStartOfDay().plusMinutes(window.endMinute() + (window.overnight() ? 1440 : 0));
                    var startInstant = firstReached(start, t.zone());
                    var endInstant = firstReached(end, t.zone());
                    if (startInstant.isBefore(endInstant)) {
                        spans.add(new Span(i, startInstant, endInstant));
                    }
                }
            }
        }
        return spans;
    }

    private static List<Instant> oracleBoundaries(List<ScheduleWindow> windows, ZonedInstant t) {
        return oracleSpans(windows, t).stream().flatMap(s -> java.util.stream.Stream.of(s.start(), s.end())).toList();
    }

    private static OptionalInt oracleWindowAt(List<ScheduleWindow> windows, ZonedInstant t) {
        return oracleSpans(windows, t).stream()
                .filter(s -> !t.at().isBefore(s.start()) && t.at().isBefore(s.end()))
                .mapToInt(Span::windowIndex).min();
    }

    /**
     * The first instant at which the site's wall clock shows {@code local} or later: walk the
     * stretches of constant offset between transitions, from well before.
     */
    private static Instant firstReached(LocalDateTime local, ZoneId zone) {
        var rules = zone.getRules();
        var from = local.toInstant(java.time.ZoneOffset.UTC).minus(Duration.ofHours(30));
        while (true) {
            var offset = rules.getOffset(from);
            var transition = rules.nextTransition(from);
            var until = transition == null ? Instant.MAX : transition.getInstant();
            var reached = local.toInstant(offset);
            var candidate = reached.isAfter(from) ? reached : from;
            if (candidate.isBefore(until)) {
                return candidate;
            }
            from = until;
        }
    }

    @Provide
    Arbitrary<List<ScheduleWindow>> schedules() {
        var days = Arbitraries.of(DayOfWeek.class).set().ofMinSize(1);
        // quarter hours: lands boundaries inside 30 min and 1 h gaps and on transition instants
        var start = Arbitraries.integers().between(0, 95).map(q -> q * 15);
        var end = Arbitraries.integers().between(1, 96).map(q -> q * 15);
        var sharing = Arbitraries.of(Sharing.class);
        var window = Combinators.combine(days, start, end, sharing)
                .as((Set<DayOfWeek> d, Integer s, Integer e, Sharing sh) -> new ScheduleWindow(d, s, e, 11, sh));
        return window.list().ofMinSize(1).ofMaxSize(8).map(WeeklySchedulePropertiesTest::keepNonOverlapping);
    }

    private static List<ScheduleWindow> keepNonOverlapping(List<ScheduleWindow> candidates) {
        var kept = new ArrayList<ScheduleWindow>();
        for (var candidate : candidates) {
            if (kept.stream().noneMatch(k -> ScheduleOverlap.overlap(k, candidate))) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    @Provide
    Arbitrary<ZonedInstant> instants() {
        var zone = Arbitraries.of(ZONES);
        var base = Arbitraries.longs().between(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("2028-12-31T00:00:00Z").getEpochSecond()).map(Instant::ofEpochSecond);
        var nearTransition = Arbitraries.integers().between(0, 2);
        var shiftMinutes = Arbitraries.integers().between(-36 * 60, 36 * 60);
        return Combinators.combine(zone, base, nearTransition, shiftMinutes).as((z, b, near, shift) -> {
            if (near > 0) {
                var transition = z.getRules().nextTransition(b);
                if (transition != null) {
                    // on the minute, so that instants hit boundaries exactly now and then
                    return new ZonedInstant(transition.getInstant().plus(Duration.ofMinutes(shift)), z);
                }
            }
            return new ZonedInstant(b, z);
        });
    }
}
