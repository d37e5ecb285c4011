package dev.dynamo.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.testing.EngineProcess;
import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.TestEngine;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real command line in its own JVM: what only a process shows (its environment, its flags). */
class EngineCommandLineTest {
    private static final String KEY = "key-from-the-environment-42";

    @TempDir
    Path dir;

    @Test
    void dynamo_api_key_in_the_environment_protects_the_api_like_api_key_and_bench_endpoints_mount_the_baseline() throws Exception {
        var sites = TestEngine.sitesFile(dir, "{\"sites\":[]}");
        try (var engine = EngineProcess.serve(Map.of("DYNAMO_API_KEY", KEY), dir.resolve("engine.log"),
                "--data-dir", dir.resolve("data").toString(), "--sites", sites.toString(), "--bench-endpoints")) {
            engine.awaitHealthy();
            var anonymous = new HttpTestClient(engine.baseUri);
            var withKey = new HttpTestClient(engine.baseUri, KEY);

            var refused = anonymous.get("/api/v1/sites");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).hasValue("Bearer");
            assertThat(new HttpTestClient(engine.baseUri, "another-key").get("/api/v1/sites").status()).isEqualTo(401);
            assertThat(withKey.get("/api/v1/sites").status()).isEqualTo(200);
            assertThat(anonymous.get("/health").raw().body()).isEqualTo("{\"status\":\"ok\"}");

            var trivial = anonymous.get("/bench/trivial");
            assertThat(trivial.status()).isEqualTo(200);
            assertThat(trivial.raw().body()).isEqualTo("{\"status\":\"ok\"}");
        }
    }

    @Test
    void serve_with_a_scenario_plays_it_on_the_engines_own_sites_from_now() throws Exception {
        var before = java.time.Instant.now().minusSeconds(1);
        try (var engine = EngineProcess.serve(Map.of(), dir.resolve("engine.log"), "--data-dir", dir.resolve("data").toString(),
                "--scenario", "demo-loop", "--loop", "--strategy", "equal", "--strategy", "priority")) {
            engine.awaitHealthy();
            var client = new HttpTestClient(engine.baseUri);
            var answer = client.get("/api/v1/sites").json();
            var siteIds = new java.util.ArrayList<String>();
            (answer.isArray() ? answer : answer.get("sites")).forEach(site -> siteIds.add(site.get("site_id").asText()));
            assertThat(siteIds).containsExactly("demo-depot-equal", "demo-depot-priority");
            // the vehicles there from the first instant plug in as soon as the playback starts
            var deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            var allocation = client.get("/api/v1/smart-charging/sites/demo-depot-priority/allocation").json();
            // until the playback has stored its config the site answers 404 (no allocation yet)
            while (!allocation.has("allocations") || allocation.get("allocations").size() < 5) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(50);
                allocation = client.get("/api/v1/smart-charging/sites/demo-depot-priority/allocation").json();
            }
            assertThat(java.time.Instant.parse(allocation.get("calculated_at").asText())).isAfter(before);
        }
    }
}
