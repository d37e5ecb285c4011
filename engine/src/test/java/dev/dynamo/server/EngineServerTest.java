package dev.dynamo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.ManualClock;
import dev.dynamo.testing.ManualTimers;
import dev.dynamo.testing.TestEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
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
    void the_port_queues_a_reconnect_storm_instead_of_dropping_handshakes_beyond_javas_default_of_50() {
        try (var engine = new TestEngine(T0, dir.resolve("data"), sitesFile(), null)) {
            assertThat(engine.server.acceptQueueSize()).isEqualTo(EngineServer.ACCEPT_QUEUE).isGreaterThanOrEqualTo(1000);
        }
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

    /** Each charger's status and queued_since, as the allocation shows them. */
    private static Map<String, String> rotationState(HttpTestClient client, String siteId) {
        var state = new TreeMap<String, String>();
        client.get(SMART + siteId + "/allocation").json().get("allocations").forEach(a ->
                state.put(a.get("charge_point_id").asText(), a.get("status").asText() + " " + a.get("queued_since").asText()));
        return state;
    }

    @Test
    void rotation_goes_on_after_a_restart_with_the_same_queue_queued_since_and_next_tick() {
        var data = dir.resolve("data");
        var sites = sitesFile(site("turns", 200, "R-1", "R-2", "R-3", "R-4", "R-5", "R-6"));
        var firstTick = T0.plusSeconds(4).plus(Duration.ofMinutes(15));
        Map<String, String> before;
        try (var engine = new TestEngine(T0, data, sites, null)) {
            // the floors of four fit in 40 kW: R-5 queues at T0 + 4 s and the rotation clock starts
            assertThat(engine.client.put(SMART + "turns/config", """
                    {"max_power_kw":40,"strategy":"equal","min_power_per_charger_kw":10,"rotation_period_min":15}""")
                    .status()).isEqualTo(201);
            for (int i = 1; i <= 6; i++) {
                assertThat(engine.client.post("/api/v1/sites/turns/chargers/R-" + i + "/session").status()).isEqualTo(201);
                engine.clock.advance(Duration.ofSeconds(1));
            }
            engine.advanceTo(firstTick.plus(Duration.ofMinutes(5)));
            before = rotationState(engine.client, "turns");
            assertThat(before).containsEntry("R-1", "queued 2026-11-24T10:15:04.000Z").containsEntry("R-5", "charging null");
        }
        try (var engine = new TestEngine(firstTick.plus(Duration.ofMinutes(5)), data, sites, null)) {
            assertThat(rotationState(engine.client, "turns")).isEqualTo(before);

            // the next tick comes one period after the last, not one period after the restart
            var secondTick = firstTick.plus(Duration.ofMinutes(15));
            engine.advanceTo(secondTick.minusMillis(1));
            assertThat(rotationState(engine.client, "turns")).isEqualTo(before);
            engine.advanceTo(secondTick);
            var decision = engine.client.get("/api/v1/sites/turns/decisions").json().get("decisions").get(0);
            assertThat(decision.get("trigger").asText()).isEqualTo("rotation");
            assertThat(decision.get("decided_at").asText()).isEqualTo("2026-11-24T10:30:04.000Z");
            // waited longest and come in, served longest, yield
            assertThat(rotationState(engine.client, "turns")).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                    "R-1", "charging null", "R-2", "charging null", "R-5", "charging null", "R-6", "charging null",
                    "R-3", "queued 2026-11-24T10:30:04.000Z", "R-4", "queued 2026-11-24T10:30:04.000Z")));
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
    void plugins_add_routes_on_the_same_port_and_their_failures_are_500_problem_json() {
        var clock = new ManualClock(T0);
        EnginePlugin plugin = (app, sites, _) -> {
            app.routes.get("/plugin", ctx -> ctx.result(String.valueOf(sites.views().size())));
            app.routes.get("/plugin/fails", _ -> {
                throw new IllegalStateException("boom");
            });
            app.routes.get("/plugin/errs", _ -> {
                throw new AssertionError("worse");
            });
        };
        var options = TestEngine.options(dir.resolve("data"), sitesFile(site("p", 10, "P-1")), null, clock, new ManualTimers(clock))
                .withPlugin(plugin);
        try (var server = EngineServer.start(options)) {
            var client = new HttpTestClient(server.baseUri());
            assertThat(client.get("/plugin").raw().body()).isEqualTo("1");
            for (var path : new String[] {"/plugin/fails", "/plugin/errs"}) {
                var failed = client.get(path);
                assertThat(failed.status()).isEqualTo(500);
                assertThat(failed.contentType()).startsWith("application/problem+json");
                assertThat(failed.json().get("title").asText()).isEqualTo("Internal Server Error");
                assertThat(failed.raw().body()).doesNotContain("boom").doesNotContain("worse").doesNotContain("\tat ");
            }
            assertThat(server.baseUri().toString()).startsWith("http://127.0.0.1:");
        }
    }
}
