package dev.dynamo.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.HttpTestClient.Response;
import dev.dynamo.testing.TestEngine;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Contract section 9 over HTTP: meters in the site, readings, a charger's meter, external limits, responses. */
class GridApiTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path dir;
    TestEngine engine;
    HttpTestClient client;

    static final String SITE = """
            {"timezone": "UTC", "grid_connection_capacity_kw": 100,
             "circuits": [{"circuit_id": "row", "parent_id": null, "max_current_a": 63}],
             "chargers": [{"charge_point_id": "G-1", "max_power_kw": 22, "circuit_id": "row"},
                          {"charge_point_id": "G-2", "max_power_kw": 22}],
             "meters": [
               {"meter_id": "main", "node": "grid", "source": "api", "stale_after_s": 60, "fallback_load_kw": 50},
               {"meter_id": "row-meter", "node": "row", "source": "modbus", "fallback_load_kw": 5,
                "modbus": {"host": "10.0.0.8", "map": {"power_w": {"address": 10, "type": "float32"},
                           "current_a": {"L1": {"address": 12, "type": "int16", "scale": 0.1, "function": "input"}}}}}]}""";

    @BeforeEach
    void start() {
        engine = new TestEngine(T0, dir.resolve("data"), TestEngine.sitesFile(dir, "{\"sites\":[]}"), null);
        client = engine.client;
        assertThat(client.put("/api/v1/sites/g", SITE).status()).isEqualTo(201);
        assertThat(client.put("/api/v1/smart-charging/sites/g/config", "{\"max_power_kw\": 80, \"strategy\": \"equal\"}").status())
                .isEqualTo(201);
        assertThat(client.post("/api/v1/sites/g/chargers/G-1/session").status()).isEqualTo(201);
        assertThat(client.post("/api/v1/sites/g/chargers/G-2/session").status()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private JsonNode allocation() {
        return client.get("/api/v1/smart-charging/sites/g/allocation").json();
    }

    private void problem(Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(response.json().get("errors").findValuesAsText("field")).as(response.toString()).contains(field);
        }
    }

    @Test
    void meters_are_returned_as_given_with_their_defaults() {
        var meters = client.get("/api/v1/sites/g").json().get("meters");
        assertThat(meters).hasSize(2);
        var main = meters.get(0);
        assertThat(main.get("buffer_kw").asDouble()).isZero();
        assertThat(main.get("modbus").isNull()).isTrue();
        var modbus = meters.get(1).get("modbus");
        assertThat(modbus.get("port").asInt()).isEqualTo(502);
        assertThat(modbus.get("unit_id").asInt()).isEqualTo(1);
        assertThat(modbus.get("poll_interval_ms").asInt()).isEqualTo(1000);
        assertThat(meters.get(1).get("stale_after_s").asInt()).isEqualTo(60);
        var l1 = modbus.get("map").get("current_a").get("L1");
        assertThat(l1.get("function").asText()).isEqualTo("input");
        assertThat(l1.get("word_order").asText()).isEqualTo("big");
        assertThat(l1.get("scale").asDouble()).isEqualTo(0.1);
        assertThat(modbus.get("map").get("power_w").get("function").asText()).isEqualTo("holding");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"node\": \"grid\"|\"node\": \"nowhere\"|meters[0].node",
            "\"meter_id\": \"row-meter\", \"node\": \"row\"|\"meter_id\": \"row-meter\", \"node\": \"grid\"|meters[1].node",
            "\"meter_id\": \"row-meter\"|\"meter_id\": \"main\"|meters[1].meter_id",
            "\"fallback_load_kw\": 50|\"buffer_kw\": 1|meters[0].fallback_load_kw",
            "\"source\": \"api\"|\"source\": \"mqtt\"|meters[0].source",
            "\"stale_after_s\": 60|\"stale_after_s\": 0|meters[0].stale_after_s",
            "\"type\": \"float32\"|\"type\": \"float64\"|meters[1].modbus.map.power_w.type",
            "\"address\": 10|\"address\": 70000|meters[1].modbus.map.power_w.address",
            "\"host\": \"10.0.0.8\", |\"port\": 502, |meters[1].modbus.host",
            "\"map\": {\"power_w\"|\"map\": \"modbus-rtu\", \"x\": {\"power_w\"|meters[1].modbus.map",
    })
    void a_bad_meter_is_a_422_naming_it(String from, String to, String field) {
        assertThat(SITE).contains(from);
        var response = client.put("/api/v1/sites/g", SITE.replace(from, to));
        assertThat(response.status()).as(response.toString()).isIn(400, 422);
        problem(response, response.status(), field);
        assertThat(client.get("/api/v1/sites/g").json().get("meters")).hasSize(2); // nothing changed
    }

    @Test
    void a_reading_lowers_the_budget_and_the_allocation_shows_budget_and_meters() {
        var before = allocation();
        assertThat(before.get("budget").get("binding").asText()).isEqualTo("meter_fallback");
        assertThat(before.get("total_budget_kw").asDouble()).isEqualTo(50);
        assertThat(before.get("meters").get(0).get("stale").asBoolean()).isTrue();
        assertThat(before.get("meters").get(0).get("power_kw").isNull()).isTrue();

        var response = client.post("/api/v1/sites/g/meters/main/readings",
                "{\"power_kw\": 70, \"current_a\": {\"L1\": 101.5, \"L2\": 100, \"L3\": 99}}");
        assertThat(response.status()).as(response.toString()).isEqualTo(204);
        var after = allocation();
        var budget = after.get("budget");
        assertThat(budget.get("config_kw").asDouble()).isEqualTo(80);
        assertThat(budget.get("grid_headroom_kw").asDouble()).isEqualTo(30);
        assertThat(budget.get("external_kw").isNull()).isTrue();
        assertThat(budget.get("binding").asText()).isEqualTo("grid_meter");
        assertThat(after.get("total_budget_kw").asDouble()).isEqualTo(30);
        assertThat(after.get("total_allocated_kw").asDouble()).isLessThanOrEqualTo(30);
        var main = after.get("meters").get(0);
        assertThat(main.get("meter_id").asText()).isEqualTo("main");
        assertThat(main.get("node").asText()).isEqualTo("grid");
        assertThat(main.get("power_kw").asDouble()).isEqualTo(70);
        assertThat(main.get("other_load_kw").asDouble()).isEqualTo(70);
        assertThat(main.get("current_a").get("L1").asDouble()).isEqualTo(101.5);
        assertThat(main.get("measured_at").asText()).isEqualTo("2026-11-24T10:00:00.000Z");
        assertThat(main.get("stale").asBoolean()).isFalse();

        var decisions = client.get("/api/v1/sites/g/decisions?limit=1").json().get("decisions");
        assertThat(decisions.get(0).get("trigger").asText()).isEqualTo("meter");
        assertThat(decisions.get(0).get("budget").get("binding").asText()).isEqualTo("grid_meter");
        assertThat(decisions.get(0).get("budget").get("grid_headroom_kw").asDouble()).isEqualTo(30);
    }

    @Test
    void history_averages_the_other_load_time_weighted_with_the_fallback_once_stale() {
        assertThat(client.post("/api/v1/sites/g/meters/main/readings", "{\"power_kw\": 70}").status()).isEqualTo(204);
        engine.advanceTo(T0.plusSeconds(600));
        var buckets = client.get("/api/v1/smart-charging/sites/g/allocation/history?from=2026-11-24T09:55:00Z"
                + "&to=2026-11-24T10:15:00Z&interval=5min").json().get("buckets");
        assertThat(buckets.get(0).get("avg_other_load_kw").isNull()).isTrue(); // before the first reading
        // 70 kW while fresh (60 s, the 60th included), then the 50 kW fallback
        assertThat(buckets.get(1).get("avg_other_load_kw").asDouble()).isEqualTo(54);
        assertThat(buckets.get(2).get("avg_other_load_kw").asDouble()).isEqualTo(50);
        assertThat(buckets.get(3).get("avg_other_load_kw").isNull()).isTrue(); // in the future

        var noMeter = "{\"grid_connection_capacity_kw\": 50, \"chargers\": [{\"charge_point_id\": \"P-1\", \"max_power_kw\": 11}]}";
        assertThat(client.put("/api/v1/sites/plain", noMeter).status()).isEqualTo(201);
        assertThat(client.put("/api/v1/smart-charging/sites/plain/config", "{\"max_power_kw\": 40, \"strategy\": \"equal\"}")
                .status()).isEqualTo(201);
        var plain = client.get("/api/v1/smart-charging/sites/plain/allocation/history?interval=1hour").json();
        assertThat(plain.get("buckets").get(0).get("avg_other_load_kw").isNull()).isTrue();
    }

    @Test
    void readings_are_checked() {
        problem(client.post("/api/v1/sites/g/meters/nope/readings", "{\"power_kw\": 1}"), 404, null);
        problem(client.post("/api/v1/sites/nope/meters/main/readings", "{\"power_kw\": 1}"), 404, null);
        problem(client.post("/api/v1/sites/g/meters/row-meter/readings", "{\"power_kw\": 1}"), 409, null);
        problem(client.post("/api/v1/sites/g/meters/main/readings", "{}"), 422, "power_kw");
        problem(client.post("/api/v1/sites/g/meters/main/readings", "{\"power_kw\": \"lots\"}"), 400, "power_kw");
        problem(client.post("/api/v1/sites/g/meters/main/readings", "{\"power_kw\": 1, \"volts\": 230}"), 400, "volts");
        problem(client.post("/api/v1/sites/g/meters/main/readings", "{\"power_kw\": 1001}"), 422, "power_kw");
        problem(client.post("/api/v1/sites/g/meters/main/readings", "{\"power_kw\": 1, \"current_a\": {\"L4\": 1}}"), 400,
                "current_a.L4");
        problem(client.post("/api/v1/sites/g/meters/main/readings", "{\"power_kw\": 1, \"measured_at\": \"yesterday\"}"), 400,
                "measured_at");
        assertThat(client.post("/api/v1/sites/g/meters/main/readings", "{\"power_kw\": -20}").status()).isEqualTo(204);
        // older than the latest: accepted, ignored
        assertThat(client.post("/api/v1/sites/g/meters/main/readings",
                "{\"power_kw\": 99, \"measured_at\": \"2026-11-24T09:59:00Z\"}").status()).isEqualTo(204);
        assertThat(allocation().get("meters").get(0).get("power_kw").asDouble()).isEqualTo(-20);
    }

    @Test
    void a_charger_reports_its_meter_through_the_api() {
        var response = client.post("/api/v1/sites/g/chargers/G-2/meter", "{\"power_kw\": 10.5, \"energy_kwh\": 1234.5}");
        assertThat(response.status()).as(response.toString()).isEqualTo(204);
        var g2 = allocation().get("allocations").get(1);
        assertThat(g2.get("measured_kw").asDouble()).isEqualTo(10.5);
        // the grid meter no longer counts its draw as other load
        client.post("/api/v1/sites/g/meters/main/readings", "{\"power_kw\": 40}");
        assertThat(allocation().get("meters").get(0).get("other_load_kw").asDouble()).isEqualTo(29.5);

        problem(client.post("/api/v1/sites/g/chargers/G-2/meter", "{}"), 422, "power_kw");
        problem(client.post("/api/v1/sites/g/chargers/G-2/meter", "{\"power_kw\": 100}"), 422, "power_kw");
        problem(client.post("/api/v1/sites/g/chargers/G-9/meter", "{\"power_kw\": 1}"), 404, null);
        assertThat(client.delete("/api/v1/sites/g/chargers/G-2/session").status()).isEqualTo(204);
        problem(client.post("/api/v1/sites/g/chargers/G-2/meter", "{\"power_kw\": 1}"), 404, null);
    }

    @Test
    void external_limits_are_set_listed_replaced_and_lifted() {
        var created = client.put("/api/v1/sites/g/limits/dso",
                "{\"max_power_kw\": 20, \"valid_until\": \"2026-11-24T11:00:00Z\", \"reason\": \"DSO curtailment\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(client.put("/api/v1/sites/g/limits/dso", "{\"max_power_kw\": 25}").status()).isEqualTo(200);
        var limits = client.get("/api/v1/sites/g/limits").json().get("limits");
        assertThat(limits).hasSize(1);
        assertThat(limits.get(0).get("source").asText()).isEqualTo("dso");
        assertThat(limits.get(0).get("max_power_kw").asDouble()).isEqualTo(25);
        assertThat(limits.get(0).get("valid_until").isNull()).isTrue();
        assertThat(limits.get(0).get("reason").isNull()).isTrue();
        assertThat(limits.get(0).get("updated_at").asText()).isEqualTo("2026-11-24T10:00:00.000Z");
        var budget = allocation().get("budget");
        assertThat(budget.get("external_kw").asDouble()).isEqualTo(25);
        assertThat(budget.get("binding").asText()).isEqualTo("external:dso");
        assertThat(client.get("/api/v1/sites/g/decisions?limit=1").json().get("decisions").get(0).get("trigger").asText())
                .isEqualTo("external");

        assertThat(client.delete("/api/v1/sites/g/limits/dso").status()).isEqualTo(204);
        problem(client.delete("/api/v1/sites/g/limits/dso"), 404, null);
        assertThat(client.get("/api/v1/sites/g/limits").json().get("limits")).isEmpty();
    }

    @Test
    void a_bad_limit_is_refused_and_changes_nothing() {
        problem(client.put("/api/v1/sites/g/limits/dso", "{\"reason\": \"x\"}"), 422, "max_power_kw");
        problem(client.put("/api/v1/sites/g/limits/dso", "{\"max_power_kw\": 10, \"valid_until\": \"2026-11-24T09:00:00Z\"}"),
                422, "valid_until");
        problem(client.put("/api/v1/sites/g/limits/dso", "{\"max_power_kw\": 10, \"reason\": \"" + "x".repeat(201) + "\"}"),
                422, "reason");
        problem(client.put("/api/v1/sites/g/limits/dso", "{\"max_power_kw\": -1}"), 422, "max_power_kw");
        problem(client.put("/api/v1/sites/g/limits/dso", "{\"max_power_kw\": \"low\"}"), 400, "max_power_kw");
        problem(client.put("/api/v1/sites/g/limits/dso", "{\"max_power_kw\": 10, \"until\": 1}"), 400, "until");
        problem(client.put("/api/v1/sites/nope/limits/dso", "{\"max_power_kw\": 10}"), 404, null);
        assertThat(client.get("/api/v1/sites/g/limits").json().get("limits")).isEmpty();
        assertThat(allocation().get("budget").get("external_kw").isNull()).isTrue();
    }
}
