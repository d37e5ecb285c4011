package dev.dynamo.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.TestEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
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
        var port = freePort();
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.dynamo.cli.Main",
                "serve", "--port", String.valueOf(port), "--data-dir", data.toString(), "--sites", sites.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("engine.log").toFile()).start();
        try {
            var client = new HttpTestClient(URI.create("http://127.0.0.1:" + port));
            awaitHealthy(client, process);
            var site = "{\"timezone\":\"UTC\",\"grid_connection_capacity_kw\":100,\"chargers\":[{\"charge_point_id\":\"K-1\",\"max_power_kw\":22}]}";
            assertThat(client.put("/api/v1/sites/killed", site).status()).isEqualTo(201);
            assertThat(client.put("/api/v1/smart-charging/sites/killed/config", "{\"max_power_kw\":17,\"strategy\":\"equal\"}").status())
                    .isEqualTo(201);
            assertThat(client.post("/api/v1/sites/killed/chargers/K-1/session").status()).isEqualTo(201);
            process.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }

        try (var engine = new TestEngine(Instant.now(), data, sites, null)) {
            assertThat(engine.client.get("/api/v1/smart-charging/sites/killed/config").json().get("max_power_kw").asDouble())
                    .isEqualTo(17);
            var allocation = engine.client.get("/api/v1/smart-charging/sites/killed/allocation").json();
            assertThat(allocation.get("allocations").get(0).get("allocated_kw").asDouble()).isEqualTo(17);
        }
    }

    private static void awaitHealthy(HttpTestClient client, Process process) throws InterruptedException {
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("engine process exited early").isTrue();
            try {
                if (client.get("/health").status() == 200) return;
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("engine did not become healthy");
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
