package dev.dynamo.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.testing.EngineProcess;
import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.TestEngine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract 9 on disk: meters, their last reading and external limits acknowledged with 2xx survive SIGKILL. */
class GridKillNineTest {
    @TempDir
    Path dir;

    @Test
    void meters_readings_and_external_limits_survive_kill_9() throws Exception {
        var data = dir.resolve("data");
        var sites = TestEngine.sitesFile(dir, "{\"sites\":[]}");
        try (var engine = EngineProcess.serve(Map.of(), dir.resolve("engine.log"),
                "--data-dir", data.toString(), "--sites", sites.toString())) {
            engine.awaitHealthy();
            var client = new HttpTestClient(engine.baseUri);
            var site = """
                    {"timezone": "UTC", "grid_connection_capacity_kw": 100,
                     "chargers": [{"charge_point_id": "M-1", "max_power_kw": 22}],
                     "meters": [{"meter_id": "main", "node": "grid", "source": "api", "stale_after_s": 3600,
                                 "fallback_load_kw": 90, "buffer_kw": 2}]}""";
            assertThat(client.put("/api/v1/sites/metered", site).status()).isEqualTo(201);
            assertThat(client.put("/api/v1/smart-charging/sites/metered/config", "{\"max_power_kw\":80,\"strategy\":\"equal\"}")
                    .status()).isEqualTo(201);
            assertThat(client.put("/api/v1/sites/metered/limits/dso", "{\"max_power_kw\": 15, \"reason\": \"curtailment\"}")
                    .status()).isEqualTo(201);
            assertThat(client.put("/api/v1/sites/metered/limits/ems", "{\"max_power_kw\": 60}").status()).isEqualTo(201);
            assertThat(client.delete("/api/v1/sites/metered/limits/ems").status()).isEqualTo(204);
            assertThat(client.post("/api/v1/sites/metered/meters/main/readings", "{\"power_kw\": 40}").status()).isEqualTo(204);
            engine.kill();
        }

        try (var engine = new TestEngine(Instant.now(), data, sites, null)) {
            var limits = engine.client.get("/api/v1/sites/metered/limits").json().get("limits");
            assertThat(limits).hasSize(1);
            assertThat(limits.get(0).get("source").asText()).isEqualTo("dso");
            assertThat(limits.get(0).get("reason").asText()).isEqualTo("curtailment");
            var meters = engine.client.get("/api/v1/sites/metered").json().get("meters");
            assertThat(meters.get(0).get("buffer_kw").asDouble()).isEqualTo(2);
            var allocation = engine.client.get("/api/v1/smart-charging/sites/metered/allocation").json();
            var main = allocation.get("meters").get(0);
            assertThat(main.get("power_kw").asDouble()).isEqualTo(40);
            assertThat(main.get("stale").asBoolean()).isFalse();
            var budget = allocation.get("budget");
            assertThat(budget.get("grid_headroom_kw").asDouble()).isEqualTo(58);
            assertThat(budget.get("external_kw").asDouble()).isEqualTo(15);
            assertThat(budget.get("binding").asText()).isEqualTo("external:dso");
        }
    }
}
