package dev.dynamo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.ManualClock;
import dev.dynamo.testing.ManualTimers;
import dev.dynamo.testing.TestEngine;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's baselines (serve --bench-endpoints): the trivial answer and a constant body of a chosen size. */
class BenchEndpointsPluginTest {
    @TempDir
    Path dir;

    @Test
    void padded_answers_exactly_the_bytes_asked_for_as_json_and_refuses_sizes_it_does_not_serve() throws Exception {
        var clock = new ManualClock(Instant.parse("2026-11-24T10:00:00Z"));
        var options = TestEngine.options(dir.resolve("data"), TestEngine.sitesFile(dir, "{\"sites\":[]}"), null, clock,
                new ManualTimers(clock)).withPlugin(new BenchEndpointsPlugin());
        try (var server = EngineServer.start(options)) {
            var client = new HttpTestClient(server.baseUri());
            assertThat(client.get("/bench/trivial").raw().body()).isEqualTo("{\"status\":\"ok\"}");

            for (int bytes : new int[] {14, 1499, 38_559, 38_559, 65_536, 14}) {
                var padded = client.get("/bench/padded?bytes=" + bytes);
                assertThat(padded.status()).isEqualTo(200);
                assertThat(padded.contentType().replace(" ", "")).isEqualTo("application/json;charset=utf-8");
                assertThat(padded.raw().body()).hasSize(bytes);
                assertThat(padded.header("Content-Length")).hasValue(String.valueOf(bytes));
                var padding = new ObjectMapper().readTree(padded.raw().body()).get("padding").asText();
                assertThat(padding).hasSize(bytes - 14).matches("x*");
            }

            for (var wrong : new String[] {"", "?bytes=13", "?bytes=abc", "?bytes=" + (BenchEndpointsPlugin.MAX_PADDED_BYTES + 1),
                    "?bytes=-5"}) {
                var refused = client.get("/bench/padded" + wrong);
                assertThat(refused.status()).as(wrong).isEqualTo(400);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("bytes");
            }
        }
    }
}
