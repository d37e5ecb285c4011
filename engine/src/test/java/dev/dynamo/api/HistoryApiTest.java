package dev.dynamo.api;

import static dev.dynamo.api.ApiJson.charger;
import static dev.dynamo.api.ApiJson.equal;
import static dev.dynamo.api.ApiJson.session;
import static dev.dynamo.api.ApiJson.site;
import static dev.dynamo.api.ApiJson.smart;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.TestEngine;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History buckets (2.4) and the decisions audit (7.4) on a controlled clock. */
class HistoryApiTest {
    private static final Instant MIDNIGHT = Instant.parse("2026-11-24T00:00:00Z");
    @TempDir
    static Path dir;
    static TestEngine engine;
    static HttpTestClient client;

    /** 00:00 config (100 kW), 00:00 CP-001 starts (22 kW), 00:05 CP-002 starts (44 kW), 00:12 CP-001 stops; now 00:14. */
    @BeforeAll
    static void start() {
        engine = new TestEngine(MIDNIGHT, dir.resolve("data"),
                TestEngine.sitesFile(dir, "{\"sites\":[" + site("hist", 250, charger("CP-001", 22), charger("CP-002", 22)) + "]}"), null);
        client = engine.client;
        client.put(smart("hist") + "/config", equal(100, 0));
        client.post(session("hist", "CP-001"));
        engine.advanceTo(MIDNIGHT.plusSeconds(300));
        client.post(session("hist", "CP-002"));
        engine.advanceTo(MIDNIGHT.plusSeconds(720));
        client.delete(session("hist", "CP-001"));
        engine.advanceTo(MIDNIGHT.plusSeconds(840));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void buckets_are_time_weighted_aligned_and_cut_at_now() {
        var response = client.get(smart("hist") + "/allocation/history?from=2026-11-24T00:00:00Z&to=2026-11-24T00:20:00Z&interval=5min");
        assertThat(response.status()).isEqualTo(200);
        var json = response.json();
        assertThat(json.get("site_id").asText()).isEqualTo("hist");
        assertThat(json.get("from").asText()).isEqualTo("2026-11-24T00:00:00.000Z");
        assertThat(json.get("to").asText()).isEqualTo("2026-11-24T00:20:00.000Z");
        assertThat(json.get("interval").asText()).isEqualTo("5min");
        var buckets = json.get("buckets");
        assertThat(buckets).hasSize(4);

        var first = buckets.get(0);
        assertThat(first.get("start").asText()).isEqualTo("2026-11-24T00:00:00.000Z");
        assertThat(first.get("end").asText()).isEqualTo("2026-11-24T00:05:00.000Z");
        assertThat(first.get("avg_budget_kw").asDouble()).isEqualTo(100);
        assertThat(first.get("avg_allocated_kw").asDouble()).isEqualTo(22);
        assertThat(first.get("max_allocated_kw").asDouble()).isEqualTo(22);
        assertThat(first.get("decisions").asInt()).isEqualTo(2);
        assertThat(first.get("chargers")).extracting(c -> c.get("charge_point_id").asText()).containsExactly("CP-001");

        var second = buckets.get(1);
        assertThat(second.get("avg_allocated_kw").asDouble()).isEqualTo(44);
        assertThat(second.get("decisions").asInt()).isEqualTo(1);
        assertThat(second.get("chargers")).extracting(c -> c.get("charge_point_id").asText()).containsExactly("CP-001", "CP-002");

        // 00:10-00:15 with now at 00:14: 2 min at 44 kW, 2 min at 22 kW
        var third = buckets.get(2);
        assertThat(third.get("avg_allocated_kw").asDouble()).isEqualTo(33);
        assertThat(third.get("max_allocated_kw").asDouble()).isEqualTo(44);
        assertThat(third.get("decisions").asInt()).isEqualTo(1);

        var future = buckets.get(3);
        assertThat(future.get("avg_allocated_kw").asDouble()).isZero();
        assertThat(future.get("avg_budget_kw").asDouble()).isZero();
        assertThat(future.get("chargers")).isEmpty();
    }

    @Test
    void history_parameters_default_and_bad_ones_are_400_naming_the_parameter() {
        var defaults = client.get(smart("hist") + "/allocation/history").json();
        assertThat(defaults.get("interval").asText()).isEqualTo("15min");
        assertThat(defaults.get("to").asText()).isEqualTo("2026-11-24T00:14:00.000Z");
        assertThat(defaults.get("from").asText()).isEqualTo("2026-11-23T00:14:00.000Z");

        var badInterval = client.get(smart("hist") + "/allocation/history?interval=2min");
        assertThat(badInterval.status()).isEqualTo(400);
        assertThat(badInterval.contentType()).startsWith("application/problem+json");
        assertThat(badInterval.json().get("errors").get(0).get("field").asText()).isEqualTo("interval");
        assertThat(client.get(smart("hist") + "/allocation/history?from=yesterday").status()).isEqualTo(400);
        assertThat(client.get(smart("hist") + "/allocation/history?from=2026-11-24T01:00:00Z&to=2026-11-24T00:00:00Z").status())
                .isEqualTo(400);
        assertThat(client.get(smart("hist") + "/allocation/history?from=2026-10-01&to=2026-11-01&interval=1min").status())
                .isEqualTo(400);
        assertThat(client.get(smart("nowhere") + "/allocation/history").status()).isEqualTo(404);
    }

    @Test
    void decisions_are_newest_first_with_their_triggers_and_every_active_charger() {
        var response = client.get("/api/v1/sites/hist/decisions");
        assertThat(response.status()).isEqualTo(200);
        var decisions = response.json().get("decisions");
        assertThat(decisions).extracting(d -> d.get("trigger").asText())
                .containsExactly("session_stop", "session_start", "session_start", "config");
        var latest = decisions.get(0);
        assertThat(latest.get("decided_at").asText()).isEqualTo("2026-11-24T00:12:00.000Z");
        assertThat(latest.get("strategy").asText()).isEqualTo("equal");
        assertThat(latest.get("total_budget_kw").asDouble()).isEqualTo(100);
        assertThat(latest.get("total_allocated_kw").asDouble()).isEqualTo(22);
        assertThat(latest.get("allocations").get(0).get("charge_point_id").asText()).isEqualTo("CP-002");
        assertThat(latest.get("allocations").get(0).get("status").asText()).isEqualTo("charging");

        var limited = client.get("/api/v1/sites/hist/decisions?limit=1&from=2026-11-24T00:00:00Z&to=2026-11-24T00:10:00Z");
        assertThat(limited.json().get("decisions")).extracting(d -> d.get("decided_at").asText())
                .containsExactly("2026-11-24T00:05:00.000Z");
        var badLimit = client.get("/api/v1/sites/hist/decisions?limit=0");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().get("errors").get(0).get("field").asText()).isEqualTo("limit");
        assertThat(client.get("/api/v1/sites/nowhere/decisions").status()).isEqualTo(404);
    }
}
