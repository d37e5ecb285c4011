package dev.dynamo.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynamo.ocpp.OcppPlugin;
import dev.dynamo.server.EngineServer;
import dev.dynamo.store.RootSafePgBinaryResolver;
import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.ManualClock;
import dev.dynamo.testing.ManualTimers;
import dev.dynamo.testing.TestEngine;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped in the middle of a run and started again: while it is down requests that need a
 * write get 503 within the time-out, reads and /health answer (503 degraded), nothing is half-applied;
 * once it is back everything works without a restart, and what was acknowledged is all there.
 */
@Tag("fault")
class PostgresOutageTest {
    /** The store's connection wait (3 s) plus the site's wait to start (3 s), with room for a busy machine. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(12);

    @TempDir
    Path dir;

    private EmbeddedPostgres startPostgres(int port) throws IOException {
        return EmbeddedPostgres.builder().setPgBinaryResolver(new RootSafePgBinaryResolver())
                .setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(false).setPort(port).start();
    }

    private EngineServer startEngine(String url, Path sites) {
        var clock = new ManualClock(Instant.now());
        return EngineServer.start(TestEngine.options(dir.resolve("data"), sites, null, clock, new ManualTimers(clock))
                .withDbUrl(url).withPlugin(new OcppPlugin()));
    }

    private static String site(String id, String... chargers) {
        var list = new StringBuilder();
        for (var cp : chargers) {
            if (!list.isEmpty()) list.append(',');
            list.append("{\"charge_point_id\":\"").append(cp).append("\",\"max_power_kw\":22}");
        }
        return "{\"timezone\":\"UTC\",\"grid_connection_capacity_kw\":200,\"chargers\":[" + list + "]}";
    }

    private static String config(double kw) {
        return "{\"max_power_kw\":" + kw + ",\"strategy\":\"equal\"}";
    }

    @Test
    void an_engine_on_postgres_survives_the_database_going_away_and_coming_back() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var postgres = startPostgres(port);
        var url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
        var sites = TestEngine.sitesFile(dir, "{\"sites\":[]}");
        var acknowledgedConfigs = new LinkedHashMap<String, Double>();
        var acknowledgedSessions = new LinkedHashMap<String, Boolean>();
        try (var engine = startEngine(url, sites)) {
            var client = new HttpTestClient(engine.baseUri());
            for (var id : new String[] {"pg-a", "pg-b"}) {
                assertThat(client.put("/api/v1/sites/" + id, site(id, id + "-1", id + "-2", id + "-3")).status()).isEqualTo(201);
                assertThat(client.put("/api/v1/smart-charging/sites/" + id + "/config", config(60)).status()).isEqualTo(201);
                acknowledgedConfigs.put(id, 60.0);
                assertThat(client.post("/api/v1/sites/" + id + "/chargers/" + id + "-1/session").status()).isEqualTo(201);
                acknowledgedSessions.put(id + "/" + id + "-1", true);
            }
            assertThat(client.get("/health").status()).isEqualTo(200);

            postgres.close();

            // writes: 503 with Retry-After, within the time-out, and nothing changed
            var started = System.nanoTime();
            var config = client.put("/api/v1/smart-charging/sites/pg-a/config", config(40));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ANSWER_WITHIN);
            assertThat(config.status()).as(config.toString()).isEqualTo(503);
            assertThat(config.header("Retry-After")).isPresent();
            started = System.nanoTime();
            var session = client.post("/api/v1/sites/pg-b/chargers/pg-b-2/session");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ANSWER_WITHIN);
            assertThat(session.status()).as(session.toString()).isEqualTo(503);
            var stop = client.delete("/api/v1/sites/pg-a/chargers/pg-a-1/session");
            assertThat(stop.status()).as(stop.toString()).isEqualTo(503);
            var newSite = client.put("/api/v1/sites/pg-c", site("pg-c", "pg-c-1"));
            assertThat(newSite.status()).as(newSite.toString()).isEqualTo(503);

            // the rest of the engine goes on: state in memory is served, unchanged
            assertThat(client.get("/api/v1/smart-charging/sites/pg-a/config").json().get("max_power_kw").asDouble()).isEqualTo(60);
            assertThat(client.get("/api/v1/smart-charging/sites/pg-b/allocation").status()).isEqualTo(200);
            assertThat(client.get("/api/v1/sites/pg-a").json().get("chargers").get(0).get("session").isNull()).isFalse();
            assertThat(client.get("/api/v1/sites/pg-c").status()).isEqualTo(404);
            started = System.nanoTime();
            var health = client.get("/health");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ANSWER_WITHIN);
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asText()).isEqualTo("degraded");
            assertThat(health.json().get("store").asText()).isNotBlank();
            var history = client.get("/api/v1/smart-charging/sites/pg-a/allocation/history?interval=5min");
            assertThat(history.status()).as(history.toString()).isEqualTo(503);

            // a charger: what needs no write is answered, a StartTransaction gets CALLERROR InternalError
            var charger = LoadCharger.connect(HttpClient.newHttpClient(), engine.baseUri(), "pg-a-2");
            charger.call("BootNotification", LoadCharger.JSON.createObjectNode().put("chargePointVendor", "test")
                    .put("chargePointModel", "outage")).get(20, TimeUnit.SECONDS);
            var refusedStart = charger.call("StartTransaction", LoadCharger.JSON.createObjectNode().put("connectorId", 1)
                    .put("idTag", "T").put("meterStart", 0).put("timestamp", Instant.now().toString()));
            assertThatThrownBy(() -> refusedStart.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(LoadCharger.CallError.class)
                    .hasMessageContaining("InternalError");
            assertThat(client.get("/api/v1/sites/pg-a").json().get("chargers").get(1).get("session").isNull()).isTrue();

            postgres = startPostgres(port);

            // back without a restart: the first request after the database returns is served
            awaitHealthy(client);
            assertThat(client.put("/api/v1/smart-charging/sites/pg-a/config", config(40)).status()).isEqualTo(200);
            acknowledgedConfigs.put("pg-a", 40.0);
            assertThat(client.post("/api/v1/sites/pg-b/chargers/pg-b-2/session").status()).isEqualTo(201);
            acknowledgedSessions.put("pg-b/pg-b-2", true);
            assertThat(client.delete("/api/v1/sites/pg-a/chargers/pg-a-1/session").status()).isEqualTo(204);
            acknowledgedSessions.put("pg-a/pg-a-1", false);
            assertThat(client.get("/api/v1/smart-charging/sites/pg-a/allocation/history?interval=5min").status()).isEqualTo(200);
            var start = charger.call("StartTransaction", LoadCharger.JSON.createObjectNode().put("connectorId", 1)
                    .put("idTag", "T").put("meterStart", 0).put("timestamp", Instant.now().toString())).get(20, TimeUnit.SECONDS);
            assertThat(start.get("transactionId").asInt()).isPositive();
            acknowledgedSessions.put("pg-a/pg-a-2", true);
            charger.close();
        }

        // a new engine on the same database finds what was acknowledged, and only that
        try (var engine = startEngine(url, sites)) {
            var client = new HttpTestClient(engine.baseUri());
            for (Map.Entry<String, Double> config : acknowledgedConfigs.entrySet()) {
                assertThat(client.get("/api/v1/smart-charging/sites/" + config.getKey() + "/config").json()
                        .get("max_power_kw").asDouble()).as(config.getKey()).isEqualTo(config.getValue());
            }
            for (var session : acknowledgedSessions.entrySet()) {
                var parts = session.getKey().split("/");
                var found = false;
                for (var charger : client.get("/api/v1/sites/" + parts[0]).json().get("chargers")) {
                    if (charger.get("charge_point_id").asText().equals(parts[1])) found = !charger.get("session").isNull();
                }
                assertThat(found).as(session.getKey()).isEqualTo(session.getValue());
            }
            assertThat(client.get("/api/v1/sites/pg-c").status()).isEqualTo(404);
        } finally {
            postgres.close();
        }
    }

    /** A request's status and how long it took. */
    private record Timed(String what, int status, Duration took) {
        @Override
        public String toString() {
            return what + " -> " + status + " in " + took.toMillis() + " ms";
        }
    }

