package dev.dynamo.contract;

import static dev.dynamo.contract.Requests.assertProblem;
import static dev.dynamo.contract.Requests.json;
import static dev.dynamo.contract.Requests.problemOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SitesFileReaderTest {
    static final String CONTRACT_EXAMPLE = """
            {'sites': [{'site_id': 'depot-north', 'name': 'Depot North', 'timezone': 'Europe/Amsterdam',
              'grid_connection_capacity_kw': 250,
              'chargers': [{'charge_point_id': 'CP-001', 'max_power_kw': 22, 'phases': 3, 'voltage_v': 230,
                            'charging_rate_unit': 'W', 'ocpp_password': 'a-long-random-secret'}]}]}""";

    static String site(String id, String chargerId) {
        return "{'site_id': '" + id + "', 'grid_connection_capacity_kw': 100, "
                + "'chargers': [{'charge_point_id': '" + chargerId + "', 'max_power_kw': 11}]}";
    }

    @Test
    void the_contract_example_file_parses(@TempDir Path dir) throws Exception {
        var file = dir.resolve("sites.json");
        Files.write(file, json(CONTRACT_EXAMPLE));

        var sites = SitesFileReader.read(file);

        assertThat(sites).extracting(SiteDefinition::siteId).containsExactly("depot-north");
        assertThat(sites.getFirst().chargers().getFirst().ocppPassword()).isEqualTo("a-long-random-secret");
    }

    @Test
    void sites_keep_their_file_order() {
        var sites = SitesFileReader.read(json("{'sites': [" + site("b", "CP-1") + ", " + site("a", "CP-2") + "]}"));

        assertThat(sites).extracting(SiteDefinition::siteId).containsExactly("b", "a");
    }

    @Test
    void an_entry_without_site_id_is_422_naming_it() {
        var problem = problemOf(() -> SitesFileReader.read(json("{'sites': [{'grid_connection_capacity_kw': 100, 'chargers': []}]}")));

        assertProblem(problem, 422, "sites[0].site_id", "is required");
    }

    @Test
    void errors_inside_entries_name_the_entry_path() {
        var problem = problemOf(() -> SitesFileReader.read(json("""
                {'sites': [{'site_id': 'a', 'grid_connection_capacity_kw': 100, 'chargers': []},
                  {'site_id': 'b', 'grid_connection_capacity_kw': 100,
                   'circuits': [{'circuit_id': 'x', 'parent_id': 'y', 'max_current_a': 32}],
                   'chargers': [{'charge_point_id': 'CP-1', 'max_power_kw': 11, 'phases': 2}]}]}""")));

        assertThat(problem.errors()).extracting(FieldError::field)
                .containsExactly("sites[1].circuits[0].parent_id", "sites[1].chargers[0].phases");
    }

    @Test
    void a_duplicate_site_id_is_422() {
        var problem = problemOf(() -> SitesFileReader.read(json("{'sites': [" + site("a", "CP-1") + ", " + site("a", "CP-2") + "]}")));

        assertProblem(problem, 422, "sites[1].site_id", "duplicate site a");
    }

    @Test
    void a_charge_point_in_two_sites_is_422() {
        var problem = problemOf(() -> SitesFileReader.read(json("{'sites': [" + site("a", "CP-1") + ", " + site("b", "CP-1") + "]}")));

        assertProblem(problem, 422, "sites[1].chargers[0].charge_point_id", "already a charger of site a");
    }

    @Test
    void a_missing_or_malformed_sites_list_is_rejected() {
        assertProblem(problemOf(() -> SitesFileReader.read(json("{}"))), 422, "sites", "is required");
        assertProblem(problemOf(() -> SitesFileReader.read(json("{'sites': {}}"))), 400, "sites", "must be an array");
        assertProblem(problemOf(() -> SitesFileReader.read(json("{'sites': [], 'demo': true}"))), 400, "demo", "unknown field");
    }

    @Test
    void the_message_names_the_file_and_lists_each_error_on_its_own_line(@TempDir Path dir) throws Exception {
        var file = dir.resolve("sites.json");
        Files.write(file, json("{'sites': [{'site_id': 'a', 'grid_connection_capacity_kw': -1, 'chargers': [{'charge_point_id': 'CP-1'}]}]}"));

        var problem = problemOf(() -> SitesFileReader.read(file));

        assertThat(problem.getMessage().lines().toList()).containsExactly(
                "sites file " + file + ": sites[0].grid_connection_capacity_kw of site a must be greater than 0, not -1"
                        + " (and 1 more problem, see errors)",
                "  sites[0].grid_connection_capacity_kw: must be greater than 0",
                "  sites[0].chargers[0].max_power_kw: is required");
    }

    @Test
    void a_file_that_is_not_json_or_missing_says_so_with_its_name(@TempDir Path dir) throws Exception {
        var file = dir.resolve("sites.json");
        Files.writeString(file, "sites:\n  - a\n");

        assertThat(problemOf(() -> SitesFileReader.read(file)).getMessage()).startsWith("sites file " + file + ": ")
                .contains("not valid JSON").contains("line 1");
        assertThat(problemOf(() -> SitesFileReader.read(dir.resolve("nope.json"))).getMessage())
                .contains("nope.json").contains("does not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example-sites.json", "depot-with-circuits.json"})
    void the_shipped_sites_files_parse_with_their_circuits(String name) {
        var base = Path.of(System.getProperty("basedir", "."));
        var file = Files.isDirectory(base.resolve("../resources/sites")) ? base.resolve("../resources/sites/" + name)
                : base.resolve("resources/sites/" + name);

        var sites = SitesFileReader.read(file);

        var withCircuits = sites.getFirst();
        assertThat(withCircuits.gridConnectionCurrentA()).isNotNull();
        assertThat(withCircuits.circuits()).extracting(dev.dynamo.contract.CircuitDefinition::circuitId).contains("feeder-A", "row-1", "row-2");
        assertThat(withCircuits.chargers()).allSatisfy(c -> assertThat(c.circuitId()).startsWith("row-"));
    }
}
