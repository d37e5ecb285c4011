package dev.dynamo.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.testing.EngineProcess;
import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.TestEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
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

    /** Each charger's status and queued_since, as the allocation shows them. */
    private static Map<String, String> rotationState(HttpTestClient client) {
        var state = new TreeMap<String, String>();
        client.get("/api/v1/smart-charging/sites/turns/allocation").json().get("allocations").forEach(a ->
                state.put(a.get("charge_point_id").asText(), a.get("status").asText() + " " + a.get("queued_since").asText()));
        return state;
    }

    @Test
    void the_rotation_queue_its_queued_since_and_the_rotation_clock_survive_kill_9() throws Exception {
        var data = dir.resolve("data");
        var sites = TestEngine.sitesFile(dir, "{\"sites\":[]}");
        Map<String, String> before;
        try (var engine = EngineProcess.serve(Map.of(), dir.resolve("engine.log"),
                "--data-dir", data.toString(), "--sites", sites.toString())) {
            engine.awaitHealthy();
            var client = new HttpTestClient(engine.baseUri);
            var site = "{\"timezone\":\"UTC\",\"grid_connection_capacity_kw\":100,\"chargers\":["
                    + "{\"charge_point_id\":\"T-1\",\"max_power_kw\":22},{\"charge_point_id\":\"T-2\",\"max_power_kw\":22},"
                    + "{\"charge_point_id\":\"T-3\",\"max_power_kw\":22}]}";
            assertThat(client.put("/api/v1/sites/turns", site).status()).isEqualTo(201);
            // two 10 kW floors fit in 20 kW: the third vehicle queues and the rotation clock starts
            assertThat(client.put("/api/v1/smart-charging/sites/turns/config", """
                    {"max_power_kw":20,"strategy":"equal","min_power_per_charger_kw":10,"rotation_period_min":5}""")
                    .status()).isEqualTo(201);
            for (var cp : new String[] {"T-1", "T-2", "T-3"}) {
                assertThat(client.post("/api/v1/sites/turns/chargers/" + cp + "/session").status()).isEqualTo(201);
            }
            before = rotationState(client);
            engine.kill();
        }
        assertThat(before).containsEntry("T-1", "charging null").containsEntry("T-2", "charging null");
        var queuedSince = Instant.parse(before.get("T-3").substring("queued ".length()));

        try (var engine = new TestEngine(Instant.now(), data, sites, null)) {
            assertThat(rotationState(engine.client)).isEqualTo(before);
            // the next tick is one period after the clock started, when T-3 queued
            assertThat(engine.timers.next()).contains(queuedSince.plus(Duration.ofMinutes(5)));
        }
    }
}