    private static Timed timed(String what, java.util.function.Supplier<HttpTestClient.Response> request) {
        var started = System.nanoTime();
        var response = request.get();
        return new Timed(what, response.status(), Duration.ofNanos(System.nanoTime() - started));
    }

    @Test
    void a_database_behind_a_pulled_cable_holds_no_request_for_long_and_the_engine_recovers_when_it_is_back() throws Exception {
        var postgres = EmbeddedPostgres.builder().setPgBinaryResolver(new RootSafePgBinaryResolver()).start();
        try (var cable = new CablePuller(postgres.getPort())) {
            var url = "jdbc:postgresql://127.0.0.1:" + cable.port() + "/postgres?user=postgres";
            var sites = TestEngine.sitesFile(dir, "{\"sites\":[]}");
            try (var engine = startEngine(url, sites)) {
                var client = new HttpTestClient(engine.baseUri());
                for (var id : new String[] {"cut-a", "cut-b"}) {
                    assertThat(client.put("/api/v1/sites/" + id, site(id, id + "-1", id + "-2")).status()).isEqualTo(201);
                    assertThat(client.put("/api/v1/smart-charging/sites/" + id + "/config", config(60)).status()).isEqualTo(201);
                }

                cable.pull();

                var hung = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                        timed("config PUT on cut-a (its write hangs)", () -> client.put("/api/v1/smart-charging/sites/cut-a/config", config(40))));
                // the first write has reached the dead connection (nothing else writes now) before the next request comes
                var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (cable.heldBytes() == 0) {
                    assertThat(System.nanoTime()).as("the config write reached the database").isLessThan(deadline);
                    Thread.sleep(10);
                }
                var behind = timed("session start on cut-a (queued behind it)", () -> client.post("/api/v1/sites/cut-a/chargers/cut-a-1/session"));
                var other = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                        timed("config PUT on cut-b", () -> client.put("/api/v1/smart-charging/sites/cut-b/config", config(40))));
                var read = timed("allocation GET on cut-b", () -> client.get("/api/v1/smart-charging/sites/cut-b/allocation"));
                var health = timed("GET /health", () -> client.get("/health"));
                var results = java.util.List.of(hung.join(), behind, other.join(), read, health);
                System.out.println("pulled cable: " + results);

                assertThat(behind.status()).isEqualTo(503);
                assertThat(behind.took()).isLessThan(Duration.ofSeconds(8));
                assertThat(read.status()).isEqualTo(200);
                assertThat(read.took()).isLessThan(Duration.ofSeconds(2));
                assertThat(health.status()).isEqualTo(503);
                assertThat(health.took()).isLessThan(Duration.ofSeconds(6));
                assertThat(hung.join().status()).isEqualTo(503);
                assertThat(other.join().status()).isEqualTo(503);
                // the store's socket time-out (5 s statement + 10 s history query) bounds a write that hangs
                assertThat(hung.join().took()).isLessThan(Duration.ofSeconds(25));
                assertThat(other.join().took()).isLessThan(Duration.ofSeconds(25));

                cable.plugIn();
                awaitHealthy(client);
                assertThat(client.get("/api/v1/smart-charging/sites/cut-a/config").json().get("max_power_kw").asDouble()).isEqualTo(60);
                assertThat(client.put("/api/v1/smart-charging/sites/cut-a/config", config(40)).status()).isEqualTo(200);
                assertThat(client.post("/api/v1/sites/cut-a/chargers/cut-a-1/session").status()).isEqualTo(201);
            }
            try (var engine = startEngine(url, sites)) {
                var client = new HttpTestClient(engine.baseUri());
                assertThat(client.get("/api/v1/smart-charging/sites/cut-a/config").json().get("max_power_kw").asDouble()).isEqualTo(40);
                assertThat(client.get("/api/v1/smart-charging/sites/cut-b/config").json().get("max_power_kw").asDouble()).isEqualTo(60);
                assertThat(client.get("/api/v1/sites/cut-a").json().get("chargers").get(0).get("session").isNull()).isFalse();
            }

            // shutdown does not hang behind a write (and the decision log) stuck on the dead connection
            var engine = startEngine(url, sites);
            var client = new HttpTestClient(engine.baseUri());
            cable.pull();
            var stuck = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                    client.put("/api/v1/smart-charging/sites/cut-b/config", config(50)));
            var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (cable.heldBytes() == 0) {
                assertThat(System.nanoTime()).as("the config write reached the database").isLessThan(deadline);
                Thread.sleep(10);
            }
            var closing = System.nanoTime();
            engine.close();
            var closeTook = Duration.ofNanos(System.nanoTime() - closing);
            System.out.println("pulled cable: engine closed in " + closeTook.toMillis() + " ms with a write stuck");
            assertThat(closeTook).isLessThan(Duration.ofSeconds(30));
            cable.plugIn();
            // the stuck request's answer (if the stopped server still sends one) does not matter here
            stuck.cancel(true);
        } finally {
            postgres.close();
        }
    }

    private static void awaitHealthy(HttpTestClient client) throws InterruptedException {
        var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (client.get("/health").status() != 200) {
            assertThat(System.nanoTime()).as("healthy again within 60 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
