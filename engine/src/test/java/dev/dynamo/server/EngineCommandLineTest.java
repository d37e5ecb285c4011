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
}
