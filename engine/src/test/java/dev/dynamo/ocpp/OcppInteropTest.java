package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine (with its HTTP API) against an independent OCPP-J client: npm ocpp-rpc in strict mode,
 * which checks every message, both ways, against the official OCPP 1.6 JSON schemas.
 */
class OcppInteropTest {
    static final String SITES = """
            {"sites": [{"site_id": "depot", "name": "Depot", "timezone": "UTC", "grid_connection_capacity_kw": 100,
              "chargers": [
                {"charge_point_id": "CP-1", "max_power_kw": 22},
                {"charge_point_id": "CP-2", "max_power_kw": 22, "charging_rate_unit": "A"},
                {"charge_point_id": "CP-3", "max_power_kw": 11},
                {"charge_point_id": "CP-SECRET", "max_power_kw": 22, "ocpp_password": "s3cret-pass-0123"}
              ]}]}""";
    static final String EQUAL_30 = """
            {"max_power_kw": 30, "strategy": "equal"}""";

    private OcppEngine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    private OcppEngine start(Duration grace) throws Exception {
        engine = new OcppEngine(grace, SITES);
        engine.putConfig("depot", EQUAL_30);
        return engine;
    }

    static Stream<JsonNode> events(List<JsonNode> events, String cp, String kind) {
        return events.stream().filter(e -> e.path("event").asText().equals(kind) && (cp == null || e.path("cp").asText().equals(cp)));
    }

    /** Strict mode found nothing wrong in either direction, and no message confused the client. */
    static void assertNoSchemaViolations(List<JsonNode> events) {
        assertNoSchemaViolations(events, "badMessage");
    }

    static void assertNoSchemaViolations(List<JsonNode> events, String... alsoForbidden) {
        var forbidden = Stream.concat(Stream.of("violation", "failed", "unexpectedCall"), Stream.of(alsoForbidden)).toList();
        assertThat(events).noneMatch(e -> forbidden.contains(e.path("event").asText()));
        assertThat(events.getLast().path("event").asText()).isEqualTo("done");
    }

    static List<JsonNode> txProfiles(List<JsonNode> events, String cp) {
        return events(events, cp, "profile")
                .filter(e -> e.at("/params/csChargingProfiles/chargingProfilePurpose").asText().equals("TxProfile")).toList();
    }

    static double limit(JsonNode profileEvent) {
        return profileEvent.at("/params/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0/limit").asDouble();
    }

    static JsonNode allocationOf(JsonNode allocation, String cp) {
        for (var a : allocation.get("allocations")) {
            if (a.get("charge_point_id").asText().equals(cp)) {
                return a;
            }
        }
        throw new AssertionError(cp + " not in " + allocation);
    }

    static String boot(String cp) {
        return """
                {"cp": "%s", "call": "BootNotification", "params": {"chargePointVendor": "Acme", "chargePointModel": "Volt"}}"""
                .formatted(cp);
    }

    static String start(String cp) {
        return """
                {"cp": "%s", "call": "StartTransaction", "params": {"connectorId": 1, "idTag": "TAG-%s", "meterStart": 0,
                 "timestamp": "2026-11-24T10:00:00Z"}}""".formatted(cp, cp);
    }

    @Test
    void upgrades_are_refused_for_unknown_ids_wrong_passwords_and_a_missing_subprotocol() throws Exception {
        start(Duration.ofMinutes(5));

        var events = NodePlan.run("""
                {"url": "%s", "steps": [
                  {"connect": "CP-NOBODY"},
                  {"connect": "CP-SECRET"},
                  {"connect": "CP-SECRET", "password": "wrong-password-00"},
                  {"connect": "CP-1", "protocols": ["ocpp2.0.1"]},
                  {"connect": "CP-SECRET", "password": "s3cret-pass-0123"},
                  {"connect": "CP-1"}
                ]}""".formatted(engine.url()));

        var outcomes = Stream.concat(events(events, null, "refused"), events(events, null, "connected"))
                .sorted(Comparator.comparingLong(e -> e.get("ms").asLong()))
                .map(e -> e.get("cp").asText() + " " + (e.has("status") ? e.get("status").asText() : e.get("protocol").asText()))
                .toList();
        assertThat(outcomes).containsExactly("CP-NOBODY 404", "CP-SECRET 401", "CP-SECRET 401", "CP-1 400",
                "CP-SECRET ocpp1.6", "CP-1 ocpp1.6");
        assertNoSchemaViolations(events);
    }

