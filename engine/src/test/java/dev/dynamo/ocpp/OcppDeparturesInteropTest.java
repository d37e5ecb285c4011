package dev.dynamo.ocpp;

import static dev.dynamo.ocpp.OcppInteropTest.allocationOf;
import static dev.dynamo.ocpp.OcppInteropTest.assertNoSchemaViolations;
import static dev.dynamo.ocpp.OcppInteropTest.boot;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

/**
 * Contract 10 over OCPP, against ocpp-rpc in strict mode: a site's {@code vehicles} give a session started
 * with their {@code idTag} its need and departure, and the energy delivered follows
 * {@code Energy.Active.Import.Register} of MeterValues over {@code meterStart}.
 */
class OcppDeparturesInteropTest {
    static final String SITES = """
            {"sites": [{"site_id": "bus-depot", "name": "Bus depot", "timezone": "Europe/Amsterdam",
              "grid_connection_capacity_kw": 100,
              "vehicles": [{"id_tag": "BUS-12", "energy_needed_kwh": 40, "departure": "13:10"}],
              "chargers": [
                {"charge_point_id": "VB-1", "max_power_kw": 22},
                {"charge_point_id": "VB-2", "max_power_kw": 22}
              ]}]}""";

    static String start(String cp, String idTag, long meterStartWh) {
        return """
                {"cp": "%s", "call": "StartTransaction", "params": {"connectorId": 1, "idTag": "%s", "meterStart": %d,
                 "timestamp": "2026-11-24T10:00:00Z"}}""".formatted(cp, idTag, meterStartWh);
    }

    static String energy(String cp, int transactionId, String value, String unit) {
        return """
                {"cp": "%s", "call": "MeterValues", "params": {"connectorId": 1, "transactionId": %d, "meterValue": [
                  {"timestamp": "2026-11-24T10:30:00Z", "sampledValue": [
                    {"value": "%s", "measurand": "Energy.Active.Import.Register", "unit": "%s"},
                    {"value": "20000", "measurand": "Power.Active.Import", "unit": "W"}]}]}}"""
                .formatted(cp, transactionId, value, unit);
    }

    @Test
    void a_badge_of_the_site_gives_need_and_departure_and_the_energy_register_drives_delivered_energy() throws Exception {
        // 11:00 in Amsterdam: the bus leaves at 13:10 local; the site aims to finish 10 minutes early, in 2 h
        var clock = new ManualClock(Instant.parse("2026-11-24T10:00:00Z"));
        try (var engine = new OcppEngine(Duration.ofMinutes(5), SITES, o -> o.withClock(clock))) {
            engine.putConfig("bus-depot", """
                    {"max_power_kw": 30, "strategy": "equal", "departure_aware": true}""");
            var http = new HttpTestClient(URI.create("http://127.0.0.1:" + engine.port()));
            var sites = new HashMap<String, JsonNode>();
            var allocations = new HashMap<String, JsonNode>();

            var events = NodePlan.run("""
                    {"url": "%s", "steps": [
                      {"connect": "VB-1"}, {"connect": "VB-2"}, %s, %s,
                      %s, {"cp": "VB-1", "waitProfiles": 2}, %s, {"cp": "VB-2", "waitProfiles": 2}, {"wait": 300},
                      {"checkpoint": "started"},
                      %s, {"wait": 500},
                      {"checkpoint": "metered"},
                      %s, {"wait": 500},
                      {"checkpoint": "metered-in-kwh"},
                      {"cp": "VB-1", "call": "StopTransaction", "params": {"transactionId": 1, "meterStop": 1013000,
                        "timestamp": "2026-11-24T10:40:00Z"}},
                      {"wait": 300},
                      {"checkpoint": "stopped"}
                    ]}""".formatted(engine.url(), boot("VB-1"), boot("VB-2"),
                    start("VB-1", "BUS-12", 1_000_000), start("VB-2", "CAR-7", 0),
                    energy("VB-1", 1, "1010000", "Wh"), energy("VB-1", 1, "1012.5", "kWh")),
                    name -> {
                        try {
                            sites.put(name, http.get("/api/v1/sites/bus-depot").json());
                            allocations.put(name, engine.allocation("bus-depot"));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
            assertNoSchemaViolations(events);

            // the badge BUS-12 gives 40 kWh by 13:10 local (12:10Z); another badge gives nothing
            var started = sites.get("started");
            assertThat(session(started, "VB-1").get("energy_needed_kwh").asDouble()).isEqualTo(40);
            assertThat(session(started, "VB-1").get("departure_at").asText()).isEqualTo("2026-11-24T12:10:00.000Z");
            assertThat(session(started, "VB-1").get("energy_delivered_kwh").asDouble()).isEqualTo(0);
            assertThat(session(started, "VB-2").get("energy_needed_kwh").isNull()).isTrue();
            assertThat(session(started, "VB-2").get("departure_at").isNull()).isTrue();
            // 40 kWh in 2 h needs 20 kW: the bus gets it, the car the rest of 30 kW
            assertThat(allocationOf(allocations.get("started"), "VB-1").get("allocated_kw").asDouble()).isEqualTo(20);
            assertThat(allocationOf(allocations.get("started"), "VB-2").get("allocated_kw").asDouble()).isEqualTo(10);
            assertThat(allocationOf(allocations.get("started"), "VB-1").get("at_risk").asBoolean()).isFalse();

            // the register rose 10 kWh over meterStart: 30 kWh left in 2 h needs 15 kW, equal gives 15 each
            var metered = sites.get("metered");
            assertThat(session(metered, "VB-1").get("energy_delivered_kwh").asDouble()).isEqualTo(10);
            assertThat(allocationOf(allocations.get("metered"), "VB-1").get("allocated_kw").asDouble()).isEqualTo(15);
            assertThat(allocationOf(allocations.get("metered"), "VB-2").get("allocated_kw").asDouble()).isEqualTo(15);
            // a register in kWh counts the same
            assertThat(session(sites.get("metered-in-kwh"), "VB-1").get("energy_delivered_kwh").asDouble()).isEqualTo(12.5);

            assertThat(session(sites.get("stopped"), "VB-1")).isNull();
            var decisions = http.get("/api/v1/sites/bus-depot/decisions").json().get("decisions");
            assertThat(decisions).extracting(d -> d.get("trigger").asText()).contains("departure");
        }
    }

    private static JsonNode session(JsonNode site, String cp) {
        for (var charger : site.get("chargers")) {
            if (charger.get("charge_point_id").asText().equals(cp)) {
                var session = charger.get("session");
                return session.isNull() ? null : session;
            }
        }
        throw new AssertionError(cp + " not in " + site);
    }
}
