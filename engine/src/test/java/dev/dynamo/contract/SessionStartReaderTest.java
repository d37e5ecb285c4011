package dev.dynamo.contract;

import static dev.dynamo.contract.Requests.assertProblem;
import static dev.dynamo.contract.Requests.charger;
import static dev.dynamo.contract.Requests.json;
import static dev.dynamo.contract.Requests.problemOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SessionStartReaderTest {
    static final ChargerDefinition THREE_PHASE = charger("CP-001", 22, 3);
    static final ChargerDefinition ONE_PHASE = charger("CP-002", 7.4, 1);

    @Test
    void the_contract_example_parses() {
        var start = SessionStartReader.read(json("{'ev_max_power_kw': 11, 'energy_needed_kwh': 40, 'phases_in_use': 1}"), THREE_PHASE);

        assertThat(start).isEqualTo(new SessionStart(11.0, 40.0, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n", "{}", "{'ev_max_power_kw': null}"})
    void an_empty_body_takes_the_chargers_phases(String body) {
        assertThat(SessionStartReader.read(json(body), THREE_PHASE)).isEqualTo(new SessionStart(null, null, 3));
        assertThat(SessionStartReader.read(json(body), ONE_PHASE)).isEqualTo(new SessionStart(null, null, 1));
    }

    @Test
    void a_missing_body_is_like_an_empty_one() {
        assertThat(SessionStartReader.read(null, ONE_PHASE)).isEqualTo(new SessionStart(null, null, 1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'ev_max_power_kw': 0}       | ev_max_power_kw   | greater than 0",
            "{'energy_needed_kwh': -40}   | energy_needed_kwh | greater than 0",
            "{'phases_in_use': 2}         | phases_in_use     | 1 or 3",
    })
    void rule_breaking_values_are_422(String body, String field, String messagePart) {
        assertProblem(problemOf(() -> SessionStartReader.read(json(body), THREE_PHASE)), 422, field, messagePart);
    }

    @Test
    void three_phases_on_a_one_phase_charger_is_422_naming_the_charger() {
        var problem = problemOf(() -> SessionStartReader.read(json("{'phases_in_use': 3}"), ONE_PHASE));

        assertProblem(problem, 422, "phases_in_use", "1 phase");
        assertThat(problem.detail()).contains("CP-002");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'ev_max_power_kw': '11'}  | ev_max_power_kw",
            "{'phases_in_use': 1.5}     | phases_in_use",
            "{'ev_max_power_kw': 1e400} | ev_max_power_kw",
            "{'ev_max_power': 11}       | ev_max_power",
    })
    void malformed_values_are_400(String body, String field) {
        var problem = problemOf(() -> SessionStartReader.read(json(body), THREE_PHASE));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.errors()).extracting(FieldError::field).containsExactly(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "11", "{'ev_max_power_kw': 11", "null"})
    void a_body_that_is_not_an_object_is_400(String body) {
        assertThat(problemOf(() -> SessionStartReader.read(json(body), THREE_PHASE)).status()).isEqualTo(400);
    }
}
