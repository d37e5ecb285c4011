package dev.dynamo.ocpp;

import static dev.dynamo.ocpp.OcppInteropTest.SITES;
import static dev.dynamo.ocpp.OcppInteropTest.allocationOf;
import static dev.dynamo.ocpp.OcppInteropTest.assertNoSchemaViolations;
import static dev.dynamo.ocpp.OcppInteropTest.boot;
import static dev.dynamo.ocpp.OcppInteropTest.events;
import static dev.dynamo.ocpp.OcppInteropTest.start;
import static dev.dynamo.ocpp.OcppInteropTest.txProfiles;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Contract 8.1 against an independent OCPP-J client (npm ocpp-rpc, strict mode) playing hostile and careless
 * chargers: a charger is trusted with its own session only.
 */
class OcppTrustInteropTest {
    private OcppEngine engine;

    @AfterEach
    void stop() {
        if (engine != null) engine.close();
    }

    private OcppEngine engineWith(Duration grace) throws Exception {
        engine = new OcppEngine(grace, SITES);
        engine.putConfig("depot", OcppInteropTest.EQUAL_30);
        return engine;
    }

    static String stop(String cp, int transactionId) {
        return """
                {"cp": "%s", "call": "StopTransaction", "params": {"meterStop": 100, "timestamp": "2026-11-24T10:05:00Z",
                 "transactionId": %d}}""".formatted(cp, transactionId);
    }

    static String meter(String cp, Integer transactionId, String value, String unit) {
        return """
                {"cp": "%s", "call": "MeterValues", "params": {"connectorId": 1, %s "meterValue": [
                  {"timestamp": "2026-11-24T10:01:00Z", "sampledValue": [
                    {"value": "%s", "measurand": "Power.Active.Import", "unit": "%s"}]}]}}"""
                .formatted(cp, transactionId == null ? "" : "\"transactionId\": " + transactionId + ",", value, unit);
    }

