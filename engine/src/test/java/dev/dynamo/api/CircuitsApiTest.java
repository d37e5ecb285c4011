package dev.dynamo.api;

import static dev.dynamo.api.ApiJson.charger;
import static dev.dynamo.api.ApiJson.session;
import static dev.dynamo.api.ApiJson.site;
import static dev.dynamo.api.ApiJson.smart;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.HttpTestClient.Response;
import dev.dynamo.testing.TestEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Contract section 7 over HTTP: the new fields of sites, sessions, configs and allocations, and their errors. */
class CircuitsApiTest {
    @TempDir
    static Path dir;
    static TestEngine engine;
    static HttpTestClient client;

    static final String DEPOT = """
            {"site_id": "depot", "timezone": "Europe/Amsterdam", "grid_connection_capacity_kw": 250,
             "grid_connection_current_a": 400,
             "circuits": [
               {"circuit_id": "row-2", "parent_id": "feeder-A", "max_current_a": 63},
               {"circuit_id": "feeder-A", "parent_id": null, "max_current_a": 125},
               {"circuit_id": "row-1", "parent_id": "feeder-A", "max_current_a": 63}],
             "chargers": [
               {"charge_point_id": "D-001", "max_power_kw": 22, "circuit_id": "row-1"},
               {"charge_point_id": "D-002", "max_power_kw": 7.4, "phases": 1, "phase": "L2", "circuit_id": "row-1"},
               {"charge_point_id": "D-003", "max_power_kw": 22, "circuit_id": "row-2"},
               {"charge_point_id": "D-004", "max_power_kw": 11}]}""";

    @BeforeAll
    static void start() {
        engine = new TestEngine(Instant.parse("2026-11-24T09:00:00Z"), dir.resolve("data"),
                TestEngine.sitesFile(dir, "{\"sites\":[" + DEPOT + "]}"), null);
        client = engine.client;
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static JsonNode allocationOf(JsonNode allocation, String cp) {
        for (var a : allocation.get("allocations")) if (a.get("charge_point_id").asText().equals(cp)) return a;
        throw new AssertionError(cp + " not in " + allocation);
    }

    private static void assertProblem(Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asText()).isNotBlank();
        assertThat(response.json().get("errors")).extracting(e -> e.get("field").asText()).contains(field);
    }

    @Test
    void a_site_from_the_sites_file_shows_its_circuits_grid_current_and_each_chargers_circuit_and_phase() {
        var site = client.get("/api/v1/sites/depot").json();
        assertThat(site.get("grid_connection_current_a").asDouble()).isEqualTo(400);
        assertThat(site.get("circuits")).extracting(c -> c.get("circuit_id").asText()).contains("feeder-A", "row-1", "row-2");
        for (var c : site.get("circuits")) {
            assertThat(c.has("parent_id")).isTrue();
            assertThat(c.get("max_current_a").isNumber()).isTrue();
        }
        var chargers = site.get("chargers");
        assertThat(chargers.get(0).get("circuit_id").asText()).isEqualTo("row-1");
        assertThat(chargers.get(1).get("phase").asText()).isEqualTo("L2");
        // defaults are always present in responses
        assertThat(chargers.get(3).get("circuit_id").isNull()).isTrue();
        assertThat(chargers.get(3).get("phase").asText()).isEqualTo("L1");

        var flat = client.put("/api/v1/sites/flat", site("flat", 50, charger("F-001", 11))).json();
        assertThat(flat.get("circuits")).isEmpty();
        assertThat(flat.get("grid_connection_current_a").isNull()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'circuits': [{'circuit_id': 'a', 'parent_id': 'nope', 'max_current_a': 63}]                                  | circuits[0].parent_id",
            "'circuits': [{'circuit_id': 'a', 'parent_id': 'b', 'max_current_a': 63}, {'circuit_id': 'b', 'parent_id': 'a', 'max_current_a': 63}] | circuits[0].parent_id",
            "'circuits': [{'circuit_id': 'a', 'max_current_a': 63}, {'circuit_id': 'a', 'max_current_a': 32}]              | circuits[1].circuit_id",
            "'circuits': [{'circuit_id': 'grid', 'max_current_a': 63}]                                                    | circuits[0].circuit_id",
            "'circuits': [{'circuit_id': 'a', 'max_current_a': 0}]                                                        | circuits[0].max_current_a",
            "'circuits': [{'circuit_id': 'a', 'max_current_a': -16}]                                                      | circuits[0].max_current_a",
            "'grid_connection_current_a': 0                                                                              | grid_connection_current_a",
            "'chargers': [{'charge_point_id': 'X-001', 'max_power_kw': 11, 'circuit_id': 'row-9'}]                         | chargers[0].circuit_id",
            "'chargers': [{'charge_point_id': 'X-001', 'max_power_kw': 7.4, 'phases': 1, 'phase': 'L4'}]                   | chargers[0].phase",
    })
    void every_broken_circuit_tree_or_charger_placement_is_422_naming_the_field_and_changes_nothing(String part, String field) {
        var fields = part.replace('\'', '"');
        var body = "{\"timezone\": \"UTC\", \"grid_connection_capacity_kw\": 100, \"chargers\": [], " + fields + "}";
        body = body.replace("\"chargers\": [], \"chargers\"", "\"chargers\"");

        assertProblem(client.put("/api/v1/sites/broken", body), 422, field);
        assertThat(client.get("/api/v1/sites/broken").status()).isEqualTo(404);
    }

