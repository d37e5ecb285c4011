package dev.dynamo.api;

import static dev.dynamo.api.ApiJson.charger;
import static dev.dynamo.api.ApiJson.equal;
import static dev.dynamo.api.ApiJson.smart;
import static dev.dynamo.api.ApiSteps.createSite;
import static dev.dynamo.api.ApiSteps.startSessions;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.TestEngine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST …/allocation/preview} (contract 11): the allocation a config would give, nothing stored or sent. */
class AllocationPreviewApiTest {
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

    private static Map<String, Double> allocatedKw(JsonNode allocation) {
        var values = new LinkedHashMap<String, Double>();
        allocation.get("allocations").forEach(a -> values.put(a.get("charge_point_id").asText(), a.get("allocated_kw").asDouble()));
        return values;
    }

    private static int decisions(String siteId) {
        return client.get("/api/v1/sites/" + siteId + "/decisions").json().get("decisions").size();
    }

    @Test
    void preview_answers_the_allocation_of_the_proposed_config_and_changes_nothing() {
        createSite(engine, "pv", 250, charger("CP-1", 22), charger("CP-2", 22), charger("CP-3", 22));
        assertThat(client.put(smart("pv") + "/config", equal(30, 0)).status()).isEqualTo(201);
        startSessions(engine, "pv", "CP-1", "CP-2", "CP-3");
        var configBefore = client.get(smart("pv") + "/config").json();
        var allocationBefore = client.get(smart("pv") + "/allocation").json();
        var decisionsBefore = decisions("pv");
        assertThat(allocatedKw(allocationBefore)).containsExactly(Map.entry("CP-1", 10.0), Map.entry("CP-2", 10.0),
                Map.entry("CP-3", 10.0));

        var preview = client.post(smart("pv") + "/allocation/preview",
                "{\"max_power_kw\":40,\"strategy\":\"priority\",\"priority_order\":[\"CP-3\",\"CP-1\"]}");

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.contentType()).startsWith("application/json");
        var json = preview.json();
        assertThat(json.get("site_id").asText()).isEqualTo("pv");
        assertThat(json.get("strategy").asText()).isEqualTo("priority");
        assertThat(json.get("total_budget_kw").asDouble()).isEqualTo(40);
        assertThat(json.get("total_allocated_kw").asDouble()).isEqualTo(40);
        // CP-3 first to its cap, then CP-1 takes the rest; CP-2 ranks last
        assertThat(allocatedKw(json)).containsExactly(Map.entry("CP-1", 18.0), Map.entry("CP-2", 0.0),
                Map.entry("CP-3", 22.0));
        assertThat(json.get("allocations").get(1).get("status").asText()).isEqualTo("queued");
        assertThat(json.get("calculated_at").asText()).isEqualTo(dev.dynamo.contract.Times.format(engine.clock.instant()));

        assertThat(client.get(smart("pv") + "/config").json()).isEqualTo(configBefore);
        assertThat(client.get(smart("pv") + "/allocation").json()).isEqualTo(allocationBefore);
        assertThat(decisions("pv")).isEqualTo(decisionsBefore);
    }

    @Test
    void a_site_without_config_previews_and_still_has_none() {
        createSite(engine, "bare-pv", 100, charger("B-1", 22), charger("B-2", 22));
        startSessions(engine, "bare-pv", "B-1", "B-2");

        var preview = client.post(smart("bare-pv") + "/allocation/preview", equal(30, 0));

        assertThat(preview.status()).isEqualTo(200);
        assertThat(allocatedKw(preview.json())).containsExactly(Map.entry("B-1", 15.0), Map.entry("B-2", 15.0));
        assertThat(client.get(smart("bare-pv") + "/config").status()).isEqualTo(404);
        assertThat(client.get(smart("bare-pv") + "/allocation").status()).isEqualTo(404);
        assertThat(decisions("bare-pv")).isZero();
    }

    @Test
    void a_site_without_sessions_previews_an_empty_allocation() {
        createSite(engine, "idle-pv", 100, charger("I-1", 22));
        var preview = client.post(smart("idle-pv") + "/allocation/preview", equal(50, 0));
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.json().get("allocations")).isEmpty();
        assertThat(preview.json().get("total_budget_kw").asDouble()).isEqualTo(50);
    }

    @Test
    void a_preview_is_validated_like_put_config() {
        createSite(engine, "bad-pv", 250, charger("X-1", 22));
        client.put(smart("bad-pv") + "/config", equal(100, 0));
        var decisionsBefore = decisions("bad-pv");

        var tooMuch = client.post(smart("bad-pv") + "/allocation/preview", "{\"max_power_kw\":300,\"strategy\":\"equal\"}");
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.contentType()).startsWith("application/problem+json");
        assertThat(tooMuch.json().get("errors").get(0).get("field").asText()).isEqualTo("max_power_kw");

        var unknownCharger = client.post(smart("bad-pv") + "/allocation/preview",
                "{\"max_power_kw\":50,\"strategy\":\"priority\",\"priority_order\":[\"NOPE\"]}");
        assertThat(unknownCharger.status()).isEqualTo(422);
        assertThat(unknownCharger.json().get("errors").get(0).get("field").asText()).startsWith("priority_order");

        var unknownField = client.post(smart("bad-pv") + "/allocation/preview",
                "{\"max_power_kw\":10,\"strategy\":\"equal\",\"colour\":1}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("errors").get(0).get("field").asText()).isEqualTo("colour");
        assertThat(client.post(smart("bad-pv") + "/allocation/preview", "{\"max_power_kw\":10,\"strategy\":\"fastest\"}")
                .status()).isEqualTo(400);
        assertThat(client.post(smart("bad-pv") + "/allocation/preview", "not json").status()).isEqualTo(400);
        assertThat(client.post(smart("bad-pv") + "/allocation/preview").status()).isIn(400, 422);

        assertThat(client.get(smart("bad-pv") + "/config").json().get("max_power_kw").asDouble()).isEqualTo(100);
        assertThat(decisions("bad-pv")).isEqualTo(decisionsBefore);
    }

    @Test
    void an_unknown_site_is_404_problem_json() {
        var response = client.post(smart("nowhere") + "/allocation/preview", equal(10, 0));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void a_preview_keeps_every_breaker_and_shows_the_circuits() {
        var body = "{\"site_id\":\"circ-pv\",\"name\":\"c\",\"timezone\":\"UTC\",\"grid_connection_capacity_kw\":200,"
                + "\"circuits\":[{\"circuit_id\":\"row-1\",\"parent_id\":null,\"max_current_a\":32}],"
                + "\"chargers\":[{\"charge_point_id\":\"C-1\",\"max_power_kw\":22,\"circuit_id\":\"row-1\"},"
                + "{\"charge_point_id\":\"C-2\",\"max_power_kw\":22,\"circuit_id\":\"row-1\"}]}";
        assertThat(client.put("/api/v1/sites/circ-pv", body).status()).isEqualTo(201);
        startSessions(engine, "circ-pv", "C-1", "C-2");

        var preview = client.post(smart("circ-pv") + "/allocation/preview", equal(200, 0)).json();

        var row = preview.get("circuits").get(0);
        assertThat(row.get("circuit_id").asText()).isEqualTo("row-1");
        assertThat(row.get("current_a").get("L1").asDouble()).isLessThanOrEqualTo(32);
        assertThat(preview.get("total_allocated_kw").asDouble()).isLessThan(2 * 22);
        assertThat(preview.get("allocations").get(0).get("current_a").get("L1").asDouble()).isLessThanOrEqualTo(16);
    }
}