    private java.util.function.Consumer<String> allocationAt(Map<String, JsonNode> checked) {
        return name -> {
            try {
                checked.put(name, engine.allocation("depot"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static List<JsonNode> results(List<JsonNode> events, String cp, String action) {
        return events(events, cp, "result").filter(e -> e.get("action").asText().equals(action)).toList();
    }

    @Test
    void another_chargers_stop_and_meter_values_and_unknown_transactions_change_nothing() throws Exception {
        engineWith(Duration.ofMinutes(5));
        var checked = new HashMap<String, JsonNode>();

        var events = NodePlan.run("""
                {"url": "%s", "steps": [
                  {"connect": "CP-1"}, {"connect": "CP-3"}, %s, %s, %s, %s,
                  %s,
                  {"wait": 300},
                  {"checkpoint": "before"},
                  %s, %s, %s, %s,
                  {"wait": 300},
                  {"checkpoint": "after"}
                ]}""".formatted(engine.url(), boot("CP-1"), boot("CP-3"), start("CP-1"), start("CP-3"),
                meter("CP-1", 1, "7.4", "kW"),
                stop("CP-3", 1), meter("CP-3", 1, "1", "kW"), stop("CP-3", 999999), meter("CP-3", 999999, "2", "kW")),
                allocationAt(checked));

        assertNoSchemaViolations(events);
        assertThat(results(events, null, "StartTransaction")).extracting(e -> e.at("/result/transactionId").asInt())
                .containsExactly(1, 2);
        // every request is answered: StopTransaction.conf and MeterValues.conf, also for what changes nothing
        assertThat(results(events, "CP-3", "StopTransaction")).hasSize(2);
        assertThat(results(events, "CP-3", "MeterValues")).hasSize(2);
        var sessions = engine.sites().site("depot").orElseThrow().view().sessions();
        assertThat(sessions.get("CP-1").transactionId()).isEqualTo(1);
        assertThat(sessions.get("CP-3").transactionId()).isEqualTo(2);
        var after = checked.get("after");
        assertThat(allocationOf(after, "CP-1").get("status").asText()).isEqualTo("charging");
        assertThat(allocationOf(after, "CP-1").get("measured_kw").asDouble()).isEqualTo(7.4);
        assertThat(allocationOf(after, "CP-3").get("measured_kw").isNull()).isTrue();
        assertThat(after.get("allocations")).hasSize(2);
    }

    @Test
    void a_second_start_is_concurrent_keeps_the_session_and_its_fresh_id_belongs_to_no_session() throws Exception {
        engineWith(Duration.ofMinutes(5));

        var events = NodePlan.run("""
                {"url": "%s", "steps": [
                  {"connect": "CP-1"}, %s, %s, %s, %s,
                  {"checkpoint": "after"}
                ]}""".formatted(engine.url(), boot("CP-1"), start("CP-1"), start("CP-1"), stop("CP-1", 2)),
                _ -> {});

        assertNoSchemaViolations(events);
        var starts = results(events, "CP-1", "StartTransaction");
        assertThat(starts).extracting(e -> e.at("/result/idTagInfo/status").asText()).containsExactly("Accepted", "ConcurrentTx");
        assertThat(starts).extracting(e -> e.at("/result/transactionId").asInt()).containsExactly(1, 2);
        // the stop for the ConcurrentTx id ended nothing
        assertThat(engine.sites().site("depot").orElseThrow().view().sessions().get("CP-1").transactionId()).isEqualTo(1);
    }

    @Test
    void absurd_meter_values_are_ignored_and_every_endpoint_keeps_answering() throws Exception {
        engineWith(Duration.ofMinutes(5));
        var statuses = new HashMap<String, List<Integer>>();
        var checked = new HashMap<String, JsonNode>();

        var events = NodePlan.run("""
                {"url": "%s", "steps": [
                  {"connect": "CP-1"}, %s, %s,
                  %s,
                  %s, %s, %s, %s, %s, %s,
                  {"wait": 300},
                  {"checkpoint": "after"}
                ]}""".formatted(engine.url(), boot("CP-1"), start("CP-1"), meter("CP-1", 1, "7.4", "kW"),
                meter("CP-1", 1, "1e306", "kW"), meter("CP-1", null, "1e400", "W"), meter("CP-1", 1, "NaN", "W"),
                meter("CP-1", 1, "-5", "kW"), meter("CP-1", 1, "44001", "W"), meter("CP-1", null, "Infinity", "kW")),
                name -> {
                    try {
                        checked.put(name, engine.allocation("depot"));
                        statuses.put(name, List.of(
                                engine.status("GET", "/api/v1/smart-charging/sites/depot/allocation"),
                                engine.status("POST", "/api/v1/smart-charging/sites/depot/rebalance"),
                                engine.status("GET", "/api/v1/sites/depot"),
                                engine.status("GET", "/api/v1/sites"),
                                engine.status("GET", "/api/v1/sites/depot/decisions"),
                                engine.status("GET", "/api/v1/smart-charging/sites/depot/allocation/history"),
                                engine.status("GET", "/health")));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });

        assertNoSchemaViolations(events);
        assertThat(results(events, "CP-1", "MeterValues")).hasSize(7);
        assertThat(statuses.get("after")).containsOnly(200);
        assertThat(allocationOf(checked.get("after"), "CP-1").get("measured_kw").asDouble()).isEqualTo(7.4);
    }

    @Test
    void a_raise_on_its_way_when_the_connection_drops_is_reserved() throws Exception {
        engineWith(Duration.ofMinutes(5));
        var checked = new HashMap<String, JsonNode>();

        // CP-1 holds 19 kW next to CP-3 (11 kW); when CP-3 stops it is raised to 22 kW, which it never answers
        var events = NodePlan.run("""
                {"url": "%s", "holdOnce": {"CP-1": 22000}, "steps": [
                  {"connect": "CP-1"}, {"connect": "CP-3"}, %s, %s, %s, {"wait": 300}, %s,
                  {"wait": 500},
                  {"checkpoint": "both"},
                  %s,
                  {"cp": "CP-1", "waitProfiles": 3},
                  {"close": "CP-1"},
                  {"wait": 500},
                  {"checkpoint": "lost"}
                ]}""".formatted(engine.url(), boot("CP-1"), boot("CP-3"), start("CP-3"), start("CP-1"), stop("CP-3", 1)),
                allocationAt(checked));

        assertNoSchemaViolations(events);
        assertThat(allocationOf(checked.get("both"), "CP-1").get("allocated_kw").asDouble()).isEqualTo(19);
        assertThat(txProfiles(events, "CP-1").getLast().get("answer").asText()).isEqualTo("held");
        var lost = allocationOf(checked.get("lost"), "CP-1");
        assertThat(lost.get("status").asText()).isEqualTo("offline");
        // it may have applied the raise: the site reserves it, not the 19 kW it accepted
        assertThat(lost.get("allocated_kw").asDouble()).isEqualTo(22);
    }

    @Test
    void a_charger_removed_from_its_site_or_whose_password_changed_is_disconnected() throws Exception {
        engineWith(Duration.ofMinutes(5));
        var withoutCp3 = SITE_WITHOUT_CP3.formatted("s3cret-pass-0123");
        var newPassword = SITE_WITHOUT_CP3.formatted("another-pass-45678");

        var events = NodePlan.run("""
                {"url": "%s", "steps": [
                  {"connect": "CP-1"}, {"connect": "CP-3"}, {"connect": "CP-SECRET", "password": "s3cret-pass-0123"},
                  {"checkpoint": "remove-cp3"},
                  {"wait": 500},
                  {"cp": "CP-1", "call": "Heartbeat"},
                  {"checkpoint": "new-password"},
                  {"wait": 500},
                  {"cp": "CP-1", "call": "Heartbeat"}
                ]}""".formatted(engine.url()),
                name -> {
                    try {
                        assertThat(engine.putSite("depot", name.equals("remove-cp3") ? withoutCp3 : newPassword)).isEqualTo(200);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });

        assertNoSchemaViolations(events);
        var removedAt = events.stream().filter(e -> e.path("name").asText().equals("remove-cp3")).findFirst().orElseThrow()
                .get("ms").asLong();
        var passwordAt = events.stream().filter(e -> e.path("name").asText().equals("new-password")).findFirst().orElseThrow()
                .get("ms").asLong();
        assertThat(events(events, "CP-3", "closed").findFirst().orElseThrow().get("ms").asLong())
                .isBetween(removedAt, passwordAt);
        assertThat(events(events, "CP-SECRET", "closed").findFirst().orElseThrow().get("ms").asLong())
                .isGreaterThan(passwordAt);
        // CP-1 stays connected through both
        assertThat(results(events, "CP-1", "Heartbeat")).hasSize(2);
        assertThat(events(events, "CP-1", "closed").toList()).allMatch(e -> events.indexOf(e) > events.size() - 3);
    }

    @Test
    void each_allocation_shows_its_tx_profile_state_refused_then_in_sync() throws Exception {
        engineWith(Duration.ofMinutes(5));
        var checked = new HashMap<String, JsonNode>();

        var events = NodePlan.run("""
                {"url": "%s", "rejectOnce": {"CP-1": 22000}, "steps": [
                  {"connect": "CP-1"}, {"connect": "CP-3"}, %s, %s,
                  {"cp": "CP-1", "waitProfiles": 2},
                  {"wait": 200},
                  {"checkpoint": "refused"},
                  {"cp": "CP-1", "waitProfiles": 3},
                  {"wait": 300},
                  {"checkpoint": "in-sync"}
                ]}""".formatted(engine.url(), boot("CP-1"), start("CP-1")),
                allocationAt(checked));

        assertNoSchemaViolations(events);
        var refused = allocationOf(checked.get("refused"), "CP-1");
        assertThat(refused.at("/profile/state").asText()).isEqualTo("refused");
        assertThat(refused.at("/profile/limit_kw").isNull()).as("nothing accepted yet").isTrue();
        assertThat(refused.get("over_limit").asBoolean()).isFalse();
        var inSync = allocationOf(checked.get("in-sync"), "CP-1");
        assertThat(inSync.at("/profile/state").asText()).isEqualTo("in_sync");
        assertThat(inSync.at("/profile/limit_kw").asDouble()).isEqualTo(22);
        assertThat(java.time.Instant.parse(inSync.at("/profile/since").asText()))
                .isAfter(java.time.Instant.parse(refused.at("/profile/since").asText()));
    }

    @Test
    void a_connected_charger_whose_unit_changes_gets_its_profiles_again_in_the_new_unit() throws Exception {
        engineWith(Duration.ofMinutes(5));
        var inAmperes = """
                {"name": "Depot", "timezone": "UTC", "grid_connection_capacity_kw": 100,
                  "chargers": [
                    {"charge_point_id": "CP-1", "max_power_kw": 22, "charging_rate_unit": "A"},
                    {"charge_point_id": "CP-2", "max_power_kw": 22, "charging_rate_unit": "A"},
                    {"charge_point_id": "CP-3", "max_power_kw": 11},
                    {"charge_point_id": "CP-SECRET", "max_power_kw": 22, "ocpp_password": "s3cret-pass-0123"}
                  ]}""";

        var events = NodePlan.run("""
                {"url": "%s", "steps": [
                  {"connect": "CP-1"}, %s, %s,
                  {"cp": "CP-1", "waitProfiles": 2},
                  {"checkpoint": "to-amperes"},
                  {"cp": "CP-1", "waitProfiles": 4},
                  {"cp": "CP-1", "call": "Heartbeat"}
                ]}""".formatted(engine.url(), boot("CP-1"), start("CP-1")),
                _ -> {
                    try {
                        assertThat(engine.putSite("depot", inAmperes)).isEqualTo(200);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });

        assertNoSchemaViolations(events);
        var units = events(events, "CP-1", "profile").map(e -> e.at("/params/csChargingProfiles/chargingProfilePurpose").asText()
                + " " + e.at("/params/csChargingProfiles/chargingSchedule/chargingRateUnit").asText()).toList();
        assertThat(units).containsExactly("TxDefaultProfile W", "TxProfile W", "TxDefaultProfile A", "TxProfile A");
        // 22 kW on three phases at 230 V, rounded down to 0.1 A
        assertThat(OcppInteropTest.limit(txProfiles(events, "CP-1").getLast())).isEqualTo(31.8);
        assertThat(events(events, "CP-1", "closed").toList()).allMatch(e -> events.indexOf(e) > events.size() - 3);
    }

    static final String SITE_WITHOUT_CP3 = """
            {"name": "Depot", "timezone": "UTC", "grid_connection_capacity_kw": 100,
              "chargers": [
                {"charge_point_id": "CP-1", "max_power_kw": 22},
                {"charge_point_id": "CP-2", "max_power_kw": 22, "charging_rate_unit": "A"},
                {"charge_point_id": "CP-SECRET", "max_power_kw": 22, "ocpp_password": "%s"}
              ]}""";

    @Test
    void repeated_failed_authentications_from_an_address_are_slowed_down_and_replacements_are_rate_limited()
            throws Exception {
        engineWith(Duration.ofMinutes(5));

        var events = NodePlan.run("""
                {"url": "%s", "steps": [
                  {"connect": "CP-SECRET", "password": "wrong-password-0001"},
                  {"connect": "CP-SECRET", "password": "wrong-password-0002"},
                  {"connect": "CP-SECRET", "password": "wrong-password-0003"},
                  {"connect": "CP-SECRET", "password": "s3cret-pass-0123"},
                  {"connect": "CP-1"},
                  {"connect": "CP-1"},
                  {"connect": "CP-1"},
                  {"connect": "CP-1"}
                ]}""".formatted(engine.url()));

        var outcomes = events.stream().filter(e -> List.of("refused", "connected").contains(e.path("event").asText()))
                .map(e -> e.get("cp").asText() + " " + (e.has("status") ? e.get("status").asText() : "ok")).toList();
        // the right password right after three wrong ones still waits; a fourth connection within a second is refused
        assertThat(outcomes).containsExactly("CP-SECRET 401", "CP-SECRET 401", "CP-SECRET 401", "CP-SECRET 429",
                "CP-1 ok", "CP-1 ok", "CP-1 ok", "CP-1 429");
    }
}
