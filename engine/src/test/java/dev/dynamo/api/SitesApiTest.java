package dev.dynamo.api;

import static dev.dynamo.api.ApiJson.charger;
import static dev.dynamo.api.ApiJson.equal;
import static dev.dynamo.api.ApiJson.onePhase;
import static dev.dynamo.api.ApiJson.session;
import static dev.dynamo.api.ApiJson.site;
import static dev.dynamo.api.ApiJson.smart;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.TestEngine;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's own endpoints (contract section 3) against a real engine. */
class SitesApiTest {
    @TempDir
    static Path dir;
    static TestEngine engine;
    static HttpTestClient client;

    @BeforeAll
    static void start() {
        var file = "{\"sites\":[" + site("file-site", 100, "{\"charge_point_id\":\"FS-001\",\"max_power_kw\":22,"
                + "\"ocpp_password\":\"a-long-random-secret\"}") + "]}";
        engine = new TestEngine(Instant.parse("2026-11-24T09:00:00Z"), dir.resolve("data"), TestEngine.sitesFile(dir, file), null);
        client = engine.client;
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void sites_are_listed_and_shown_with_connection_and_session_but_never_their_password() {
        assertThat(client.post(session("file-site", "FS-001"), "{\"ev_max_power_kw\":11,\"energy_needed_kwh\":40}").status())
                .isEqualTo(201);

        var list = client.get("/api/v1/sites");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("sites")).extracting(s -> s.get("site_id").asText()).contains("file-site");
        assertThat(list.raw().body()).doesNotContain("ocpp_password").doesNotContain("a-long-random-secret");

        var site = client.get("/api/v1/sites/file-site").json();
        assertThat(site.get("name").asText()).isEqualTo("Site file-site");
        assertThat(site.get("timezone").asText()).isEqualTo("Europe/Amsterdam");
        assertThat(site.get("grid_connection_capacity_kw").asDouble()).isEqualTo(100);
        assertThat(site.get("circuits").isArray()).isTrue();
        var charger = site.get("chargers").get(0);
        assertThat(charger.get("charge_point_id").asText()).isEqualTo("FS-001");
        assertThat(charger.get("phases").asInt()).isEqualTo(3);
        assertThat(charger.get("voltage_v").asDouble()).isEqualTo(230);
        assertThat(charger.get("charging_rate_unit").asText()).isEqualTo("W");
        assertThat(charger.get("connected").asBoolean()).isFalse();
        assertThat(charger.has("ocpp_password")).isFalse();
        var session = charger.get("session");
        assertThat(session.get("ev_max_power_kw").asDouble()).isEqualTo(11);
        assertThat(session.get("energy_needed_kwh").asDouble()).isEqualTo(40);
        assertThat(session.get("transaction_id").isNull()).isTrue();
        assertThat(client.get("/api/v1/sites/unknown").status()).isEqualTo(404);
    }

    @Test
    void put_site_creates_then_replaces_and_refuses_a_definition_that_breaks_the_config() {
        assertThat(client.put("/api/v1/sites/made", site("made", 100, charger("MA-001", 22))).status()).isEqualTo(201);
        assertThat(client.put(smart("made") + "/config", equal(80, 0)).status()).isEqualTo(201);
        var replaced = client.put("/api/v1/sites/made", site("made", 120, charger("MA-001", 22), charger("MA-002", 11)));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("chargers")).hasSize(2);

        var breaking = client.put("/api/v1/sites/made", site("made", 50, charger("MA-001", 22)));
        assertThat(breaking.status()).isEqualTo(422);
        assertThat(breaking.contentType()).startsWith("application/problem+json");
        assertThat(breaking.json().get("detail").asText()).isNotBlank();
        assertThat(client.get("/api/v1/sites/made").json().get("grid_connection_capacity_kw").asDouble()).isEqualTo(120);

        var otherSitesCharger = client.put("/api/v1/sites/thief", site("thief", 50, charger("MA-001", 22)));
        assertThat(otherSitesCharger.status()).isEqualTo(422);
        assertThat(otherSitesCharger.json().get("errors").get(0).get("field").asText()).isEqualTo("chargers[0].charge_point_id");
        assertThat(client.get("/api/v1/sites/thief").status()).isEqualTo(404);

        var badId = client.put("/api/v1/sites/made", site("other", 100, charger("MA-001", 22)));
        assertThat(badId.status()).isEqualTo(422);
        assertThat(client.put("/api/v1/sites/made", "{\"site_id\":\"made\",\"grid_connection_capacity_kw\":\"lots\",\"chargers\":[]}").status())
                .isEqualTo(400);
    }

    @Test
    void replacing_a_site_ends_sessions_of_removed_chargers_with_a_session_stop_decision() {
        client.put("/api/v1/sites/shrink", site("shrink", 100, charger("SH-001", 22), charger("SH-002", 22)));
        client.put(smart("shrink") + "/config", equal(50, 0));
        client.post(session("shrink", "SH-001"));
        client.post(session("shrink", "SH-002"));

        assertThat(client.put("/api/v1/sites/shrink", site("shrink", 100, charger("SH-002", 22))).status()).isEqualTo(200);
        var allocation = client.get(smart("shrink") + "/allocation").json();
        assertThat(allocation.get("allocations")).extracting(a -> a.get("charge_point_id").asText()).containsExactly("SH-002");
        assertThat(client.get("/api/v1/sites/shrink/decisions").json().get("decisions").get(0).get("trigger").asText())
                .isEqualTo("session_stop");
    }

    @Test
    void sessions_start_with_201_conflict_with_409_and_stop_with_204_then_404() {
        client.put("/api/v1/sites/sess", site("sess", 100, charger("SE-001", 22), onePhase("SE-002", 7.4, "L3")));
        client.put(smart("sess") + "/config", equal(50, 0));

        var started = client.post(session("sess", "SE-001"), "{\"phases_in_use\":1}");
        assertThat(started.status()).isEqualTo(201);
        assertThat(started.json().get("session_id").asText()).isNotBlank();
        assertThat(started.json().get("site_id").asText()).isEqualTo("sess");
        assertThat(started.json().get("charge_point_id").asText()).isEqualTo("SE-001");
        assertThat(started.json().get("phases_in_use").asInt()).isEqualTo(1);
        assertThat(started.json().get("ev_max_power_kw").isNull()).isTrue();
        assertThat(started.json().get("started_at").asText()).isEqualTo(
                dev.dynamo.contract.Times.format(engine.clock.instant()));

        var again = client.post(session("sess", "SE-001"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");

        var threeOnOne = client.post(session("sess", "SE-002"), "{\"phases_in_use\":3}");
        assertThat(threeOnOne.status()).isEqualTo(422);
        assertThat(threeOnOne.json().get("errors").get(0).get("field").asText()).isEqualTo("phases_in_use");
        assertThat(client.post(session("sess", "SE-002"), "{\"ev_max_power_kw\":\"fast\"}").status()).isEqualTo(400);
        assertThat(client.post(session("sess", "SE-404")).status()).isEqualTo(404);
        assertThat(client.post(session("nowhere", "SE-001")).status()).isEqualTo(404);

        assertThat(client.delete(session("sess", "SE-001")).status()).isEqualTo(204);
        var none = client.delete(session("sess", "SE-001"));
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("detail").asText()).contains("SE-001");
        assertThat(client.get(smart("sess") + "/allocation").json().get("allocations")).isEmpty();
    }

    @Test
    void health_is_ok() {
        var health = client.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.raw().body()).isEqualTo("{\"status\":\"ok\"}");
    }
}
