package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynamo.site.RateUnit;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine against an independent OCPP-J client (npm ocpp-rpc, strict mode: schema-checked both ways). */
class OcppInteropTest {
    private final TestEngine engine = new TestEngine(Duration.ofMinutes(5));

    @AfterEach
    void stop() {
        engine.close();
    }

    private static Stream<JsonNode> events(List<JsonNode> events, String cp, String kind) {
        return events.stream().filter(e -> e.path("event").asText().equals(kind) && (cp == null || e.path("cp").asText().equals(cp)));
    }

    private static void assertNoSchemaViolations(List<JsonNode> events) {
        assertThat(events).noneMatch(e -> Stream.of("violation", "badMessage", "failed", "unexpectedCall")
                .anyMatch(kind -> e.path("event").asText().equals(kind)));
        assertThat(events.getLast().path("event").asText()).isEqualTo("done");
    }

    @Test
    void upgrades_are_refused_for_unknown_ids_wrong_passwords_and_missing_subprotocol() throws Exception {
        engine.site("s1", 100, List.of(TestEngine.charger("CP-SECRET", 22, RateUnit.W, "s3cret-pass"),
                TestEngine.charger("CP-OPEN", 22, RateUnit.W, null)), 50);

        var events = NodePlan.run("""
                {"url": "%s", "steps": [
                  {"connect": "CP-NOBODY"},
                  {"connect": "CP-SECRET"},
                  {"connect": "CP-SECRET", "password": "wrong-pass"},
                  {"connect": "CP-OPEN", "protocols": ["ocpp2.0.1"]},
                  {"connect": "CP-SECRET", "password": "s3cret-pass"},
                  {"connect": "CP-OPEN"}
                ]}""".formatted(engine.url()));

        var outcomes = Stream.concat(events(events, null, "refused"), events(events, null, "connected"))
                .sorted(java.util.Comparator.comparingLong(e -> e.get("ms").asLong()))
                .map(e -> e.get("cp").asText() + " " + (e.has("status") ? e.get("status").asText() : e.get("protocol").asText()))
                .toList();
        assertThat(outcomes).containsExactly("CP-NOBODY 404", "CP-SECRET 401", "CP-SECRET 401", "CP-OPEN 400",
                "CP-SECRET ocpp1.6", "CP-OPEN ocpp1.6");
        assertNoSchemaViolations(events);
    }

    @Test
    void boot_heartbeat_status_authorize_and_data_transfer_are_answered() throws Exception {
        engine.site("s1", 100, List.of(TestEngine.charger("CP-1", 22, RateUnit.W, null)), 50);

        var events = NodePlan.run("""
                {"url": "%s", "steps": [
                  {"connect": "CP-1"},
                  {"cp": "CP-1", "call": "BootNotification", "params": {"chargePointVendor": "Acme", "chargePointModel": "Volt-22"}},
                  {"cp": "CP-1", "call": "Heartbeat"},
                  {"cp": "CP-1", "call": "StatusNotification", "params": {"connectorId": 1, "errorCode": "NoError", "status": "Available"}},
                  {"cp": "CP-1", "call": "Authorize", "params": {"idTag": "TAG-1"}},
                  {"cp": "CP-1", "call": "DataTransfer", "params": {"vendorId": "com.acme", "messageId": "hello"}},
                  {"checkpoint": "booted"}
                ]}""".formatted(engine.url()), _ -> assertThat(engine.sites.site("s1").orElseThrow().view().connected())
                .containsExactly("CP-1"));
        System.out.println(events);

        var results = events(events, "CP-1", "result").toList();
        assertThat(results).extracting(e -> e.get("action").asText())
                .containsExactly("BootNotification", "Heartbeat", "StatusNotification", "Authorize", "DataTransfer");
        assertThat(results.get(0).at("/result/status").asText()).isEqualTo("Accepted");
        assertThat(results.get(0).at("/result/interval").asInt()).isEqualTo(300);
        assertThat(results.get(3).at("/result/idTagInfo/status").asText()).isEqualTo("Accepted");
        assertThat(results.get(4).at("/result/status").asText()).isEqualTo("UnknownVendorId");
        assertNoSchemaViolations(events);
    }
}
