package dev.dynamo.api;

import static dev.dynamo.api.ApiJson.charger;
import static dev.dynamo.api.ApiJson.equal;
import static dev.dynamo.api.ApiJson.session;
import static dev.dynamo.api.ApiJson.site;
import static dev.dynamo.api.ApiJson.smart;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.store.Stores;
import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.TestEngine;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API when the store refuses writes (503, nothing changed, /health says so) and under racing site writes. */
class StoreFaultsApiTest {
    @TempDir
    static Path dir;
    static TestEngine engine;
    static HttpTestClient client;

    @BeforeAll
    static void start() {
        var file = "{\"sites\":[" + site("sf", 100, charger("SF-1", 22), charger("SF-2", 22)) + "]}";
        engine = new TestEngine(Instant.parse("2026-11-24T09:00:00Z"), dir.resolve("data"), TestEngine.sitesFile(dir, file), null);
        client = engine.client;
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static void sql(String statementText) throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + engine.dataDir.resolve(Stores.SQLITE_FILE_NAME));
             var statement = connection.createStatement()) {
            statement.execute(statementText);
        }
    }

    @Test
    void health_is_ok_while_the_store_answers() {
        var health = client.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.raw().body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void while_the_store_refuses_writes_they_get_503_with_retry_after_reads_work_and_health_is_degraded() throws SQLException {
        assertThat(client.put(smart("sf") + "/config", equal(40, 0)).status()).isIn(200, 201);
        var configBefore = client.get(smart("sf") + "/config").raw().body();
        sql("CREATE TRIGGER refuse_site_update BEFORE UPDATE ON site BEGIN SELECT RAISE(ABORT, 'disk full'); END");
        sql("CREATE TRIGGER refuse_session_insert BEFORE INSERT ON charging_session BEGIN SELECT RAISE(ABORT, 'disk full'); END");
        try {
            var refused = client.put(smart("sf") + "/config", equal(30, 0));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).hasValue("5");
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("title").asText()).isEqualTo("Service Unavailable");
            assertThat(refused.json().get("detail").asText()).contains("disk full");
            var start = client.post(session("sf", "SF-1"));
            assertThat(start.status()).isEqualTo(503);

            assertThat(client.get(smart("sf") + "/config").raw().body()).isEqualTo(configBefore);
            assertThat(client.get("/api/v1/sites/sf").json().get("chargers").get(0).get("session").isNull()).isTrue();
            assertThat(client.get(smart("sf") + "/allocation/history?interval=5min").status()).isEqualTo(200);
            var health = client.get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asText()).isEqualTo("degraded");
            assertThat(health.json().get("store").asText()).contains("disk full");
        } finally {
            sql("DROP TRIGGER refuse_site_update");
            sql("DROP TRIGGER refuse_session_insert");
        }
        // recovered without a restart
        assertThat(client.get("/health").status()).isEqualTo(200);
        assertThat(client.put(smart("sf") + "/config", equal(30, 0)).status()).isEqualTo(200);
        assertThat(client.post(session("sf", "SF-1")).status()).isEqualTo(201);
        assertThat(client.delete(session("sf", "SF-1")).status()).isEqualTo(204);
    }

    @Test
    void of_two_concurrent_site_puts_claiming_one_charger_exactly_one_wins() throws Exception {
        for (int round = 0; round < 10; round++) {
            var shared = charger("RACE-" + round, 22);
            var barrier = new CyclicBarrier(2);
            var puts = new ArrayList<CompletableFuture<HttpTestClient.Response>>();
            for (var siteId : new String[] {"race-a-" + round, "race-b-" + round}) {
                puts.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        barrier.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return client.put("/api/v1/sites/" + siteId, site(siteId, 100, shared));
                }));
            }
            var statuses = puts.stream().map(CompletableFuture::join).map(HttpTestClient.Response::status).toList();

            assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(201, 422);
            var id = "RACE-" + round;
            var owners = 0;
            for (var site : client.get("/api/v1/sites").json().get("sites")) {
                for (var charger : site.get("chargers")) {
                    if (charger.get("charge_point_id").asText().equals(id)) owners++;
                }
            }
            assertThat(owners).as(id).isEqualTo(1);
        }
    }
}
