package dev.dynamo.api;

import static dev.dynamo.api.ApiJson.charger;
import static dev.dynamo.api.ApiJson.equal;
import static dev.dynamo.api.ApiJson.onePhase;
import static dev.dynamo.api.ApiJson.session;
import static dev.dynamo.api.ApiJson.site;
import static dev.dynamo.api.ApiJson.smart;
import static dev.dynamo.api.ApiSteps.createSite;
import static dev.dynamo.api.ApiSteps.startSessions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.HttpTestClient.Response;
import dev.dynamo.testing.TestEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented endpoints (contract section 2) against a real engine. */
class SmartChargingApiTest {
    @TempDir
    static Path dir;
    static TestEngine engine;
    static HttpTestClient client;

    @BeforeAll
    static void start() {
        engine = new TestEngine(Instant.parse("2026-11-24T09:00:00Z"), dir.resolve("data"),
                TestEngine.sitesFile(dir, "{\"sites\":[]}"), null);
        client = engine.client;
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static List<Double> allocatedKw(JsonNode allocation) {
        var values = new ArrayList<Double>();
        allocation.get("allocations").forEach(a -> values.add(a.get("allocated_kw").asDouble()));
        return values;
    }

    @Test
    void config_put_answers_201_then_200_and_get_returns_it_with_every_field() {
        createSite(engine, "cfg", 250, charger("CP-001", 22), charger("CP-002", 22), charger("CP-003", 22));
        var body = "{\"max_power_kw\":150,\"strategy\":\"priority\",\"min_power_per_charger_kw\":4.2,"
                + "\"priority_order\":[\"CP-003\",\"CP-001\",\"CP-002\"]}";

        var created = client.put(smart("cfg") + "/config", body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/json");
        var replaced = client.put(smart("cfg") + "/config", body);
        assertThat(replaced.status()).isEqualTo(200);

        var config = client.get(smart("cfg") + "/config");
        assertThat(config.status()).isEqualTo(200);
        var json = config.json();
        assertThat(json.get("site_id").asText()).isEqualTo("cfg");
        assertThat(json.get("max_power_kw").asDouble()).isEqualTo(150);
        assertThat(json.get("strategy").asText()).isEqualTo("priority");
        assertThat(json.get("min_power_per_charger_kw").asDouble()).isEqualTo(4.2);
        assertThat(json.get("priority_order").toString()).isEqualTo("[\"CP-003\",\"CP-001\",\"CP-002\"]");
        assertThat(json.get("schedule").isArray()).isTrue();
        assertThat(json.get("schedule")).isEmpty();
        assertThat(json.get("rotation_period_min").isNull()).isTrue();
        assertThat(json.get("redistribute_unused").asBoolean()).isFalse();
        assertThat(json.get("updated_at").asText()).isEqualTo(dev.dynamo.contract.Times.format(engine.clock.instant()));
        assertThat(config.raw().body()).contains("\"max_power_kw\":150,");
    }

    @Test
    void config_of_an_unknown_site_or_a_site_without_one_is_404_problem_json() {
        createSite(engine, "bare", 100, charger("B-001", 22));
        for (var path : List.of(smart("nowhere") + "/config", smart("bare") + "/config", smart("bare") + "/allocation")) {
            var response = client.get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("title").asText()).isEqualTo("Not Found");
        }
        assertThat(client.post(smart("bare") + "/rebalance").status()).isEqualTo(404);
        assertThat(client.put(smart("nowhere") + "/config", equal(10, 0)).status()).isEqualTo(404);
    }

    @Test
    void a_rejected_config_is_a_problem_naming_the_field_and_changes_nothing() {
        createSite(engine, "rej", 250, charger("R-001", 22));
        client.put(smart("rej") + "/config", equal(100, 0));
        var decisionsBefore = client.get("/api/v1/sites/rej/decisions").json().get("decisions").size();

        var tooMuch = client.put(smart("rej") + "/config", "{\"max_power_kw\":300,\"strategy\":\"equal\"}");
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.contentType()).startsWith("application/problem+json");
        assertThat(tooMuch.json().get("type").asText()).isEqualTo("about:blank");
        assertThat(tooMuch.json().get("status").asInt()).isEqualTo(422);
        assertThat(tooMuch.json().get("detail").asText()).contains("250");
        assertThat(tooMuch.json().get("errors").get(0).get("field").asText()).isEqualTo("max_power_kw");

        var unknownField = client.put(smart("rej") + "/config", "{\"max_power_kw\":10,\"strategy\":\"equal\",\"colour\":1}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("errors").get(0).get("field").asText()).isEqualTo("colour");
        assertThat(client.put(smart("rej") + "/config", "{\"max_power_kw\":10,\"strategy\":\"fastest\"}").status()).isEqualTo(400);
        assertThat(client.put(smart("rej") + "/config", "[1,2]").status()).isEqualTo(400);
        assertThat(client.put(smart("rej") + "/config", "{\"max_power_kw\":").status()).isEqualTo(400);
        assertThat(client.put(smart("rej") + "/config", "{\"strategy\":\"priority\",\"max_power_kw\":10}").status()).isEqualTo(422);

        assertThat(client.get(smart("rej") + "/config").json().get("max_power_kw").asDouble()).isEqualTo(100);
        assertThat(client.get("/api/v1/sites/rej/decisions").json().get("decisions")).hasSize(decisionsBefore);
    }

    @Test
    void equal_shares_water_fill_around_a_capped_one_phase_charger() {
        createSite(engine, "eq", 250, charger("E-001", 22), charger("E-002", 22), charger("E-003", 22), onePhase("E-004", 7.4, "L2"));
        client.put(smart("eq") + "/config", equal(50, 0));
        startSessions(engine, "eq", "E-003", "E-001", "E-004", "E-002");

        var allocation = client.get(smart("eq") + "/allocation");
        assertThat(allocation.status()).isEqualTo(200);
        var json = allocation.json();
        assertThat(json.get("strategy").asText()).isEqualTo("equal");
        assertThat(json.get("total_budget_kw").asDouble()).isEqualTo(50);
        assertThat(allocatedKw(json)).containsExactly(14.2, 14.2, 14.2, 7.4);
        assertThat(json.get("total_allocated_kw").asDouble()).isEqualTo(50);
        assertThat(json.get("calculated_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        var onePhase = json.get("allocations").get(3);
        assertThat(onePhase.get("charge_point_id").asText()).isEqualTo("E-004");
        assertThat(onePhase.get("status").asText()).isEqualTo("charging");
        assertThat(onePhase.get("phases_in_use").asInt()).isEqualTo(1);
        assertThat(onePhase.get("current_a").toString()).isEqualTo("{\"L2\":32.17}");
        assertThat(onePhase.get("cap_reason").asText()).isEqualTo("charger");
        assertThat(onePhase.get("measured_kw").isNull()).isTrue();
        assertThat(onePhase.get("queued_since").isNull()).isTrue();
        assertThat(onePhase.get("session_started_at").asText()).endsWith("Z");
        assertThat(json.get("allocations").get(0).get("current_a").fieldNames()).toIterable().containsExactly("L1", "L2", "L3");
        assertThat(json.get("circuits")).isEmpty();
    }

    @Test
    void allocations_are_rounded_down_to_hundredths_ordered_by_id_and_follow_every_decision() {
        createSite(engine, "rnd", 250, charger("R-10", 22), charger("R-2", 22), charger("R-1", 22));
        assertThat(client.put(smart("rnd") + "/config", equal(50, 0)).status()).isEqualTo(201);
        startSessions(engine, "rnd", "R-2", "R-10", "R-1");

        var json = client.get(smart("rnd") + "/allocation").json();
        assertThat(json.get("allocations")).extracting(a -> a.get("charge_point_id").asText())
                .containsExactly("R-1", "R-10", "R-2");
        // 50 / 3 = 16.666…: shown rounded down, and the total is the sum of what is shown, not the budget
        assertThat(allocatedKw(json)).containsExactly(16.66, 16.66, 16.66);
        assertThat(json.get("total_allocated_kw").asDouble()).isEqualTo(49.98);
        assertThat(json.get("total_budget_kw").asDouble()).isEqualTo(50);

        assertThat(client.delete(session("rnd", "R-10")).status()).isEqualTo(204);
        var afterStop = client.get(smart("rnd") + "/allocation").json();
        assertThat(afterStop.get("allocations")).extracting(a -> a.get("charge_point_id").asText()).containsExactly("R-1", "R-2");
        assertThat(allocatedKw(afterStop)).containsExactly(22.0, 22.0);
        assertThat(afterStop.get("total_allocated_kw").asDouble()).isEqualTo(44);

        engine.clock.advance(Duration.ofMinutes(3));
        var replaced = client.put(smart("rnd") + "/config", equal(33.333, 0));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("updated_at").asText()).isEqualTo(dev.dynamo.contract.Times.format(engine.clock.instant()));
        var afterConfig = client.get(smart("rnd") + "/allocation").json();
        assertThat(allocatedKw(afterConfig)).containsExactly(16.66, 16.66);
        assertThat(afterConfig.get("total_allocated_kw").asDouble()).isEqualTo(33.32);
        assertThat(afterConfig.get("calculated_at").asText()).isEqualTo(dev.dynamo.contract.Times.format(engine.clock.instant()));
    }

    @Test
    void priority_fills_in_rank_order_after_the_floors() {
        createSite(engine, "prio", 250, charger("P-001", 22), charger("P-002", 22), charger("P-003", 22));
        client.put(smart("prio") + "/config", "{\"max_power_kw\":50,\"strategy\":\"priority\","
                + "\"min_power_per_charger_kw\":4.2,\"priority_order\":[\"P-003\",\"P-001\"]}");
        startSessions(engine, "prio", "P-001", "P-002", "P-003");

        var json = client.get(smart("prio") + "/allocation").json();
        assertThat(json.get("strategy").asText()).isEqualTo("priority");
        assertThat(allocatedKw(json)).containsExactly(22.0, 6.0, 22.0);
    }

    @Test
    void a_vehicle_on_one_phase_of_a_three_phase_charger_is_capped_by_phases() {
        createSite(engine, "ph", 250, charger("F-001", 22));
        client.put(smart("ph") + "/config", equal(100, 0));
        assertThat(client.post(session("ph", "F-001"), "{\"phases_in_use\":1,\"ev_max_power_kw\":11}").status()).isEqualTo(201);

        var a = client.get(smart("ph") + "/allocation").json().get("allocations").get(0);
        assertThat(a.get("max_power_kw").asDouble()).isEqualTo(7.33);
        assertThat(a.get("cap_reason").asText()).isEqualTo("phases");
        assertThat(a.get("current_a").toString()).isEqualTo("{\"L1\":31.86}");
    }

    @Test
    void circuits_show_the_grid_first_and_bind_the_chargers_under_them() {
        var site = "{\"site_id\":\"circ\",\"timezone\":\"Europe/Amsterdam\",\"grid_connection_capacity_kw\":250,"
                + "\"grid_connection_current_a\":400,\"circuits\":["
                + "{\"circuit_id\":\"feeder-A\",\"parent_id\":null,\"max_current_a\":125},"
                + "{\"circuit_id\":\"row-1\",\"parent_id\":\"feeder-A\",\"max_current_a\":63}],"
                + "\"chargers\":[{\"charge_point_id\":\"C-001\",\"max_power_kw\":22,\"phases\":3,\"circuit_id\":\"row-1\"},"
                + "{\"charge_point_id\":\"C-002\",\"max_power_kw\":7.4,\"phases\":1,\"phase\":\"L2\",\"circuit_id\":\"row-1\"}]}";
        assertThat(client.put("/api/v1/sites/circ", site).status()).isEqualTo(201);
        client.put(smart("circ") + "/config", equal(150, 0));
        startSessions(engine, "circ", "C-001", "C-002");

        var json = client.get(smart("circ") + "/allocation").json();
        var circuits = json.get("circuits");
        assertThat(circuits).extracting(c -> c.get("circuit_id").asText()).containsExactly("grid", "feeder-A", "row-1");
        assertThat(circuits.get(0).get("max_current_a").asDouble()).isEqualTo(400);
        var row = circuits.get(2);
        assertThat(row.get("current_a").get("L2").asDouble()).isLessThanOrEqualTo(63);
        assertThat(row.get("current_a").get("L2").asDouble()).isCloseTo(63, within(0.05));
        // C-002 takes its 7.4 kW (32.17 A on L2); C-001 gets what L2 of row-1 leaves: 30.82 A on 3 phases
        assertThat(allocatedKw(json).get(0)).isCloseTo(21.27, within(0.011));
        assertThat(allocatedKw(json).get(1)).isEqualTo(7.4);
    }

    @Test
    void rebalance_recalculates_every_active_charger_and_is_recorded_as_manual() {
        createSite(engine, "reb", 250, charger("M-001", 22), charger("M-002", 22));
        client.put(smart("reb") + "/config", equal(30, 20));
        startSessions(engine, "reb", "M-001", "M-002");

        var response = client.post(smart("reb") + "/rebalance");
        assertThat(response.status()).isEqualTo(200);
        var json = response.json();
        assertThat(json.get("site_id").asText()).isEqualTo("reb");
        assertThat(json.get("chargers_recalculated").asInt()).isEqualTo(2);
        assertThat(json.get("applied_at").asText()).endsWith("Z");
        assertThat(json.get("allocations")).extracting(a -> a.get("status").asText()).containsExactly("charging", "queued");
        assertThat(json.get("allocations").get(1).get("queued_since").asText()).endsWith("Z");
        assertThat(client.post(smart("reb") + "/rebalance", "{}").status()).isEqualTo(200);
        Response withField = client.post(smart("reb") + "/rebalance", "{\"now\":true}");
        assertThat(withField.status()).isEqualTo(400);
        assertThat(withField.json().get("errors").get(0).get("field").asText()).isEqualTo("now");

        var decisions = client.get("/api/v1/sites/reb/decisions").json().get("decisions");
        assertThat(decisions).extracting(d -> d.get("trigger").asText())
                .containsExactly("manual", "manual", "session_start", "session_start", "config");
    }
}