    @Test
    void boot_heartbeat_status_authorize_and_data_transfer_are_answered() throws Exception {
        start(Duration.ofMinutes(5));

        var events = NodePlan.run("""
                {"url": "%s", "steps": [
                  {"connect": "CP-1"},
                  %s,
                  {"cp": "CP-1", "call": "Heartbeat"},
                  {"cp": "CP-1", "call": "StatusNotification", "params": {"connectorId": 1, "errorCode": "NoError", "status": "Available"}},
                  {"cp": "CP-1", "call": "Authorize", "params": {"idTag": "TAG-1"}},
                  {"cp": "CP-1", "call": "DataTransfer", "params": {"vendorId": "com.acme", "messageId": "hello"}},
                  {"checkpoint": "booted"}
                ]}""".formatted(engine.url(), boot("CP-1")),
                _ -> assertThat(engine.sites().site("depot").orElseThrow().view().connected()).containsExactly("CP-1"));

        var results = events(events, "CP-1", "result").toList();
        assertThat(results).extracting(e -> e.get("action").asText())
                .containsExactly("BootNotification", "Heartbeat", "StatusNotification", "Authorize", "DataTransfer");
        assertThat(results.get(0).at("/result/status").asText()).isEqualTo("Accepted");
        assertThat(results.get(0).at("/result/interval").asInt()).isEqualTo(300);
        assertThat(results.get(3).at("/result/idTagInfo/status").asText()).isEqualTo("Accepted");
        assertThat(results.get(4).at("/result/status").asText()).isEqualTo("UnknownVendorId");
        assertNoSchemaViolations(events);
    }

