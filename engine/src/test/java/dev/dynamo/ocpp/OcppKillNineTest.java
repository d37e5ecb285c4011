package dev.dynamo.ocpp;

import static dev.dynamo.ocpp.OcppInteropTest.assertNoSchemaViolations;
import static dev.dynamo.ocpp.OcppInteropTest.boot;
import static dev.dynamo.ocpp.OcppInteropTest.events;
import static dev.dynamo.ocpp.OcppInteropTest.start;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynamo.testing.EngineProcess;
import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.TestEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract 8.1: a transaction id handed out in a .conf is never handed out again, also after kill -9. */
class OcppKillNineTest {
    @TempDir
    Path dir;

    private static final String SITES = """
            {"sites": [{"site_id": "depot", "name": "Depot", "timezone": "UTC", "grid_connection_capacity_kw": 100,
              "chargers": [{"charge_point_id": "CP-1", "max_power_kw": 22}, {"charge_point_id": "CP-3", "max_power_kw": 11}]}]}""";

    private static List<Integer> transactionIds(List<JsonNode> events) {
        return events(events, null, "result").filter(e -> e.get("action").asText().equals("StartTransaction"))
                .map(e -> e.at("/result/transactionId").asInt()).toList();
    }

    @Test
    void transaction_ids_are_never_handed_out_again_after_kill_9() throws Exception {
        var data = dir.resolve("data");
        var sites = TestEngine.sitesFile(dir, SITES);
        List<JsonNode> before;
        try (var engine = EngineProcess.serve(Map.of(), dir.resolve("engine-1.log"),
                "--data-dir", data.toString(), "--sites", sites.toString())) {
            engine.awaitHealthy();
            assertThat(new HttpTestClient(engine.baseUri).put("/api/v1/smart-charging/sites/depot/config",
                    "{\"max_power_kw\":30,\"strategy\":\"equal\"}").status()).isEqualTo(201);
            // an accepted start and a ConcurrentTx one: both ids count as used
            before = NodePlan.run("""
                    {"url": "ws://127.0.0.1:%d/ocpp", "steps": [{"connect": "CP-1"}, %s, %s, %s]}"""
                    .formatted(engine.port, boot("CP-1"), start("CP-1"), start("CP-1")));
            engine.kill();
        }
        assertNoSchemaViolations(before);
        assertThat(transactionIds(before)).containsExactly(1, 2);

        try (var engine = EngineProcess.serve(Map.of(), dir.resolve("engine-2.log"),
                "--data-dir", data.toString(), "--sites", sites.toString())) {
            engine.awaitHealthy();
            var after = NodePlan.run("""
                    {"url": "ws://127.0.0.1:%d/ocpp", "steps": [{"connect": "CP-3"}, {"connect": "CP-1"}, %s, %s,
                      {"cp": "CP-1", "call": "StopTransaction", "params": {"meterStop": 100,
                       "timestamp": "2026-11-24T10:05:00Z", "transactionId": 2}}]}"""
                    .formatted(engine.port, boot("CP-3"), start("CP-3")));
            assertNoSchemaViolations(after);
            var fresh = transactionIds(after);
            assertThat(fresh).hasSize(1);
            assertThat(fresh.getFirst()).isGreaterThan(2);
            // CP-1's session (transaction 1) went on through the kill; the stop for the ConcurrentTx id ended nothing
            var allocation = new HttpTestClient(engine.baseUri).get("/api/v1/sites/depot").json();
            var sessionOfCp1 = allocation.get("chargers").get(0).get("session");
            assertThat(sessionOfCp1.get("transaction_id").asInt()).isEqualTo(1);
        }
    }
}
