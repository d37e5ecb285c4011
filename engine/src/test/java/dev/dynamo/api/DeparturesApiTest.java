package dev.dynamo.api;

import static dev.dynamo.api.ApiJson.charger;
import static dev.dynamo.api.ApiJson.session;
import static dev.dynamo.api.ApiJson.site;
import static dev.dynamo.api.ApiJson.smart;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.TestEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract 10 over HTTP: session need and departure, PATCH, energy delivered, departure_aware, at_risk, the tick. */
class DeparturesApiTest {
    static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
    static final String SITE = site("dp", 100, charger("DP-1", 22), charger("DP-2", 22), charger("DP-3", 22));

    @TempDir
    Path dir;

    private static JsonNode allocation(HttpTestClient client, String cp) {
        for (var a : client.get(smart("dp") + "/allocation").json().get("allocations")) {
            if (a.get("charge_point_id").asText().equals(cp)) return a;
        }
        throw new AssertionError(cp + " has no allocation");
    }

    private static double kw(HttpTestClient client, String cp) {
        return allocation(client, cp).get("allocated_kw").asDouble();
    }

    private static JsonNode sessionOf(HttpTestClient client, String cp) {
        for (var c : client.get("/api/v1/sites/dp").json().get("chargers")) {
            if (c.get("charge_point_id").asText().equals(cp)) return c.get("session");
        }
        throw new AssertionError(cp);
    }

    @Test
    void a_session_with_a_need_and_a_departure_gets_its_needed_rate_and_patch_changes_or_clears_them() {
        try (var engine = new TestEngine(T0, dir.resolve("data"), null, null)) {
            var client = engine.client;
            assertThat(client.put("/api/v1/sites/dp", SITE).status()).isEqualTo(201);
            var config = client.put(smart("dp") + "/config", "{\"max_power_kw\":30,\"strategy\":\"equal\",\"departure_aware\":true}");
            assertThat(config.json().get("departure_aware").asBoolean()).isTrue();

            // 40 kWh by 11:10, aiming 10 minutes early: 20 kW needed; without a departure DP-2 gets the rest
            // (equal would give 15 each)
            var started = client.post(session("dp", "DP-1"), "{\"energy_needed_kwh\":40,\"departure_at\":\"2026-11-24T11:10:00+00:00\"}");
            assertThat(started.status()).isEqualTo(201);
            assertThat(started.json().get("energy_needed_kwh").asDouble()).isEqualTo(40);
            assertThat(started.json().get("departure_at").asText()).isEqualTo("2026-11-24T11:10:00.000Z");
            assertThat(started.json().get("energy_delivered_kwh").asDouble()).isEqualTo(0);
            assertThat(client.post(session("dp", "DP-2")).status()).isEqualTo(201);
            assertThat(kw(client, "DP-1")).isEqualTo(20);
            assertThat(kw(client, "DP-2")).isEqualTo(10);
            assertThat(allocation(client, "DP-1").get("at_risk").asBoolean()).isFalse();
            assertThat(allocation(client, "DP-2").get("at_risk").asBoolean()).isFalse();

            // DP-2 now needs 50 kWh by 11:10: more than 22 kW can give by then (at risk). Its laxity is the
            // least, but it cannot finish anyway: DP-1, which can, goes first. While DP-2 will be short, DP-1 takes
            // only its rate by the real departure (less 5 s): 40 kWh in 2 h 9 min 55 s = 18.48 kW (rounded up), and
            // DP-2 the 11.52 kW left; DP-1's margin (20 kW, 10 minutes early) would come after DP-2's cap
            var patched = client.patch(session("dp", "DP-2"), "{\"energy_needed_kwh\":50,\"departure_at\":\"2026-11-24T11:10:00Z\"}");
            assertThat(patched.status()).isEqualTo(200);
            assertThat(patched.json().get("energy_needed_kwh").asDouble()).isEqualTo(50);
            assertThat(patched.json().get("departure_at").asText()).isEqualTo("2026-11-24T11:10:00.000Z");
            assertThat(kw(client, "DP-2")).isEqualTo(11.52);
            assertThat(kw(client, "DP-1")).isEqualTo(18.48);
            assertThat(allocation(client, "DP-2").get("at_risk").asBoolean()).isTrue();
            assertThat(allocation(client, "DP-1").get("at_risk").asBoolean()).isFalse();

            // null clears the departure; the absent need stays
            var cleared = client.patch(session("dp", "DP-2"), "{\"departure_at\":null}");
            assertThat(cleared.json().get("departure_at").isNull()).isTrue();
            assertThat(cleared.json().get("energy_needed_kwh").asDouble()).isEqualTo(50);
            assertThat(kw(client, "DP-1")).isEqualTo(20);
            assertThat(kw(client, "DP-2")).isEqualTo(10);
            assertThat(allocation(client, "DP-2").get("at_risk").asBoolean()).isFalse();

            // the integral of the allocation, current when read: 30 minutes at 20 and 10 kW
            engine.advanceTo(T0.plus(Duration.ofMinutes(30)));
            assertThat(sessionOf(client, "DP-1").get("energy_delivered_kwh").asDouble()).isEqualTo(10);
            assertThat(sessionOf(client, "DP-2").get("energy_delivered_kwh").asDouble()).isEqualTo(5);
            // still 30 kWh in 1.5 h (aimed): 20 kW
            assertThat(kw(client, "DP-1")).isEqualTo(20);

            // the departure tick: every 5 minutes while DP-1 has a finite laxity
            var triggers = client.get("/api/v1/sites/dp/decisions").json().get("decisions").findValuesAsText("trigger");
            assertThat(triggers.stream().filter("departure"::equals).count()).isEqualTo(6 + 2); // 6 ticks and 2 PATCHes
            assertThat(engine.timers.next()).contains(T0.plus(Duration.ofMinutes(35)));

            // departure_aware off: today's equal sharing, at_risk still shown
            var off = client.put(smart("dp") + "/config", "{\"max_power_kw\":30,\"strategy\":\"equal\"}");
            assertThat(off.json().get("departure_aware").asBoolean()).isFalse();
            assertThat(kw(client, "DP-1")).isEqualTo(15);
            assertThat(kw(client, "DP-2")).isEqualTo(15);
            assertThat(client.get(smart("dp") + "/config").json().has("departure_aware")).isTrue();
        }
    }

