package dev.dynamo.ocpp;

import static dev.dynamo.ocpp.OcppInteropTest.allocationOf;
import static dev.dynamo.ocpp.OcppInteropTest.assertNoSchemaViolations;
import static dev.dynamo.ocpp.OcppInteropTest.boot;
import static dev.dynamo.ocpp.OcppInteropTest.limit;
import static dev.dynamo.ocpp.OcppInteropTest.start;
import static dev.dynamo.ocpp.OcppInteropTest.txProfiles;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Phases in use learned from MeterValues {@code Current.Import} (contract 7.1) and limits in amperes with
 * {@code numberPhases} (section 8), against ocpp-rpc in strict mode; the engine runs on a manual clock so
 * that "a minute of one-phase readings" takes no time.
 */
class OcppPhasesInteropTest {
    static final String SITES = """
            {"sites": [{"site_id": "yard", "name": "Yard", "timezone": "UTC", "grid_connection_capacity_kw": 100,
              "chargers": [
                {"charge_point_id": "PA-1", "max_power_kw": 22, "charging_rate_unit": "A"},
                {"charge_point_id": "PW-1", "max_power_kw": 22}
              ]}]}""";

    static String meterValues(double l1, double l2, double l3) {
        return """
                {"cp": "PA-1", "call": "MeterValues", "params": {"connectorId": 1, "transactionId": 1, "meterValue": [
                  {"timestamp": "2026-11-24T10:01:00Z", "sampledValue": [
                    {"value": "%s", "measurand": "Current.Import", "unit": "A", "phase": "L1"},
                    {"value": "%s", "measurand": "Current.Import", "unit": "A", "phase": "L2"},
                    {"value": "%s", "measurand": "Current.Import", "unit": "A", "phase": "L3"}]}]}}"""
                .formatted(l1, l2, l3);
    }

    @Test
    void a_vehicle_on_one_phase_for_a_minute_gets_a_per_phase_limit_on_one_phase_and_three_again_when_it_draws_on_more()
            throws Exception {
        var clock = new ManualClock(Instant.parse("2026-11-24T10:00:00Z"));
        try (var engine = new OcppEngine(Duration.ofMinutes(5), SITES, o -> o.withClock(clock))) {
            engine.putConfig("yard", """
                    {"max_power_kw": 30, "strategy": "equal"}""");
            var checked = new HashMap<String, JsonNode>();
            var marks = new HashMap<String, Long>();

            var events = NodePlan.run("""
                    {"url": "%s", "steps": [
                      {"connect": "PA-1"}, {"connect": "PW-1"}, %s, %s,
                      %s, {"cp": "PA-1", "waitProfiles": 2}, %s, {"cp": "PA-1", "waitProfiles": 3}, {"wait": 500},
                      %s,
                      {"checkpoint": "a-minute-later"},
                      %s, {"cp": "PA-1", "waitProfiles": 4}, {"wait": 1000},
                      {"checkpoint": "one-phase"},
                      %s, {"cp": "PA-1", "waitProfiles": 5}, {"wait": 1000},
                      {"checkpoint": "three-phases"}
                    ]}""".formatted(engine.url(), boot("PA-1"), boot("PW-1"), start("PA-1"), start("PW-1"),
                    meterValues(16, 0.3, 0), meterValues(16, 0.2, 0.4), meterValues(10, 10, 10)),
                    name -> {
                        try {
                            var allocation = engine.allocation("yard");
                            checked.put(name, allocation);
                            if (name.equals("a-minute-later")) clock.advance(Duration.ofSeconds(61));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
            events.stream().filter(e -> e.path("event").asText().equals("checkpoint"))
                    .forEach(e -> marks.put(e.get("name").asText(), e.get("ms").asLong()));
            assertNoSchemaViolations(events);

            // one reading on one phase is not enough
            var before = allocationOf(checked.get("a-minute-later"), "PA-1");
            assertThat(before.get("phases_in_use").asInt()).isEqualTo(3);
            assertThat(before.get("allocated_kw").asDouble()).isEqualTo(15);

            // a minute later, still one phase: 22 / 3 kW on L1, sent in amperes on one phase
            var one = checked.get("one-phase");
            assertThat(allocationOf(one, "PA-1").get("phases_in_use").asInt()).isEqualTo(1);
            assertThat(allocationOf(one, "PA-1").get("cap_reason").asText()).isEqualTo("phases");
            assertThat(allocationOf(one, "PA-1").get("allocated_kw").asDouble()).isEqualTo(7.33);
            assertThat(allocationOf(one, "PA-1").get("current_a").toString()).isEqualTo("{\"L1\":31.86}");
            assertThat(allocationOf(one, "PW-1").get("allocated_kw").asDouble()).isEqualTo(22);
            var oneProfile = lastTxProfileBefore(events, "PA-1", marks.get("one-phase"));
            assertThat(oneProfile.at("/params/csChargingProfiles/chargingSchedule/chargingRateUnit").asText()).isEqualTo("A");
            assertThat(oneProfile.at("/params/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0/numberPhases").asInt())
                    .isEqualTo(1);
            assertThat(limit(oneProfile)).isEqualTo(31.8);

            // all three phases draw again: back to 3 at once
            var three = checked.get("three-phases");
            assertThat(allocationOf(three, "PA-1").get("phases_in_use").asInt()).isEqualTo(3);
            assertThat(allocationOf(three, "PA-1").get("allocated_kw").asDouble()).isEqualTo(15);
            var threeProfile = lastTxProfileBefore(events, "PA-1", marks.get("three-phases"));
            assertThat(threeProfile.at("/params/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0/numberPhases").asInt())
                    .isEqualTo(3);
            assertThat(limit(threeProfile)).isEqualTo(21.7);

            var decisions = new HttpTestClient(URI.create("http://127.0.0.1:" + engine.port()))
                    .get("/api/v1/sites/yard/decisions").json().get("decisions");
            assertThat(decisions).extracting(d -> d.get("trigger").asText()).containsSubsequence("measured", "measured", "session_start");
            assertThat(decisions).extracting(d -> d.get("trigger").asText()).filteredOn("measured"::equals).hasSize(2);
        }
    }

    private static JsonNode lastTxProfileBefore(List<JsonNode> events, String cp, long ms) {
        return txProfiles(events, cp).stream().filter(e -> e.get("ms").asLong() < ms).toList().getLast();
    }
}
