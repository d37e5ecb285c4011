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

/** What a 2xx acknowledged is on disk: an engine process killed with SIGKILL loses none of it. */
class KillNineTest {
    @TempDir
    Path dir;

    @Test
    void sites_configs_and_sessions_acknowledged_with_2xx_survive_kill_9() throws Exception {
        var data = dir.resolve("data");
        var sites = TestEngine.sitesFile(dir, "{\"sites\":[]}");
        try (var engine = EngineProcess.serve(Map.of(), dir.resolve("engine.log"),
                "--data-dir", data.toString(), "--sites", sites.toString())) {
            engine.awaitHealthy();
            var client = new HttpTestClient(engine.baseUri);
            var site = "{\"timezone\":\"UTC\",\"grid_connection_capacity_kw\":100,\"chargers\":[{\"charge_point_id\":\"K-1\",\"max_power_kw\":22}]}";
            assertThat(client.put("/api/v1/sites/killed", site).status()).isEqualTo(201);
            assertThat(client.put("/api/v1/smart-charging/sites/killed/config", "{\"max_power_kw\":17,\"strategy\":\"equal\"}").status())
                    .isEqualTo(201);
            assertThat(client.post("/api/v1/sites/killed/chargers/K-1/session").status()).isEqualTo(201);
            engine.kill();
        }

        try (var engine = new TestEngine(Instant.now(), data, sites, null)) {
            assertThat(engine.client.get("/api/v1/smart-charging/sites/killed/config").json().get("max_power_kw").asDouble())
                    .isEqualTo(17);
            var allocation = engine.client.get("/api/v1/smart-charging/sites/killed/allocation").json();
            assertThat(allocation.get("allocations").get(0).get("allocated_kw").asDouble()).isEqualTo(17);
        }
    }
}
