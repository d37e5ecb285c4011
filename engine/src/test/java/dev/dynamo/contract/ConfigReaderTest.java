package dev.dynamo.contract;

import static dev.dynamo.contract.Requests.DEPOT_NORTH;
import static dev.dynamo.contract.Requests.assertProblem;
import static dev.dynamo.contract.Requests.json;
import static dev.dynamo.contract.Requests.problemOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.allocation.Sharing;
import dev.dynamo.schedule.ScheduleWindow;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigReaderTest {
    static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");

    static ApiProblem rejected(String body) {
        return problemOf(() -> ConfigReader.read(json(body), DEPOT_NORTH, NOW));
    }

    @Test
    void the_contract_example_parses_with_its_values() {
        var config = ConfigReader.read(json("""
                {'site_id': 'depot-north', 'max_power_kw': 150, 'strategy': 'priority',
                 'min_power_per_charger_kw': 4.2, 'priority_order': ['CP-003', 'CP-001', 'CP-002'],
                 'schedule': [], 'updated_at': '2026-11-24T10:15:30.000Z'}"""), DEPOT_NORTH, NOW);

        assertThat(config.maxPowerKw()).isEqualTo(150);
        assertThat(config.strategy()).isEqualTo(Strategy.PRIORITY);
        assertThat(config.minPowerPerChargerKw()).isEqualTo(4.2);
        assertThat(config.priorityOrder()).containsExactly("CP-003", "CP-001", "CP-002");
        assertThat(config.updatedAt()).isEqualTo(NOW);
    }

    @Test
    void omitted_fields_take_their_defaults() {
        var config = ConfigReader.read(json("{'max_power_kw': 100, 'strategy': 'equal'}"), DEPOT_NORTH, NOW);

        assertThat(config.minPowerPerChargerKw()).isZero();
        assertThat(config.priorityOrder()).isEmpty();
        assertThat(config.schedule()).isEmpty();
        assertThat(config.rotationPeriodMin()).isNull();
        assertThat(config.redistributeUnused()).isFalse();
    }

    @Test
    void a_scheduled_config_reads_its_windows_with_window_defaults() {
        var config = ConfigReader.read(json("""
                {'max_power_kw': 100, 'strategy': 'scheduled', 'priority_order': ['CP-001'],
                 'rotation_period_min': 15, 'redistribute_unused': true,
                 'schedule': [
                   {'days': ['MON', 'FRI'], 'start': '22:00', 'end': '06:00', 'max_power_kw': 250, 'strategy': 'priority'},
                   {'start': '08:00', 'end': '22:00', 'max_power_kw': 0}]}"""), DEPOT_NORTH, NOW);

        assertThat(config.schedule()).containsExactly(
                new ScheduleWindow(Set.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), 22 * 60, 6 * 60, 250, Sharing.PRIORITY),
                new ScheduleWindow(EnumSet.allOf(DayOfWeek.class), 8 * 60, 22 * 60, 0, Sharing.EQUAL));
        assertThat(config.rotationPeriodMin()).isEqualTo(15);
        assertThat(config.redistributeUnused()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"24:00, 1440", "00:00, 1440", "06:30, 390"})
    void an_end_of_midnight_is_the_end_of_the_day(String end, int endMinute) {
        var config = ConfigReader.read(json("{'max_power_kw': 100, 'strategy': 'scheduled', 'schedule': ["
                + "{'start': '08:00', 'end': '" + end + "', 'max_power_kw': 50}]}"), DEPOT_NORTH, NOW);

        assertThat(config.schedule().getFirst().endMinute()).isEqualTo(endMinute);
    }

    @Test
    void max_power_above_the_grid_capacity_is_422_with_the_contract_detail() {
        var problem = rejected("{'max_power_kw': 300, 'strategy': 'equal'}");

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.detail())
                .isEqualTo("max_power_kw 300 exceeds the grid connection capacity of site depot-north (250 kW)");
        assertThat(problem.errors()).containsExactly(
                new FieldError("max_power_kw", "must not exceed 250 kW (grid connection capacity)"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json at all                                   | ''",
            "[1, 2]                                            | ''",
            "{'max_power_kw': '100', 'strategy': 'equal'}      | max_power_kw",
            "{'max_power_kw': 100, 'strategy': 'fastest'}      | strategy",
            "{'max_power_kw': 100, 'strategy': 3}              | strategy",
            "{'max_power_kw': 1e400, 'strategy': 'equal'}      | max_power_kw",
            "{'max_power_kw': 100, 'strategy': 'equal', 'rotation_period_min': 7.5} | rotation_period_min",
            "{'max_power_kw': 100, 'strategy': 'equal', 'redistribute_unused': 'yes'} | redistribute_unused",
            "{'max_power_kw': 100, 'strategy': 'equal', 'priority_order': 'CP-001'} | priority_order",
            "{'max_power_kw': 100, 'strategy': 'equal', 'priority_order': [1]} | priority_order[0]",
            "{'max_power_kw': 100, 'strategy': 'equal', 'maxPower': 1} | maxPower",
            "{'max_power_kw': 100, 'max_power_kw': 120, 'strategy': 'equal'} | max_power_kw",
            "{'max_power_kw': NaN, 'strategy': 'equal'}        | ''",
            "{'max_power_kw': 100, 'strategy': 'equal'} {}     | ''",
            "{'max_power_kw': 100, 'strategy': 'scheduled', 'schedule': [{'start': '01:00', 'end': '02:00', 'max_power_kw': 5, 'strategy': 'scheduled'}]} | schedule[0].strategy",
            "{'max_power_kw': 100, 'strategy': 'scheduled', 'schedule': [{'start': '01:00', 'end': '02:00', 'max_power_kw': 5, 'until': 'x'}]} | schedule[0].until",
            "{'max_power_kw': 100, 'strategy': 'scheduled', 'schedule': [{'start': 100, 'end': '02:00', 'max_power_kw': 5}]} | schedule[0].start",
            "{'max_power_kw': 100, 'strategy': 'scheduled', 'schedule': ['night']} | schedule[0]",
    })
    void malformed_bodies_are_400_naming_the_field(String body, String field) {
        var problem = rejected(body);

        assertThat(problem.status()).as(problem.getMessage()).isEqualTo(400);
        assertThat(problem.detail()).isNotBlank();
        if (!field.isEmpty()) {
            assertThat(problem.errors()).extracting(FieldError::field).contains(field);
        }
    }

    @Test
    void an_unknown_field_is_named_with_the_known_ones() {
        var problem = rejected("{'max_power_kw': 100, 'strategy': 'equal', 'maxPower': 1}");

        assertProblem(problem, 400, "maxPower", "unknown field");
        assertThat(problem.detail()).contains("\"maxPower\"").contains("max_power_kw, strategy");
    }

    @Test
    void an_empty_body_is_400() {
        var problem = problemOf(() -> ConfigReader.read(new byte[0], DEPOT_NORTH, NOW));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).contains("empty");
    }

    @Test
    void a_non_finite_number_is_400_naming_the_field() {
        assertProblem(rejected("{'max_power_kw': 1e400, 'strategy': 'equal'}"), 400, "max_power_kw", "finite");
    }

    @Test
    void a_duplicate_key_is_400_naming_it() {
        var problem = rejected("{'max_power_kw': 100, 'strategy': 'equal', 'max_power_kw': 120}");

        assertProblem(problem, 400, "max_power_kw", "Duplicate field");
        assertThat(problem.detail()).contains("line 1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'strategy': 'equal'}                                     | max_power_kw | is required",
            "{'max_power_kw': null, 'strategy': 'equal'}               | max_power_kw | is required",
            "{'max_power_kw': 100}                                      | strategy | is required",
            "{'max_power_kw': 0, 'strategy': 'equal'}                  | max_power_kw | greater than 0",
            "{'max_power_kw': -5, 'strategy': 'equal'}                 | max_power_kw | greater than 0",
            "{'max_power_kw': 100, 'strategy': 'equal', 'min_power_per_charger_kw': 120} | min_power_per_charger_kw | must not exceed max_power_kw (100 kW)",
            "{'max_power_kw': 100, 'strategy': 'equal', 'min_power_per_charger_kw': -1} | min_power_per_charger_kw | 0 or more",
            "{'max_power_kw': 100, 'strategy': 'priority'}             | priority_order | strategy priority",
            "{'max_power_kw': 100, 'strategy': 'priority', 'priority_order': []} | priority_order | strategy priority",
            "{'max_power_kw': 100, 'strategy': 'priority', 'priority_order': ['CP-001', 'CP-009']} | priority_order[1] | unknown charger",
            "{'max_power_kw': 100, 'strategy': 'priority', 'priority_order': ['CP-001', 'CP-001']} | priority_order[1] | duplicate",
            "{'max_power_kw': 100, 'strategy': 'scheduled'}            | schedule | strategy scheduled",
            "{'max_power_kw': 100, 'strategy': 'scheduled', 'schedule': []} | schedule | strategy scheduled",
            "{'max_power_kw': 100, 'strategy': 'equal', 'rotation_period_min': 4} | rotation_period_min | between 5 and 1440",
            "{'max_power_kw': 100, 'strategy': 'equal', 'rotation_period_min': 1441} | rotation_period_min | between 5 and 1440",
            "{'max_power_kw': 100, 'strategy': 'priority', 'priority_order': ['CP-001'], 'rotation_period_min': 10} | rotation_period_min | strategy priority",
            "{'site_id': 'depot-south', 'max_power_kw': 100, 'strategy': 'equal'} | site_id | depot-north",
    })
    void rule_breaking_bodies_are_422_naming_the_field(String body, String field, String messagePart) {
        assertProblem(rejected(body), 422, field, messagePart);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'start': '01:00', 'end': '02:00'}                                  | schedule[0].max_power_kw | is required",
            "{'end': '02:00', 'max_power_kw': 5}                                 | schedule[0].start | is required",
            "{'start': '01:00', 'max_power_kw': 5}                               | schedule[0].end | is required",
            "{'start': '24:00', 'end': '02:00', 'max_power_kw': 5}               | schedule[0].start | 00:00 to 23:59",
            "{'start': '1:00', 'end': '02:00', 'max_power_kw': 5}                | schedule[0].start | HH:MM",
            "{'start': '01:60', 'end': '02:00', 'max_power_kw': 5}               | schedule[0].start | HH:MM",
            "{'start': '01:00', 'end': '24:01', 'max_power_kw': 5}               | schedule[0].end | 00:00 to 24:00",
            "{'start': '01:00', 'end': '02:00', 'max_power_kw': 251}             | schedule[0].max_power_kw | must not exceed 250 kW",
            "{'start': '01:00', 'end': '02:00', 'max_power_kw': -1}              | schedule[0].max_power_kw | 0 or more",
            "{'days': [], 'start': '01:00', 'end': '02:00', 'max_power_kw': 5}   | schedule[0].days | must not be empty",
            "{'days': ['MON', 'Tue'], 'start': '01:00', 'end': '02:00', 'max_power_kw': 5} | schedule[0].days[1] | one of MON",
            "{'days': ['MON', 'TUE', 'MON'], 'start': '01:00', 'end': '02:00', 'max_power_kw': 5} | schedule[0].days[2] | duplicate day MON",
            "{'start': '01:00', 'end': '02:00', 'max_power_kw': 5, 'strategy': 'priority'} | priority_order | window uses strategy priority",
    })
    void a_broken_window_is_422_naming_its_field(String window, String field, String messagePart) {
        assertProblem(rejected("{'max_power_kw': 100, 'strategy': 'scheduled', 'schedule': [" + window + "]}"),
                422, field, messagePart);
    }

    @Test
    void an_overnight_window_overlapping_the_next_morning_is_422_naming_both() {
        var problem = rejected("""
                {'max_power_kw': 100, 'strategy': 'scheduled', 'schedule': [
                  {'days': ['MON'], 'start': '22:00', 'end': '06:00', 'max_power_kw': 50},
                  {'days': ['TUE'], 'start': '05:00', 'end': '07:00', 'max_power_kw': 60}]}""");

        assertProblem(problem, 422, "schedule[1]", "overlaps schedule[0]");
        assertThat(problem.detail()).contains("TUE 05:00–07:00").contains("MON 22:00–06:00");
    }

    @Test
    void windows_that_only_touch_are_accepted() {
        var config = ConfigReader.read(json("""
                {'max_power_kw': 100, 'strategy': 'scheduled', 'schedule': [
                  {'days': ['SUN'], 'start': '22:00', 'end': '06:00', 'max_power_kw': 50},
                  {'days': ['MON'], 'start': '06:00', 'end': '22:00', 'max_power_kw': 60}]}"""), DEPOT_NORTH, NOW);

        assertThat(config.schedule()).hasSize(2);
    }

    @Test
    void every_field_error_is_reported_and_the_detail_names_the_first() {
        var problem = rejected("""
                {'max_power_kw': 300, 'strategy': 'priority', 'min_power_per_charger_kw': -2,
                 'priority_order': ['CP-001', 'CP-404']}""");

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("max_power_kw", "min_power_per_charger_kw", "priority_order[1]");
        assertThat(problem.detail()).contains("CP-404").contains("depot-north").contains("2 more problems");
    }

    @Test
    void a_malformed_value_makes_the_whole_answer_400_while_still_listing_rule_errors() {
        var problem = rejected("{'max_power_kw': 300, 'strategy': 'fast'}");

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).startsWith("strategy \"fast\" is unknown");
        assertThat(problem.errors()).extracting(FieldError::field).containsExactly("strategy", "max_power_kw");
    }

    @ParameterizedTest
    @ValueSource(strings = {"60", "60.0", "5", "1440"})
    void whole_rotation_periods_in_range_are_accepted(String minutes) {
        var config = ConfigReader.read(json("{'max_power_kw': 100, 'strategy': 'equal', 'min_power_per_charger_kw': 6,"
                + " 'rotation_period_min': " + minutes + "}"), DEPOT_NORTH, NOW);

        assertThat(config.rotationPeriodMin()).isEqualTo((int) Double.parseDouble(minutes));
    }

    @Test
    void a_user_string_in_a_message_is_cut_short_and_control_characters_are_masked() {
        var problem = problemOf(() -> ConfigReader.read(
                ("{\"max_power_kw\": 100, \"strategy\": \"eq\\nual" + "x".repeat(200) + "\"}").getBytes(StandardCharsets.UTF_8),
                DEPOT_NORTH, NOW));

        assertThat(problem.detail()).doesNotContain("\n").contains("eq?ual").hasSizeLessThan(200);
    }
}