    @Test
    void the_charger_meter_endpoint_s_energy_register_counts_from_the_session_s_first_reading() {
        try (var engine = new TestEngine(T0, dir.resolve("data"), null, null)) {
            var client = engine.client;
            client.put("/api/v1/sites/dp", SITE);
            client.put(smart("dp") + "/config", "{\"max_power_kw\":30,\"strategy\":\"equal\",\"departure_aware\":true}");
            client.post(session("dp", "DP-1"), "{\"energy_needed_kwh\":40,\"departure_at\":\"2026-11-24T11:10:00Z\"}");
            client.post(session("dp", "DP-2"));
            var meter = "/api/v1/sites/dp/chargers/DP-1/meter";
            assertThat(client.post(meter, "{\"energy_kwh\":5000}").status()).isEqualTo(204);
            assertThat(sessionOf(client, "DP-1").get("energy_delivered_kwh").asDouble()).isEqualTo(0);
            // 10 kWh over the first reading: 30 kWh left in 2 h (aimed) is 15 kW, equal gives 15 each
            assertThat(client.post(meter, "{\"energy_kwh\":5010, \"power_kw\": 15}").status()).isEqualTo(204);
            assertThat(sessionOf(client, "DP-1").get("energy_delivered_kwh").asDouble()).isEqualTo(10);
            assertThat(kw(client, "DP-1")).isEqualTo(15);
            assertThat(kw(client, "DP-2")).isEqualTo(15);
        }
    }

    @Test
    void the_energy_delivered_survives_a_restart() {
        var data = dir.resolve("data");
        try (var engine = new TestEngine(T0, data, null, null)) {
            engine.client.put("/api/v1/sites/dp", SITE);
            engine.client.put(smart("dp") + "/config", "{\"max_power_kw\":11,\"strategy\":\"equal\"}");
            engine.client.post(session("dp", "DP-1"), "{\"energy_needed_kwh\":40,\"departure_at\":\"2026-11-24T15:00:00Z\"}");
            engine.advanceTo(T0.plus(Duration.ofHours(1)));
            assertThat(sessionOf(engine.client, "DP-1").get("energy_delivered_kwh").asDouble()).isEqualTo(11);
        }
        // the engine stopped at 10:00; while it is down there is no allocation to integrate
        try (var engine = new TestEngine(T0.plus(Duration.ofHours(2)), data, null, null)) {
            var session = sessionOf(engine.client, "DP-1");
            assertThat(session.get("energy_delivered_kwh").asDouble()).isEqualTo(11);
            assertThat(session.get("departure_at").asText()).isEqualTo("2026-11-24T15:00:00.000Z");
            engine.advanceTo(T0.plus(Duration.ofHours(3)));
            assertThat(sessionOf(engine.client, "DP-1").get("energy_delivered_kwh").asDouble()).isEqualTo(22);
        }
    }
}
