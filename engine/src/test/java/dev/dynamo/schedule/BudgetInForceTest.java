package dev.dynamo.schedule;

import static dev.dynamo.schedule.Windows.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.allocation.Sharing;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Contract rule 8; 2026-11-23 is a Monday, Amsterdam is UTC+1 then. */
class BudgetInForceTest {
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final double CONFIG_MAX_KW = 150;
    private static final List<ScheduleWindow> SCHEDULE = List.of(
            window("MON,TUE,WED,THU,FRI", "07:00", "19:00", 60, Sharing.PRIORITY),
            window("ALL", "22:00", "06:00", 200, Sharing.EQUAL),
            window("SAT", "10:00", "14:00", 0, Sharing.EQUAL));

    @ParameterizedTest(name = "{0} -> {1} kW {2}, window {3}")
    @CsvSource(nullValues = "none", textBlock = """
            2026-11-23T06:00:00Z, 60,  PRIORITY, 0
            2026-11-23T17:59:59Z, 60,  PRIORITY, 0
            2026-11-23T18:00:00Z, 150, EQUAL,    none
            2026-11-23T21:00:00Z, 200, EQUAL,    1
            2026-11-24T04:59:59Z, 200, EQUAL,    1
            2026-11-24T05:00:00Z, 150, EQUAL,    none
            2026-11-28T09:30:00Z, 0,   EQUAL,    2
            2026-11-29T06:30:00Z, 150, EQUAL,    none
            """)
    void scheduled_uses_the_window_in_force_and_the_config_budget_shared_equally_outside(
            Instant at, double expectedKw, Sharing expectedSharing, Integer expectedWindow) {
        var budget = BudgetInForce.scheduled(CONFIG_MAX_KW, SCHEDULE, at, AMSTERDAM);

        assertThat(budget.budgetKw()).isEqualTo(expectedKw);
        assertThat(budget.sharing()).isEqualTo(expectedSharing);
        assertThat(budget.windowIndex())
                .isEqualTo(expectedWindow == null ? OptionalInt.empty() : OptionalInt.of(expectedWindow));
        assertThat(budget.inWindow()).isEqualTo(expectedWindow != null);
    }

    @Test
    void equal_and_priority_ignore_the_stored_schedule() {
        var insideAWindow = Instant.parse("2026-11-23T21:00:00Z");

        assertThat(BudgetInForce.at(CONFIG_MAX_KW, false, Sharing.PRIORITY, SCHEDULE, insideAWindow, AMSTERDAM))
                .isEqualTo(new BudgetInForce(CONFIG_MAX_KW, Sharing.PRIORITY, OptionalInt.empty()));
        assertThat(BudgetInForce.at(CONFIG_MAX_KW, false, Sharing.EQUAL, SCHEDULE, insideAWindow, AMSTERDAM))
                .isEqualTo(BudgetInForce.fixed(CONFIG_MAX_KW, Sharing.EQUAL));
    }

    @Test
    void scheduled_through_the_one_call_form_follows_rule_8_whatever_sharing_is_passed() {
        var outside = Instant.parse("2026-11-23T19:00:00Z");
        var inside = Instant.parse("2026-11-23T10:00:00Z");

        assertThat(BudgetInForce.at(CONFIG_MAX_KW, true, Sharing.PRIORITY, SCHEDULE, outside, AMSTERDAM))
                .isEqualTo(new BudgetInForce(CONFIG_MAX_KW, Sharing.EQUAL, OptionalInt.empty()));
        assertThat(BudgetInForce.at(CONFIG_MAX_KW, true, Sharing.EQUAL, SCHEDULE, inside, AMSTERDAM))
                .isEqualTo(new BudgetInForce(60, Sharing.PRIORITY, OptionalInt.of(0)));
    }

    @Test
    void a_scheduled_config_with_an_empty_schedule_is_always_outside_every_window() {
        var budget = BudgetInForce.scheduled(CONFIG_MAX_KW, List.of(), Instant.parse("2026-11-23T10:00:00Z"), AMSTERDAM);

        assertThat(budget).isEqualTo(new BudgetInForce(CONFIG_MAX_KW, Sharing.EQUAL, OptionalInt.empty()));
    }
}
