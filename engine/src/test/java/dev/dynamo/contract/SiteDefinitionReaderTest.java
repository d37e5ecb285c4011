package dev.dynamo.contract;

import static dev.dynamo.contract.Requests.assertProblem;
import static dev.dynamo.contract.Requests.json;
import static dev.dynamo.contract.Requests.problemOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.allocation.Phase;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteDefinitionReaderTest {
    /** A site body with {@code %s} where a charger's extra fields go. */
    static String siteWithCharger(String chargerFields) {
        return "{'timezone': 'Europe/Amsterdam', 'grid_connection_capacity_kw': 250, "
                + "'circuits': [{'circuit_id': 'row-1', 'parent_id': null, 'max_current_a': 63}], "
                + "'chargers': [{'charge_point_id': 'CP-001', 'max_power_kw': 22" + chargerFields + "}]}";
    }

    static ApiProblem rejected(String body) {
        return problemOf(() -> SiteDefinitionReader.read(json(body), "depot-north"));
    }

    @Test
    void the_sites_file_example_site_parses() {
        var site = SiteDefinitionReader.read(json("""
                {'site_id': 'depot-north', 'name': 'Depot North', 'timezone': 'Europe/Amsterdam',
                 'grid_connection_capacity_kw': 250,
                 'chargers': [{'charge_point_id': 'CP-001', 'max_power_kw': 22, 'phases': 3, 'voltage_v': 230,
                               'charging_rate_unit': 'W', 'ocpp_password': 'a-long-random-secret'}]}"""), "depot-north");

        assertThat(site.siteId()).isEqualTo("depot-north");
        assertThat(site.name()).isEqualTo("Depot North");
        assertThat(site.timezone()).isEqualTo(ZoneId.of("Europe/Amsterdam"));
        assertThat(site.gridConnectionCapacityKw()).isEqualTo(250);
        assertThat(site.chargers()).containsExactly(
                new ChargerDefinition("CP-001", 22, 3, 230, RateUnit.W, "a-long-random-secret", null, Phase.L1));
    }

    @Test
    void the_circuits_example_parses_with_defaults() {
        var site = SiteDefinitionReader.read(json("""
                {'site_id': 'depot-north', 'grid_connection_capacity_kw': 250, 'grid_connection_current_a': 400,
                 'circuits': [
                   {'circuit_id': 'feeder-A', 'parent_id': null, 'max_current_a': 125},
                   {'circuit_id': 'row-1', 'parent_id': 'feeder-A', 'max_current_a': 63}],
                 'chargers': [
                   {'charge_point_id': 'CP-001', 'max_power_kw': 22, 'phases': 3, 'circuit_id': 'row-1'},
                   {'charge_point_id': 'CP-002', 'max_power_kw': 7.4, 'phases': 1, 'phase': 'L2', 'circuit_id': 'row-1'}]}"""),
                "depot-north");

        assertThat(site.name()).isEqualTo("depot-north");
        assertThat(site.timezone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(site.gridConnectionCurrentA()).isEqualTo(400);
        assertThat(site.circuits()).containsExactly(new CircuitDefinition("feeder-A", null, 125),
                new CircuitDefinition("row-1", "feeder-A", 63));
        assertThat(site.chargers()).containsExactly(
                new ChargerDefinition("CP-001", 22, 3, 230, RateUnit.W, null, "row-1", Phase.L1),
                new ChargerDefinition("CP-002", 7.4, 1, 230, RateUnit.W, null, "row-1", Phase.L2));
    }

    @Test
    void the_site_id_is_taken_from_the_path_and_charger_defaults_apply() {
        var site = SiteDefinitionReader.read(json(siteWithCharger("")), "depot-north");

        assertThat(site.siteId()).isEqualTo("depot-north");
        assertThat(site.circuits()).hasSize(1);
        assertThat(site.chargers().getFirst())
                .isEqualTo(new ChargerDefinition("CP-001", 22, 3, 230, RateUnit.W, null, null, Phase.L1));
    }

    @Test
    void connected_and_session_from_a_get_response_are_accepted_and_ignored() {
        var site = SiteDefinitionReader.read(json(siteWithCharger(", 'connected': true, "
                + "'session': {'session_id': 'a1', 'started_at': '2026-11-24T09:00:00.000Z'}")), "depot-north");

        assertThat(site.chargers()).hasSize(1);
    }

    @Test
    void a_charge_point_of_another_site_is_422_naming_both_sites() {
        var site = SiteDefinitionReader.read(json(siteWithCharger("")), "depot-north");
        var other = new dev.dynamo.contract.SiteDefinition("depot-south", "Depot South", ZoneOffset.UTC, 100, null,
                java.util.List.of(), java.util.List.of(Requests.charger("CP-001", 11, 3)));

        var problem = problemOf(() -> SiteDefinitionReader.checkChargePointIdsFree(site, java.util.List.of(other)));

        assertProblem(problem, 422, "chargers[0].charge_point_id", "already a charger of site depot-south");
        assertThat(problem.detail()).contains("CP-001").contains("depot-north");
    }

    @Test
    void replacing_a_site_does_not_clash_with_its_own_stored_chargers() {
        var site = SiteDefinitionReader.read(json(siteWithCharger("")), "depot-north");

        SiteDefinitionReader.checkChargePointIdsFree(site, java.util.List.of(site));
    }

    @Test
    void a_different_site_id_in_the_body_is_422() {
        var problem = rejected("{'site_id': 'depot-south', 'grid_connection_capacity_kw': 250, 'chargers': []}");

        assertProblem(problem, 422, "site_id", "depot-north");
        assertThat(problem.detail()).contains("depot-south").contains("depot-north");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'grid_connection_capacity_kw': '250', 'chargers': []}                  | grid_connection_capacity_kw",
            "{'grid_connection_capacity_kw': 250, 'chargers': {}}                    | chargers",
            "{'grid_connection_capacity_kw': 250, 'chargers': [], 'owner': 'x'}      | owner",
            "{'grid_connection_capacity_kw': 250, 'chargers': [], 'timezone': 1}     | timezone",
            "{'grid_connection_capacity_kw': 250, 'chargers': ['CP-001']}            | chargers[0]",
            "{'site_id': 'depot north', 'grid_connection_capacity_kw': 250, 'chargers': []} | site_id",
            "{'site_id': 'depot-north', 'name': 'Depot\\nNorth', 'grid_connection_capacity_kw': 250, 'chargers': []} | name",
    })
    void malformed_site_bodies_are_400(String body, String field) {
        var problem = problemOf(() -> SiteDefinitionReader.read(json(body), null));

        assertThat(problem.status()).as(problem.getMessage()).isEqualTo(400);
        assertThat(problem.errors()).extracting(FieldError::field).contains(field);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'charge_point_id': 'CP-001', 'max_power_kw': '22'}                | chargers[0].max_power_kw",
            "{'charge_point_id': 'CP-001', 'max_power_kw': 22, 'phases': 1.5}   | chargers[0].phases",
            "{'charge_point_id': 'CP 001', 'max_power_kw': 22}                  | chargers[0].charge_point_id",
            "{'charge_point_id': 'CP-001', 'max_power_kw': 22, 'connector': 1}  | chargers[0].connector",
            "{'charge_point_id': 'CP-001', 'max_power_kw': 22, 'ocpp_password': 42} | chargers[0].ocpp_password",
            "{'charge_point_id': 7, 'max_power_kw': 22}                         | chargers[0].charge_point_id",
            "{'charge_point_id': 'CP/1', 'max_power_kw': 22}                    | chargers[0].charge_point_id",
    })
    void malformed_charger_fields_are_400(String charger, String field) {
        var problem = rejected("{'grid_connection_capacity_kw': 250, 'chargers': [" + charger + "]}");

        assertThat(problem.status()).as(problem.getMessage()).isEqualTo(400);
        assertThat(problem.errors()).extracting(FieldError::field).contains(field);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'chargers': []}                                                | grid_connection_capacity_kw | is required",
            "{'grid_connection_capacity_kw': 250}                            | chargers | is required",
            "{'grid_connection_capacity_kw': 0, 'chargers': []}              | grid_connection_capacity_kw | greater than 0",
            "{'grid_connection_capacity_kw': 250, 'grid_connection_current_a': 0, 'chargers': []} | grid_connection_current_a | greater than 0",
            "{'grid_connection_capacity_kw': 250, 'timezone': 'Europe/Amsterdm', 'chargers': []} | timezone | unknown time zone",
            "{'grid_connection_capacity_kw': 250, 'timezone': '+02:00', 'chargers': []} | timezone | unknown time zone",
            "{'grid_connection_capacity_kw': 250, 'chargers': [{'max_power_kw': 22}]} | chargers[0].charge_point_id | is required",
            "{'grid_connection_capacity_kw': 250, 'chargers': [{'charge_point_id': 'CP-1'}]} | chargers[0].max_power_kw | is required",
            "{'grid_connection_capacity_kw': 250, 'chargers': [{'charge_point_id': 'CP-1', 'max_power_kw': 0}]} | chargers[0].max_power_kw | greater than 0",
            "{'grid_connection_capacity_kw': 250, 'chargers': [{'charge_point_id': 'CP-1', 'max_power_kw': 11, 'phases': 2}]} | chargers[0].phases | 1 or 3",
            "{'grid_connection_capacity_kw': 250, 'chargers': [{'charge_point_id': 'CP-1', 'max_power_kw': 11, 'voltage_v': -230}]} | chargers[0].voltage_v | greater than 0",
            "{'grid_connection_capacity_kw': 250, 'chargers': [{'charge_point_id': 'CP-1', 'max_power_kw': 11, 'charging_rate_unit': 'kW'}]} | chargers[0].charging_rate_unit | W or A",
            "{'grid_connection_capacity_kw': 250, 'chargers': [{'charge_point_id': 'CP-1', 'max_power_kw': 11, 'phase': 'L4'}]} | chargers[0].phase | L1, L2 or L3",
            "{'grid_connection_capacity_kw': 250, 'chargers': [{'charge_point_id': 'CP-1', 'max_power_kw': 11, 'circuit_id': 'row-9'}]} | chargers[0].circuit_id | unknown circuit",
            "{'grid_connection_capacity_kw': 250, 'chargers': [{'charge_point_id': 'CP-1', 'max_power_kw': 11}, {'charge_point_id': 'CP-1', 'max_power_kw': 7}]} | chargers[1].charge_point_id | duplicate charger CP-1",
            "{'grid_connection_capacity_kw': 250, 'chargers': [{'charge_point_id': '', 'max_power_kw': 11}]} | chargers[0].charge_point_id | must not be empty",
            "{'grid_connection_capacity_kw': 250, 'chargers': [{'charge_point_id': 'CP-1', 'max_power_kw': 11, 'ocpp_password': ''}]} | chargers[0].ocpp_password | 16 to 40 characters",
            "{'grid_connection_capacity_kw': 250, 'chargers': [{'charge_point_id': 'CP-1', 'max_power_kw': 11, 'ocpp_password': '123456789012345'}]} | chargers[0].ocpp_password | 16 to 40 characters",
            "{'grid_connection_capacity_kw': 250, 'chargers': [{'charge_point_id': 'CP-1', 'max_power_kw': 11, 'ocpp_password': '12345678901234567890123456789012345678901'}]} | chargers[0].ocpp_password | 16 to 40 characters",
    })
    void rule_breaking_sites_are_422_naming_the_field(String body, String field, String messagePart) {
        assertProblem(rejected(body), 422, field, messagePart);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'circuit_id': 'a', 'max_current_a': 63}, {'circuit_id': 'a', 'max_current_a': 32}        | circuits[1].circuit_id | duplicate circuit a",
            "{'circuit_id': 'grid', 'max_current_a': 63}                                                | circuits[0].circuit_id | reserved",
            "{'circuit_id': 'a', 'parent_id': 'feeder', 'max_current_a': 63}                            | circuits[0].parent_id | unknown circuit",
            "{'circuit_id': 'a', 'parent_id': 'a', 'max_current_a': 63}                                 | circuits[0].parent_id | cycle: a → a",
            "{'circuit_id': 'a', 'parent_id': 'c', 'max_current_a': 63}, {'circuit_id': 'b', 'parent_id': 'a', 'max_current_a': 32}, {'circuit_id': 'c', 'parent_id': 'b', 'max_current_a': 32} | circuits[0].parent_id | cycle: a → c → b → a",
            "{'circuit_id': 'a', 'max_current_a': 0}                                                    | circuits[0].max_current_a | greater than 0",
            "{'circuit_id': 'a'}                                                                        | circuits[0].max_current_a | is required",
            "{'parent_id': null, 'max_current_a': 10}                                                   | circuits[0].circuit_id | is required",
    })
    void broken_circuit_trees_are_422_naming_the_circuit(String circuits, String field, String messagePart) {
        assertProblem(rejected("{'grid_connection_capacity_kw': 250, 'chargers': [], 'circuits': [" + circuits + "]}"),
                422, field, messagePart);
    }

    @Test
    void a_cycle_is_reported_once_even_with_branches_hanging_from_it() {
        var problem = rejected("""
                {'grid_connection_capacity_kw': 250, 'chargers': [], 'circuits': [
                  {'circuit_id': 'leaf', 'parent_id': 'b', 'max_current_a': 16},
                  {'circuit_id': 'a', 'parent_id': 'b', 'max_current_a': 63},
                  {'circuit_id': 'b', 'parent_id': 'a', 'max_current_a': 63},
                  {'circuit_id': 'ok', 'parent_id': null, 'max_current_a': 63}]}""");

        assertThat(problem.errors()).containsExactly(new FieldError("circuits[1].parent_id", "forms a cycle: a → b → a"));
        assertThat(problem.detail()).contains("site depot-north");
    }

    @Test
    void a_charger_naming_a_circuit_that_has_its_own_error_is_not_blamed_for_it() {
        var problem = rejected("""
                {'grid_connection_capacity_kw': 250, 'circuits': [{'circuit_id': 'row-1', 'max_current_a': -1}],
                 'chargers': [{'charge_point_id': 'CP-1', 'max_power_kw': 11, 'circuit_id': 'row-1'}]}""");

        assertThat(problem.errors()).extracting(FieldError::field).containsExactly("circuits[0].max_current_a");
    }

    @Test
    void every_charger_error_is_reported_with_the_charger_and_site_in_the_detail() {
        var problem = rejected("""
                {'grid_connection_capacity_kw': 250, 'chargers': [
                  {'charge_point_id': 'CP-1', 'max_power_kw': 11, 'phases': 2},
                  {'charge_point_id': 'CP-2', 'max_power_kw': -7, 'phase': 'L0'}]}""");

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.errors()).extracting(FieldError::field)
                .containsExactly("chargers[0].phases", "chargers[1].max_power_kw", "chargers[1].phase");
        assertThat(problem.detail()).startsWith("chargers[0].phases must be 1 or 3, not 2 (charger CP-1 of site depot-north)");
    }
}
