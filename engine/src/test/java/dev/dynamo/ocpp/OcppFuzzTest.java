package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the OCPP endpoint ({@code src/test/node/fuzz.js}): mutated frames against a live engine.
 * Every CALL is answered, the connection stays open, and afterwards the engine is healthy and every HTTP
 * endpoint answers 2xx or 4xx. The default build sends a few hundred frames; the full run is
 * {@code ./mvnw -B -pl engine test -Dtest=OcppFuzzTest -Ddynamo.fuzz.frames=10000 -Ddynamo.fuzz.seed=13}.
 */
class OcppFuzzTest {
    static final int FRAMES = Integer.getInteger("dynamo.fuzz.frames", 300);
    static final int SEED = Integer.getInteger("dynamo.fuzz.seed", 13);

    static final String SITES = """
            {"sites": [{"site_id": "fuzz", "name": "Fuzz", "timezone": "UTC", "grid_connection_capacity_kw": 60,
              "chargers": [{"charge_point_id": "FZ-1", "max_power_kw": 22},
                           {"charge_point_id": "FZ-2", "max_power_kw": 22, "charging_rate_unit": "A"}]}]}""";

    @Test
    void mutated_frames_are_all_answered_the_connection_stays_open_and_the_engine_stays_healthy() throws Exception {
        try (var engine = new OcppEngine(Duration.ofMinutes(5), SITES)) {
            engine.putConfig("fuzz", "{\"max_power_kw\": 40, \"strategy\": \"equal\", \"min_power_per_charger_kw\": 6}");
            var process = new ProcessBuilder("node", "fuzz.js", engine.url(), "FZ-1", Integer.toString(FRAMES),
                    Integer.toString(SEED)).directory(NodePlan.nodeDir().toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
            var lines = output.strip().lines().toList();
            JsonNode summary = new ObjectMapper().readTree(lines.getLast());
            System.out.println("fuzz summary: " + summary);

            assertThat(summary.get("event").asText()).isEqualTo("fuzzed");
            assertThat(summary.get("sent").asInt()).isEqualTo(FRAMES + 1);
            assertThat(summary.get("calls").asInt()).isGreaterThan(FRAMES / 2);
            assertThat(summary.get("unanswered").asInt()).isZero();
            assertThat(summary.get("stillOpen").asBoolean()).isTrue();

            for (var path : List.of("/health", "/api/v1/sites", "/api/v1/sites/fuzz",
                    "/api/v1/smart-charging/sites/fuzz/config", "/api/v1/smart-charging/sites/fuzz/allocation",
                    "/api/v1/smart-charging/sites/fuzz/allocation/history", "/api/v1/sites/fuzz/decisions")) {
                assertThat(engine.status("GET", path)).as(path).isBetween(200, 299);
            }
            assertThat(engine.status("POST", "/api/v1/smart-charging/sites/fuzz/rebalance")).isEqualTo(200);
            assertThat(engine.status("POST", "/api/v1/sites/fuzz/chargers/FZ-2/session")).isIn(201, 409);
            assertThat(engine.status("DELETE", "/api/v1/sites/fuzz/chargers/FZ-2/session")).isIn(204, 404);
            assertThat(engine.status("POST", "/api/v1/sites/fuzz/chargers/FZ-1/session")).isBetween(200, 499);
        }
    }
}
