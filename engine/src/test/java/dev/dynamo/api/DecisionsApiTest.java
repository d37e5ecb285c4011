package dev.dynamo.api;

import static dev.dynamo.api.ApiJson.charger;
import static dev.dynamo.api.ApiJson.session;
import static dev.dynamo.api.ApiJson.site;
import static dev.dynamo.api.ApiJson.smart;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynamo.testing.TestEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GET /api/v1/sites/{id}/decisions (contract 7.4): every trigger, the order, the window and the limit. */
class DecisionsApiTest {
    // 09:00 UTC is 10:00 in Amsterdam
    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

    @TempDir
    Path dir;

    private TestEngine engine() {
        return new TestEngine(T0, dir.resolve("data"), TestEngine.sitesFile(dir, "{\"sites\":[]}"), null);
    }

    private static JsonNode decisions(TestEngine engine, String query) {
        var response = engine.client.get("/api/v1/sites/yard/decisions" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("decisions");
    }

    private static void advance(TestEngine engine, Duration by) {
        engine.advanceTo(engine.clock.instant().plus(by));
    }

    @Test
    void every_trigger_is_recorded_newest_first_with_queued_chargers_and_the_configs_strategy() {
        try (var engine = engine()) {
            var client = engine.client;
            client.put("/api/v1/sites/yard", site("yard", 100, charger("Y-001", 22), charger("Y-002", 22)));
            client.put(smart("yard") + "/config", """
                    {"max_power_kw": 30, "strategy": "equal", "min_power_per_charger_kw": 20, "rotation_period_min": 15}""");
            // two starts at the same instant: the later made comes first
            client.post(session("yard", "Y-001"));
            client.post(session("yard", "Y-002"));
            advance(engine, Duration.ofMinutes(15));                                // rotation
            client.post(smart("yard") + "/rebalance");                             // manual
            client.put("/api/v1/sites/yard", site("yard", 100, charger("Y-001", 22), charger("Y-002", 22))); // site
            var handle = engine.server.sites().site("yard").orElseThrow();
            handle.connected("Y-001");                                              // connect
            handle.disconnected("Y-001");                                           // disconnect
            handle.connected("Y-001");                                              // connect
            handle.meterValue("Y-001", 6, 1);
            advance(engine, Duration.ofSeconds(61));
            handle.meterValue("Y-001", 6, 1);                                       // measured: one phase
            client.put(smart("yard") + "/config", """
                    {"max_power_kw": 30, "strategy": "scheduled",
                     "schedule": [{"start": "10:30", "end": "12:00", "max_power_kw": 11}]}""");
            engine.advanceTo(Instant.parse("2026-11-24T09:30:00Z"));                // schedule
            client.delete(session("yard", "Y-002"));                                // session_stop

            var all = decisions(engine, "");
            assertThat(all).extracting(d -> d.get("trigger").asText()).containsExactly("session_stop", "schedule", "config",
                    "measured", "connect", "disconnect", "connect", "site", "manual", "rotation",
                    "session_start", "session_start", "config");
            assertThat(all.get(1).get("strategy").asText()).isEqualTo("scheduled");
            assertThat(all.get(1).get("total_budget_kw").asDouble()).isEqualTo(11);
            assertThat(all.get(1).get("decided_at").asText()).isEqualTo("2026-11-24T09:30:00.000Z");
            var laterStart = all.get(10);
            var earlierStart = all.get(11);
            assertThat(laterStart.get("decided_at")).isEqualTo(earlierStart.get("decided_at"));
            assertThat(laterStart.get("allocations")).hasSize(2);
            assertThat(earlierStart.get("allocations")).hasSize(1);
            // a queued charger is in the decision with status queued
            assertThat(laterStart.get("allocations")).extracting(a -> a.get("charge_point_id").asText() + " " + a.get("status").asText())
                    .containsExactly("Y-001 charging", "Y-002 queued");
            assertThat(all.get(9).get("allocations")).extracting(a -> a.get("status").asText())
                    .containsExactly("queued", "charging");
            assertThat(all.get(12).get("allocations")).isEmpty();
        }
    }

    @Test
    void the_window_defaults_to_the_last_24_hours_is_half_open_and_the_limit_keeps_the_newest() {
        try (var engine = engine()) {
            var client = engine.client;
            client.put("/api/v1/sites/yard", site("yard", 100, charger("Y-001", 22)));
            client.put(smart("yard") + "/config", "{\"max_power_kw\": 30, \"strategy\": \"equal\"}"); // 09:00
            advance(engine, Duration.ofMinutes(10));
            client.post(session("yard", "Y-001"));                                                   // 09:10
            advance(engine, Duration.ofHours(24).minusMinutes(1));
            client.post(smart("yard") + "/rebalance");                                              // next day 09:09

            // the last 24 hours, up to and including the request's own millisecond
            assertThat(decisions(engine, "")).extracting(d -> d.get("decided_at").asText())
                    .containsExactly("2026-11-25T09:09:00.000Z", "2026-11-24T09:10:00.000Z");
            assertThat(decisions(engine, "?from=2026-11-24")).hasSize(3);
            assertThat(decisions(engine, "?from=2026-11-24T09:00:00Z&to=2026-11-24T09:10:00Z"))
                    .extracting(d -> d.get("trigger").asText()).containsExactly("config");
            assertThat(decisions(engine, "?from=2026-11-24&limit=2")).extracting(d -> d.get("trigger").asText())
                    .containsExactly("manual", "session_start");
            assertThat(decisions(engine, "?from=2026-11-24&limit=10000")).hasSize(3);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=10001", "limit=ten", "limit=1.5", "from=yesterday", "to=2026-13-01",
            "from=2026-11-24T10:00:00Z&to=2026-11-24T09:00:00Z"})
    void bad_parameters_are_400_problem_json_naming_the_parameter(String query) {
        try (var engine = engine()) {
            engine.client.put("/api/v1/sites/yard", site("yard", 100, charger("Y-001", 22)));
            var response = engine.client.get("/api/v1/sites/yard/decisions?" + query);
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("errors").get(0).get("field").asText()).isIn("from", "to", "limit");
            assertThat(query).contains(response.json().get("errors").get(0).get("field").asText());
            assertThat(engine.client.get("/api/v1/sites/elsewhere/decisions").status()).isEqualTo(404);
        }
    }
}