    @Test
    void phases_in_use_other_than_1_or_3_or_3_on_a_one_phase_charger_is_422_and_starts_nothing() {
        assertProblem(client.post(session("depot", "D-004"), "{\"phases_in_use\": 2}"), 422, "phases_in_use");
        assertProblem(client.post(session("depot", "D-002"), "{\"phases_in_use\": 3}"), 422, "phases_in_use");
        assertProblem(client.post(session("depot", "D-004"), "{\"phases_in_use\": \"1\"}"), 400, "phases_in_use");
        assertThat(client.get("/api/v1/sites/depot").json().get("chargers").get(3).get("session").isNull()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'max_power_kw': 100, 'strategy': 'equal', 'rotation_period_min': 4}                                   | 422 | rotation_period_min",
            "{'max_power_kw': 100, 'strategy': 'equal', 'rotation_period_min': 1441}                                | 422 | rotation_period_min",
            "{'max_power_kw': 100, 'strategy': 'priority', 'priority_order': ['R-001'], 'rotation_period_min': 10}  | 422 | rotation_period_min",
            "{'max_power_kw': 100, 'strategy': 'equal', 'rotation_period_min': 7.5}                                 | 400 | rotation_period_min",
            "{'max_power_kw': 100, 'strategy': 'equal', 'rotation_period_min': '15'}                                | 400 | rotation_period_min",
            "{'max_power_kw': 100, 'strategy': 'equal', 'redistribute_unused': 'yes'}                               | 400 | redistribute_unused",
    })
    void bad_rotation_and_unused_power_settings_are_rejected_naming_the_field_and_change_nothing(String body, int status, String field) {
        client.put("/api/v1/sites/rot", site("rot", 150, charger("R-001", 22)));
        client.put(smart("rot") + "/config", "{\"max_power_kw\": 50, \"strategy\": \"equal\"}");

        assertProblem(client.put(smart("rot") + "/config", body.replace('\'', '"')), status, field);
        var config = client.get(smart("rot") + "/config").json();
        assertThat(config.get("max_power_kw").asDouble()).isEqualTo(50);
        assertThat(config.get("rotation_period_min").isNull()).isTrue();
        assertThat(config.get("redistribute_unused").asBoolean()).isFalse();
    }

    @Test
    void rotation_and_unused_power_settings_are_stored_and_returned_with_their_defaults() {
        client.put("/api/v1/sites/cfg", site("cfg", 150, charger("G-001", 22)));
        var defaults = client.put(smart("cfg") + "/config", "{\"max_power_kw\": 50, \"strategy\": \"equal\"}").json();
        assertThat(defaults.get("rotation_period_min").isNull()).isTrue();
        assertThat(defaults.get("redistribute_unused").isBoolean()).isTrue();
        assertThat(defaults.get("redistribute_unused").asBoolean()).isFalse();

        client.put(smart("cfg") + "/config", """
                {"max_power_kw": 50, "strategy": "equal", "min_power_per_charger_kw": 4.2,
                 "rotation_period_min": 30, "redistribute_unused": true}""");
        var stored = client.get(smart("cfg") + "/config").json();
        assertThat(stored.get("rotation_period_min").asInt()).isEqualTo(30);
        assertThat(stored.get("redistribute_unused").asBoolean()).isTrue();
    }

    @Test
    void the_allocation_shows_the_grid_first_then_circuits_by_id_with_per_phase_currents_and_chargers_with_only_their_phases() {
        client.put(smart("depot") + "/config", "{\"max_power_kw\": 200, \"strategy\": \"equal\", \"min_power_per_charger_kw\": 4.2}");
        for (var cp : new String[] {"D-001", "D-002", "D-003"}) {
            engine.clock.advance(Duration.ofSeconds(1));
            assertThat(client.post(session("depot", cp)).status()).isEqualTo(201);
        }
        var json = client.get(smart("depot") + "/allocation").json();

        assertThat(json.get("circuits")).extracting(c -> c.get("circuit_id").asText())
                .containsExactly("grid", "feeder-A", "row-1", "row-2");
        for (var circuit : json.get("circuits")) {
            for (var phase : new String[] {"L1", "L2", "L3"}) {
                assertThat(circuit.get("current_a").get(phase).asDouble()).as(circuit.toString())
                        .isLessThanOrEqualTo(circuit.get("max_current_a").asDouble());
            }
        }
        var row2 = json.get("circuits").get(3);
        assertThat(row2.get("current_a").toString()).isEqualTo("{\"L1\":31.88,\"L2\":31.88,\"L3\":31.88}");

        var three = allocationOf(json, "D-003");
        assertThat(three.get("phases_in_use").asInt()).isEqualTo(3);
        assertThat(three.get("current_a").toString()).isEqualTo("{\"L1\":31.88,\"L2\":31.88,\"L3\":31.88}");
        var one = allocationOf(json, "D-002");
        assertThat(one.get("phases_in_use").asInt()).isEqualTo(1);
        assertThat(one.get("current_a").size()).isEqualTo(1);
        assertThat(one.get("current_a").has("L2")).isTrue();
        // row-1 binds on L2: what D-002 takes there, D-001 cannot
        var row1 = json.get("circuits").get(2);
        assertThat(row1.get("current_a").get("L2").asDouble()).isCloseTo(63, org.assertj.core.api.Assertions.within(0.05));
        assertThat(row1.get("current_a").get("L1").asDouble())
                .isCloseTo(allocationOf(json, "D-001").get("current_a").get("L1").asDouble(), org.assertj.core.api.Assertions.within(0.011));
    }

    @Test
    void cap_reason_prefers_measured_then_phases_then_vehicle_then_charger_on_equal_values() {
        client.put("/api/v1/sites/caps", site("caps", 250, charger("K-001", 22), charger("K-002", 22),
                charger("K-003", 11), charger("K-004", 11)));
        client.put(smart("caps") + "/config", "{\"max_power_kw\": 200, \"strategy\": \"equal\", \"redistribute_unused\": true}");
        // 22 kW / 3 on one phase = 7.33, and the vehicle says the same
        client.post(session("caps", "K-001"), "{\"phases_in_use\": 1, \"ev_max_power_kw\": 7.33}");
        client.post(session("caps", "K-002"), "{\"ev_max_power_kw\": 22}");
        client.post(session("caps", "K-003"));
        client.post(session("caps", "K-004"));
        var json = client.get(smart("caps") + "/allocation").json();
        assertThat(allocationOf(json, "K-001").get("cap_reason").asText()).isEqualTo("phases");
        assertThat(allocationOf(json, "K-001").get("max_power_kw").asDouble()).isEqualTo(7.33);
        assertThat(allocationOf(json, "K-002").get("cap_reason").asText()).isEqualTo("vehicle");
        assertThat(allocationOf(json, "K-003").get("cap_reason").asText()).isEqualTo("charger");

        // the site's meter input: K-004 draws 2 kW of its 11 kW, lowered to 3.1 kW
        engine.server.sites().site("caps").orElseThrow().meterValue("K-004", 2, null);
        var measured = allocationOf(client.get(smart("caps") + "/allocation").json(), "K-004");
        assertThat(measured.get("cap_reason").asText()).isEqualTo("measured");
        assertThat(measured.get("max_power_kw").asDouble()).isEqualTo(3.1);
        assertThat(measured.get("measured_kw").asDouble()).isEqualTo(2);
    }

    @Test
    void queued_since_is_null_while_charging_and_the_instant_it_queued_while_waiting() {
        client.put("/api/v1/sites/queue", site("queue", 250, charger("Q-001", 22), charger("Q-002", 22)));
        client.put(smart("queue") + "/config", "{\"max_power_kw\": 30, \"strategy\": \"equal\", \"min_power_per_charger_kw\": 20}");
        client.post(session("queue", "Q-001"));
        engine.clock.advance(Duration.ofSeconds(2));
        var queuedAt = engine.clock.instant();
        client.post(session("queue", "Q-002"));
        engine.clock.advance(Duration.ofMinutes(3));
        client.post(smart("queue") + "/rebalance");

        var json = client.get(smart("queue") + "/allocation").json();
        assertThat(allocationOf(json, "Q-001").get("queued_since").isNull()).isTrue();
        assertThat(allocationOf(json, "Q-002").get("status").asText()).isEqualTo("queued");
        assertThat(allocationOf(json, "Q-002").get("queued_since").asText())
                .isEqualTo(dev.dynamo.contract.Times.format(queuedAt));
    }
}