    @Test
    void transactions_on_several_chargers_get_limits_that_match_the_allocation_and_fit_the_budget() throws Exception {
        start(Duration.ofMinutes(5));
        var checked = new HashMap<String, JsonNode>();

        var events = NodePlan.run("""
                {"url": "%s", "steps": [
                  {"connect": "CP-1"}, {"connect": "CP-2"}, {"connect": "CP-3"},
                  %s, %s, %s,
                  %s, {"cp": "CP-1", "waitProfiles": 2},
                  %s, %s,
                  {"cp": "CP-1", "call": "MeterValues", "params": {"connectorId": 1, "transactionId": 1, "meterValue": [
                    {"timestamp": "2026-11-24T10:01:00Z", "sampledValue": [
                      {"value": "7.4", "measurand": "Power.Active.Import", "unit": "kW"}]}]}},
                  {"cp": "CP-3", "call": "MeterValues", "params": {"connectorId": 1, "meterValue": [
                    {"timestamp": "2026-11-24T10:01:00Z", "sampledValue": [
                      {"value": "1000", "measurand": "Power.Active.Import", "unit": "W", "phase": "L1-N"},
                      {"value": "1000", "measurand": "Power.Active.Import", "unit": "W", "phase": "L2-N"},
                      {"value": "1200", "measurand": "Power.Active.Import", "unit": "W", "phase": "L3-N"},
                      {"value": "4.3", "measurand": "Current.Import", "unit": "A", "phase": "L1"},
                      {"value": "4.3", "measurand": "Current.Import", "unit": "A", "phase": "L2"},
                      {"value": "5.2", "measurand": "Current.Import", "unit": "A", "phase": "L3"}]}]}},
                  {"wait": 1000},
                  {"checkpoint": "three-charging"},
                  {"cp": "CP-2", "call": "StopTransaction", "params": {"meterStop": 1500, "timestamp": "2026-11-24T10:05:00Z", "transactionId": 2}},
                  {"cp": "CP-2", "call": "StopTransaction", "params": {"meterStop": 1500, "timestamp": "2026-11-24T10:05:00Z", "transactionId": 999999}},
                  {"wait": 1000},
                  {"checkpoint": "two-charging"}
                ]}""".formatted(engine.url(), boot("CP-1"), boot("CP-2"), boot("CP-3"), start("CP-1"), start("CP-2"), start("CP-3")),
                name -> {
                    try {
                        checked.put(name, engine.allocation("depot"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });

        assertNoSchemaViolations(events);
        var starts = events(events, null, "result").filter(e -> e.get("action").asText().equals("StartTransaction")).toList();
        assertThat(starts).extracting(e -> e.at("/result/transactionId").asInt()).containsExactly(1, 2, 3);
        var stops = events(events, "CP-2", "result").filter(e -> e.get("action").asText().equals("StopTransaction")).toList();
        assertThat(stops).hasSize(2);

        var three = checked.get("three-charging");
        assertThat(three.get("total_allocated_kw").asDouble()).isLessThanOrEqualTo(30);
        var atThree = events.stream().filter(e -> e.path("name").asText().equals("three-charging")).findFirst().orElseThrow()
                .get("ms").asLong();
        for (var cp : List.of("CP-1", "CP-2", "CP-3")) {
            var allocated = allocationOf(three, cp).get("allocated_kw").asDouble();
            var last = txProfiles(events, cp).stream().filter(e -> e.get("ms").asLong() < atThree).toList().getLast();
            var schedule = last.at("/params/csChargingProfiles/chargingSchedule");
            if (cp.equals("CP-2")) {
                assertThat(schedule.get("chargingRateUnit").asText()).isEqualTo("A");
                assertThat(schedule.at("/chargingSchedulePeriod/0/numberPhases").asInt()).isEqualTo(3);
                assertThat(limit(last)).isEqualTo(Math.floor(allocated * 1000 / (3 * 230) * 10) / 10);
            } else {
                assertThat(schedule.get("chargingRateUnit").asText()).isEqualTo("W");
                assertThat(limit(last)).isEqualTo(Math.floor(allocated * 1000));
            }
            assertThat(last.at("/params/csChargingProfiles/validTo").asText()).isNotEmpty();
        }
        assertThat(allocationOf(three, "CP-1").get("measured_kw").asDouble()).isCloseTo(7.4, within(1e-9));
        assertThat(allocationOf(three, "CP-3").get("measured_kw").asDouble()).isCloseTo(3.2, within(1e-9));

        var two = checked.get("two-charging");
        assertThat(two.get("allocations")).extracting(a -> a.get("charge_point_id").asText()).containsExactly("CP-1", "CP-3");
        assertThat(two.get("total_allocated_kw").asDouble()).isLessThanOrEqualTo(30);
        assertTxProfilesNeverExceed(events, 30);
    }

    /**
     * Raises wait for lowers (contract section 8): whenever a charger accepts a TxProfile above the one it
     * held for its transaction, the TxProfile limits held by all chargers fit the budget.
     */
    static void assertTxProfilesNeverExceed(List<JsonNode> events, double budgetKw) {
        var heldKw = new HashMap<String, Double>();
        for (var e : events) {
            if (e.path("event").asText().equals("profile") && e.get("answer").asText().equals("Accepted")
                    && e.at("/params/csChargingProfiles/chargingProfilePurpose").asText().equals("TxProfile")) {
                var schedule = e.at("/params/csChargingProfiles/chargingSchedule");
                var kw = schedule.get("chargingRateUnit").asText().equals("A")
                        ? limit(e) * schedule.at("/chargingSchedulePeriod/0/numberPhases").asInt() * 230 / 1000
                        : limit(e) / 1000;
                var before = heldKw.put(e.get("cp").asText(), kw);
                if (before != null && kw > before) {
                    assertThat(heldKw.values().stream().mapToDouble(Double::doubleValue).sum())
                            .as("TxProfile limits held after the raise %s", e).isLessThanOrEqualTo(budgetKw + 1e-9);
                }
            }
            // From the moment a stop is sent, the engine may give its power to others.
            if (e.path("event").asText().equals("calling") && e.get("action").asText().equals("StopTransaction")) {
                heldKw.remove(e.get("cp").asText());
            }
        }
    }

    @Test
    void lowered_limits_are_accepted_before_raised_ones_are_sent_and_a_rejection_is_retried() throws Exception {
        start(Duration.ofMinutes(5));

        // equal: CP-1 15, CP-2 15; then priority CP-2 first: CP-2 22 (31.8 A), CP-1 8 — CP-1's 8 kW is rejected once.
        var events = NodePlan.run("""
                {"url": "%s", "rejectOnce": {"CP-1": 8000}, "steps": [
                  {"connect": "CP-1"}, {"connect": "CP-2"},
                  %s, %s, %s, %s,
                  {"wait": 500},
                  {"checkpoint": "even"},
                  {"cp": "CP-2", "waitProfiles": 3, "timeoutMs": 8000},
                  {"wait": 300}
                ]}""".formatted(engine.url(), boot("CP-1"), boot("CP-2"), start("CP-1"), start("CP-2")),
                _ -> {
                    try {
                        engine.putConfig("depot", """
                                {"max_power_kw": 30, "strategy": "priority", "priority_order": ["CP-2", "CP-1", "CP-3"]}""");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });

        assertNoSchemaViolations(events);
        var lowered = txProfiles(events, "CP-1").stream().filter(e -> limit(e) == 8000).toList();
        assertThat(lowered).extracting(e -> e.get("answer").asText()).containsExactly("Rejected", "Accepted");
        assertThat(lowered.get(1).get("ms").asLong() - lowered.get(0).get("ms").asLong()).isGreaterThanOrEqualTo(900);
        var raised = txProfiles(events, "CP-2").stream().filter(e -> limit(e) == 31.8).toList();
        assertThat(raised).hasSize(1);
        assertThat(raised.getFirst().get("ms").asLong()).isGreaterThanOrEqualTo(lowered.get(1).get("ms").asLong());
        assertTxProfilesNeverExceed(events, 30);
    }

    @Test
    void malformed_frames_and_schema_breaking_payloads_get_the_right_call_error_and_the_connection_stays_open()
            throws Exception {
        start(Duration.ofMinutes(5));
        var frames = List.of(
                "this is not json",
                "[2,\"m1\",\"FlyToTheMoon\",{}]",
                "[2,\"m2\",\"SetChargingProfile\",{}]",
                "[2,\"m3\",\"StartTransaction\",{\"connectorId\":1,\"meterStart\":0,\"timestamp\":\"2026-11-24T10:00:00Z\"}]",
                "[2,\"m4\",\"StartTransaction\",{\"connectorId\":\"one\",\"idTag\":\"T\",\"meterStart\":0,\"timestamp\":\"2026-11-24T10:00:00Z\"}]",
                "[2,\"m5\",\"StatusNotification\",{\"connectorId\":1,\"errorCode\":\"Melted\",\"status\":\"Available\"}]",
                "[2,\"m6\",\"Authorize\",{\"idTag\":\"ABCDEFGHIJKLMNOPQRSTUVWXYZ\"}]",
                "[2,\"m7\",\"Heartbeat\",{\"surprise\":1}]",
                "[2,\"m8\",\"Heartbeat\",[]]",
                "[2,\"m9\",\"Heartbeat\"]");
        var steps = new StringBuilder();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (var frame : frames) {
            steps.append("{\"cp\": \"CP-1\", \"raw\": ").append(json.writeValueAsString(frame)).append("},\n");
        }

        var events = NodePlan.run("""
                {"url": "%s", "steps": [
                  {"connect": "CP-1"},
                  %s
                  {"cp": "CP-1", "call": "Heartbeat"}
                ]}""".formatted(engine.url(), steps));

        var answers = events(events, "CP-1", "rawAnswer").map(e -> e.get("answer")).toList();
        assertThat(answers).extracting(a -> a.get(0).asInt()).containsOnly(4);
        assertThat(answers).extracting(a -> a.get(1).asText() + " " + a.get(2).asText()).containsExactly(
                "-1 ProtocolError",
                "m1 NotImplemented",
                "m2 NotSupported",
                "m3 OccurrenceConstraintViolation",
                "m4 TypeConstraintViolation",
                "m5 PropertyConstraintViolation",
                "m6 PropertyConstraintViolation",
                "m7 FormationViolation",
                "m8 FormationViolation",
                "m9 ProtocolError");
        assertThat(events(events, "CP-1", "result").map(e -> e.get("action").asText())).containsExactly("Heartbeat");
        assertThat(events(events, "CP-1", "closed")).allMatch(e -> events.indexOf(e) > events.size() - 3);
        // Our CALLERRORs answer frames ocpp-rpc sent raw, so it reports them as answers to no call of its own.
        assertNoSchemaViolations(events, new String[0]);
    }

    @Test
    void a_lost_charger_keeps_its_limit_reserved_until_it_speaks_again_and_a_new_connection_replaces_the_old()
            throws Exception {
        start(Duration.ofMinutes(5));
        var checked = new HashMap<String, JsonNode>();

        var events = NodePlan.run("""
                {"url": "%s", "steps": [
                  {"connect": "CP-1"}, {"connect": "CP-3"},
                  %s, %s, %s, %s,
                  {"wait": 500},
                  {"checkpoint": "both"},
                  {"close": "CP-1", "code": 4000},
                  {"wait": 500},
                  {"checkpoint": "lost"},
                  {"connect": "CP-1"},
                  {"wait": 300},
                  {"checkpoint": "reconnected-silent"},
                  {"cp": "CP-1", "call": "Heartbeat"},
                  {"cp": "CP-1", "waitProfiles": 5},
                  {"wait": 300},
                  {"checkpoint": "back"},
                  {"connect": "CP-3"},
                  {"cp": "CP-3", "call": "Heartbeat"},
                  {"wait": 300},
                  {"checkpoint": "replaced"}
                ]}""".formatted(engine.url(), boot("CP-1"), boot("CP-3"), start("CP-1"), start("CP-3")),
                name -> {
                    try {
                        checked.put(name, engine.allocation("depot"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });

        assertNoSchemaViolations(events);
        var both = checked.get("both");
        var cp1Kw = allocationOf(both, "CP-1").get("allocated_kw").asDouble();
        assertThat(cp1Kw).isEqualTo(19);
        var lost = checked.get("lost");
        assertThat(allocationOf(lost, "CP-1").get("status").asText()).isEqualTo("offline");
        assertThat(allocationOf(lost, "CP-1").get("allocated_kw").asDouble()).isEqualTo(cp1Kw);
        assertThat(allocationOf(lost, "CP-3").get("allocated_kw").asDouble()).isEqualTo(11);
        // A new socket alone ends nothing: the reservation ends with the first request on it.
        assertThat(allocationOf(checked.get("reconnected-silent"), "CP-1").get("status").asText()).isEqualTo("offline");
        var back = checked.get("back");
        assertThat(allocationOf(back, "CP-1").get("status").asText()).isEqualTo("charging");
        // from the "lost" checkpoint on: the default profile may arrive before ocpp-rpc reports the connection open
        var reconnectedAt = events.stream().filter(e -> e.path("name").asText().equals("lost")).findFirst().orElseThrow()
                .get("ms").asLong();
        var afterReconnect = events(events, "CP-1", "profile").filter(e -> e.get("ms").asLong() > reconnectedAt)
                .map(e -> e.at("/params/csChargingProfiles/chargingProfilePurpose").asText()).toList();
        assertThat(afterReconnect).containsExactly("TxDefaultProfile", "TxProfile");
        assertThat(events(events, "CP-3", "closed").findFirst()).isPresent();
        assertThat(allocationOf(checked.get("replaced"), "CP-3").get("status").asText()).isEqualTo("charging");
    }

    @Test
    void after_the_grace_period_a_lost_charger_counts_at_its_default_limit() throws Exception {
        start(Duration.ofSeconds(2));
        var checked = new HashMap<String, JsonNode>();

        var events = NodePlan.run("""
                {"url": "%s", "steps": [
                  {"connect": "CP-1"}, {"connect": "CP-3"},
                  %s, %s, %s, %s,
                  {"wait": 500},
                  {"close": "CP-1"},
                  {"wait": 300},
                  {"checkpoint": "lost"},
                  {"wait": 2500},
                  {"checkpoint": "grace-over"}
                ]}""".formatted(engine.url(), boot("CP-1"), boot("CP-3"), start("CP-1"), start("CP-3")),
                name -> {
                    try {
                        checked.put(name, engine.allocation("depot"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });

        assertNoSchemaViolations(events);
        var tx = txProfiles(events, "CP-1").getLast();
        // validTo = when it was sent + the grace period (2 s here)
        var validFor = Duration.between(java.time.Instant.parse(tx.get("at").asText()),
                java.time.Instant.parse(tx.at("/params/csChargingProfiles/validTo").asText()));
        assertThat(validFor).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2100));
        assertThat(allocationOf(checked.get("lost"), "CP-1").get("allocated_kw").asDouble()).isEqualTo(19);
        var over = checked.get("grace-over");
        var defaultKw = events(events, "CP-1", "profile")
                .filter(e -> e.at("/params/csChargingProfiles/chargingProfilePurpose").asText().equals("TxDefaultProfile"))
                .findFirst().map(e -> limit(e) / 1000).orElseThrow();
        assertThat(allocationOf(over, "CP-1").get("status").asText()).isEqualTo("offline");
        assertThat(allocationOf(over, "CP-1").get("allocated_kw").asDouble()).isEqualTo(defaultKw);
        assertThat(allocationOf(over, "CP-3").get("allocated_kw").asDouble()).isEqualTo(30 - defaultKw);
    }
}
