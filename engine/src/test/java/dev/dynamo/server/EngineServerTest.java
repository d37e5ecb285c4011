package dev.dynamo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.ManualClock;
import dev.dynamo.testing.ManualTimers;
import dev.dynamo.testing.TestEngine;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up, restart and shutdown of the composed engine. */
class EngineServerTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final String SMART = "/api/v1/smart-charging/sites/";

    @TempDir
    Path dir;

    private static String site(String id, double capacityKw, String... chargerIds) {
        var chargers = new StringBuilder();
        for (var cp : chargerIds) {
            if (!chargers.isEmpty()) chargers.append(',');
            chargers.append("{\"charge_point_id\":\"%s\",\"max_power_kw\":22}".formatted(cp));
        }
        return "{\"site_id\":\"%s\",\"timezone\":\"Europe/Amsterdam\",\"grid_connection_capacity_kw\":%s,\"chargers\":[%s]}"
                .formatted(id, capacityKw, chargers);
    }

    private Path sitesFile(String... sites) {
        return TestEngine.sitesFile(dir, "{\"sites\":[" + String.join(",", sites) + "]}");
    }

    @Test
    void sites_configs_and_sessions_made_through_the_api_survive_a_restart_on_the_same_data_dir() {
        var data = dir.resolve("data");
        var empty = sitesFile();
        String sessionId;
        try (var engine = new TestEngine(T0, data, empty, null)) {
            var client = engine.client;
            assertThat(client.put("/api/v1/sites/api-made", site("api-made", 100, "AM-1", "AM-2")).status()).isEqualTo(201);
            assertThat(client.put(SMART + "api-made/config", "{\"max_power_kw\":30,\"strategy\":\"equal\"}").status()).isEqualTo(201);
            sessionId = client.post("/api/v1/sites/api-made/chargers/AM-1/session").json().get("session_id").asText();
        }
        try (var engine = new TestEngine(T0.plusSeconds(60), data, empty, null)) {
            var client = engine.client;
            assertThat(client.get(SMART + "api-made/config").json().get("max_power_kw").asDouble()).isEqualTo(30);
            var site = client.get("/api/v1/sites/api-made").json();
            assertThat(site.get("chargers").get(0).get("session").get("session_id").asText()).isEqualTo(sessionId);
            var allocation = client.get(SMART + "api-made/allocation").json();
            assertThat(allocation.get("allocations").get(0).get("allocated_kw").asDouble()).isEqualTo(22);
            var decisions = client.get("/api/v1/sites/api-made/decisions").json().get("decisions");
            assertThat(decisions).extracting(d -> d.get("trigger").asText()).containsExactly("site", "session_start", "config");
        }
    }

    @Test
    void the_sites_file_replaces_stored_sites_of_the_same_id_and_leaves_the_others() {
        var data = dir.resolve("data");
        try (var engine = new TestEngine(T0, data, sitesFile(site("north", 100, "N-1", "N-2")), null)) {
            engine.client.put("/api/v1/sites/extra", site("extra", 50, "X-1"));
            engine.client.put(SMART + "north/config", "{\"max_power_kw\":40,\"strategy\":\"equal\"}");
            engine.client.post("/api/v1/sites/north/chargers/N-2/session");
        }
        try (var engine = new TestEngine(T0.plusSeconds(60), data, sitesFile(site("north", 120, "N-1")), null)) {
            var north = engine.client.get("/api/v1/sites/north").json();
            assertThat(north.get("grid_connection_capacity_kw").asDouble()).isEqualTo(120);
            assertThat(north.get("chargers")).hasSize(1);
            assertThat(engine.client.get("/api/v1/sites/extra").status()).isEqualTo(200);
            assertThat(engine.client.get(SMART + "north/allocation").json().get("allocations")).isEmpty();
            assertThat(engine.client.get("/api/v1/sites/north/decisions").json().get("decisions").get(0).get("trigger").asText())
                    .isEqualTo("session_stop");
        }
    }

    @Test
    void a_stored_config_that_the_new_sites_file_breaks_stops_the_start_naming_the_site() {
        var data = dir.resolve("data");
        try (var engine = new TestEngine(T0, data, sitesFile(site("depot-north", 250, "D-1")), null)) {
            engine.client.put(SMART + "depot-north/config", "{\"max_power_kw\":200,\"strategy\":\"equal\"}");
        }
        var clock = new ManualClock(T0);
        var options = TestEngine.options(data, sitesFile(site("depot-north", 150, "D-1")), null, clock, new ManualTimers(clock));
        assertThatThrownBy(() -> EngineServer.start(options))
                .isInstanceOf(EngineStartException.class)
                .hasMessageContaining("depot-north")
                .hasMessageContaining("max_power_kw");
        // nothing was changed by the refused start
        try (var engine = new TestEngine(T0, data, sitesFile(), null)) {
            assertThat(engine.client.get("/api/v1/sites/depot-north").json().get("grid_connection_capacity_kw").asDouble()).isEqualTo(250);
        }
    }

    @Test
    void without_a_sites_file_the_demo_site_is_served_with_its_config() {
        try (var engine = new TestEngine(T0, dir.resolve("data"), null, null)) {
            var sites = engine.client.get("/api/v1/sites").json().get("sites");
            assertThat(sites).hasSize(1);
            var demo = sites.get(0);
            assertThat(demo.get("chargers").size()).isGreaterThanOrEqualTo(10);
            assertThat(demo.get("circuits").size()).isGreaterThanOrEqualTo(2);
            var id = demo.get("site_id").asText();
            var config = engine.client.get(SMART + id + "/config").json();
            assertThat(config.get("strategy").asText()).isEqualTo("equal");
            assertThat(config.get("min_power_per_charger_kw").asDouble()).isEqualTo(4.2);
        }
    }

    @Test
    void a_schedule_boundary_triggers_a_decision_through_the_timers() {
        try (var engine = new TestEngine(T0, dir.resolve("data"), sitesFile(site("sched", 100, "S-1")), null)) {
            // 11:00 UTC = 12:00 in Amsterdam: the 12:00-13:00 window lowers the budget to 5 kW
            var config = "{\"max_power_kw\":50,\"strategy\":\"scheduled\",\"schedule\":[{\"start\":\"12:00\",\"end\":\"13:00\",\"max_power_kw\":5}]}";
            assertThat(engine.client.put(SMART + "sched/config", config).status()).isEqualTo(201);
            engine.client.post("/api/v1/sites/sched/chargers/S-1/session");
            assertThat(engine.client.get(SMART + "sched/allocation").json().get("total_allocated_kw").asDouble()).isEqualTo(22);

            engine.advanceTo(Instant.parse("2026-11-24T11:00:30Z"));
            var allocation = engine.client.get(SMART + "sched/allocation").json();
            assertThat(allocation.get("strategy").asText()).isEqualTo("scheduled");
            assertThat(allocation.get("total_budget_kw").asDouble()).isEqualTo(5);
            assertThat(allocation.get("calculated_at").asText()).isEqualTo("2026-11-24T11:00:00.000Z");
            assertThat(engine.client.get("/api/v1/sites/sched/decisions").json().get("decisions").get(0).get("trigger").asText())
                    .isEqualTo("schedule");
        }
    }

    @Test
    void without_an_api_key_it_refuses_a_non_loopback_address() {
        var clock = new ManualClock(T0);
        var options = TestEngine.options(dir.resolve("data"), sitesFile(), null, clock, new ManualTimers(clock))
                .withBindAddress("0.0.0.0");
        assertThatThrownBy(() -> EngineServer.start(options))
                .isInstanceOf(EngineStartException.class).hasMessageContaining("API key");
    }

    @Test
    void plugins_add_routes_on_the_same_port() {
        var clock = new ManualClock(T0);
        EnginePlugin plugin = (app, sites, _) -> app.routes.get("/plugin", ctx -> ctx.result(String.valueOf(sites.views().size())));
        var options = TestEngine.options(dir.resolve("data"), sitesFile(site("p", 10, "P-1")), null, clock, new ManualTimers(clock))
                .withPlugin(plugin);
        try (var server = EngineServer.start(options)) {
            assertThat(new HttpTestClient(server.baseUri()).get("/plugin").raw().body()).isEqualTo("1");
            assertThat(server.baseUri().toString()).startsWith("http://127.0.0.1:");
        }
    }
}
