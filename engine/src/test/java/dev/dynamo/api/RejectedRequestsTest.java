package dev.dynamo.api;

import dev.dynamo.contract.ApiProblem;

import static dev.dynamo.api.ApiJson.charger;
import static dev.dynamo.api.ApiJson.equal;
import static dev.dynamo.api.ApiJson.session;
import static dev.dynamo.api.ApiJson.site;
import static dev.dynamo.api.ApiJson.smart;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.HttpTestClient.Response;
import dev.dynamo.testing.TestEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error status of contract section 5, each as problem JSON naming the field when one is to blame, and
 * each leaving the stored config, the sessions, the site and the history (decision count) as they were.
 */
class RejectedRequestsTest {
    private static final String CONFIG = smart("rj") + "/config";
    @TempDir
    static Path dir;
    static TestEngine engine;
    static HttpTestClient client;

    @BeforeAll
    static void start() {
        engine = new TestEngine(Instant.parse("2026-11-24T09:00:00Z"), dir.resolve("data"),
                TestEngine.sitesFile(dir, "{\"sites\":[" + site("rj", 100, charger("RJ-1", 22), charger("RJ-2", 22)) + "]}"),
                null);
        client = engine.client;
        assertThat(client.put(CONFIG, equal(30, 4.2)).status()).isEqualTo(201);
        engine.clock.advance(Duration.ofSeconds(1));
        assertThat(client.post(session("rj", "RJ-1"), "{\"ev_max_power_kw\":11}").status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** A rejected request, the status it must get and the field its problem must name (null: none). */
    record Rejection(String name, Supplier<Response> request, int status, String field) {
        @Override
        public String toString() { return name; }
    }

    private static byte[] oversized() {
        var body = new byte[(1 << 20) + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        return body;
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                new Rejection("unknown field", () -> client.put(CONFIG, "{\"max_power_kw\":20,\"strategy\":\"equal\",\"turbo\":true}"), 400, "turbo"),
                new Rejection("unknown field in a window", () -> client.put(CONFIG, "{\"max_power_kw\":20,\"strategy\":\"scheduled\","
                        + "\"schedule\":[{\"start\":\"17:00\",\"end\":\"21:00\",\"max_power_kw\":10,\"colour\":\"red\"}]}"), 400, "schedule[0].colour"),
                new Rejection("wrong type", () -> client.put(CONFIG, "{\"max_power_kw\":\"20\",\"strategy\":\"equal\"}"), 400, "max_power_kw"),
                new Rejection("not finite", () -> client.put(CONFIG, "{\"max_power_kw\":1e999,\"strategy\":\"equal\"}"), 400, "max_power_kw"),
                new Rejection("NaN literal", () -> client.put(CONFIG, "{\"max_power_kw\":NaN,\"strategy\":\"equal\"}"), 400, "max_power_kw"),
                new Rejection("unknown strategy", () -> client.put(CONFIG, "{\"max_power_kw\":20,\"strategy\":\"fastest\"}"), 400, "strategy"),
                new Rejection("duplicate key", () -> client.put(CONFIG, "{\"max_power_kw\":20,\"max_power_kw\":25,\"strategy\":\"equal\"}"), 400, "max_power_kw"),
                new Rejection("not JSON", () -> client.put(CONFIG, "{\"max_power_kw\":"), 400, null),
                new Rejection("not an object", () -> client.put(CONFIG, "[]"), 400, null),
                new Rejection("trailing content", () -> client.put(CONFIG, equal(20, 0) + " {}"), 400, null),
                new Rejection("empty body", () -> client.put(CONFIG, ""), 400, null),
                new Rejection("required field missing", () -> client.put(CONFIG, "{\"strategy\":\"equal\"}"), 422, "max_power_kw"),
                new Rejection("over capacity", () -> client.put(CONFIG, equal(101, 0)), 422, "max_power_kw"),
                new Rejection("floor above max", () -> client.put(CONFIG, equal(20, 21)), 422, "min_power_per_charger_kw"),
                new Rejection("priority without order", () -> client.put(CONFIG, "{\"max_power_kw\":20,\"strategy\":\"priority\"}"), 422, "priority_order"),
                new Rejection("empty schedule", () -> client.put(CONFIG, "{\"max_power_kw\":20,\"strategy\":\"scheduled\",\"schedule\":[]}"), 422, "schedule"),
                new Rejection("unknown charger id", () -> client.put(CONFIG, "{\"max_power_kw\":20,\"strategy\":\"priority\",\"priority_order\":[\"RJ-9\"]}"), 422, "priority_order[0]"),
                new Rejection("duplicate ids", () -> client.put(CONFIG, "{\"max_power_kw\":20,\"strategy\":\"priority\",\"priority_order\":[\"RJ-1\",\"RJ-1\"]}"), 422, "priority_order[1]"),
                new Rejection("overlapping windows", () -> client.put(CONFIG, "{\"max_power_kw\":20,\"strategy\":\"scheduled\",\"schedule\":["
                        + "{\"days\":[\"MON\"],\"start\":\"22:00\",\"end\":\"06:00\",\"max_power_kw\":10},"
                        + "{\"days\":[\"TUE\"],\"start\":\"05:00\",\"end\":\"07:00\",\"max_power_kw\":10}]}"), 422, "schedule[1]"),
                new Rejection("over 1 MiB", () -> client.send("PUT", CONFIG, "application/json", oversized()), 413, null),
                new Rejection("not application/json", () -> client.send("PUT", CONFIG, "text/plain",
                        equal(20, 0).getBytes(StandardCharsets.UTF_8)), 415, null),
                new Rejection("method not allowed", () -> client.delete(CONFIG), 405, null),
                new Rejection("unknown site", () -> client.put(smart("nowhere") + "/config", equal(20, 0)), 404, null),
                new Rejection("session already active", () -> client.post(session("rj", "RJ-1")), 409, null),
                new Rejection("session on an unknown charger", () -> client.post(session("rj", "RJ-9")), 404, null),
                new Rejection("session with an unknown field", () -> client.post(session("rj", "RJ-2"), "{\"soc\":50}"), 400, "soc"),
                new Rejection("session with a wrong type", () -> client.post(session("rj", "RJ-2"), "{\"ev_max_power_kw\":true}"), 400, "ev_max_power_kw"),
                new Rejection("session body not JSON typed", () -> client.send("POST", session("rj", "RJ-2"), "text/plain",
                        "{}".getBytes(StandardCharsets.UTF_8)), 415, null),
                new Rejection("stop without a session", () -> client.delete(session("rj", "RJ-2")), 404, null),
                new Rejection("rebalance with a field", () -> client.post(smart("rj") + "/rebalance", "{\"force\":true}"), 400, "force"),
                new Rejection("site breaking the config", () -> client.put("/api/v1/sites/rj", site("rj", 20, charger("RJ-1", 22), charger("RJ-2", 22))),
                        422, null),
                new Rejection("site with an unknown field", () -> client.put("/api/v1/sites/rj",
                        "{\"timezone\":\"UTC\",\"grid_connection_capacity_kw\":100,\"chargers\":[],\"owner\":\"me\"}"), 400, "owner"),
                new Rejection("bad history interval", () -> client.get(smart("rj") + "/allocation/history?interval=7min"), 400, "interval"),
                new Rejection("bad history time", () -> client.get(smart("rj") + "/allocation/history?to=tomorrow"), 400, "to"),
                new Rejection("history from after to", () -> client.get(smart("rj") + "/allocation/history?from=2026-11-24&to=2026-11-23"),
                        400, "from")
        ).map(Arguments::of);
    }

    private record State(String config, String allocation, String site, int decisions) {}

    private static State state() {
        return new State(client.get(CONFIG).raw().body(), client.get(smart("rj") + "/allocation").raw().body(),
                client.get("/api/v1/sites/rj").raw().body(),
                client.get("/api/v1/sites/rj/decisions?limit=1000").json().get("decisions").size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void a_rejected_request_is_problem_json_naming_the_field_and_changes_nothing(Rejection rejection) {
        var before = state();
        engine.clock.advance(Duration.ofSeconds(1)); // a write that slipped through would show a new time

        var response = rejection.request().get();

        assertThat(response.status()).as(response.toString()).isEqualTo(rejection.status());
        assertThat(response.contentType()).startsWith("application/problem+json");
        var problem = response.json();
        assertThat(problem.get("type").asText()).isEqualTo("about:blank");
        assertThat(problem.get("title").asText()).isEqualTo(ApiProblem.titleOf(rejection.status()));
        assertThat(problem.get("status").asInt()).isEqualTo(rejection.status());
        assertThat(problem.get("detail").asText()).isNotBlank().doesNotContain("Exception", "`", "REDACTED");
        if (rejection.field() != null) {
            assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).contains(rejection.field());
        }
        engine.server.sites().awaitIdle();
        assertThat(state()).isEqualTo(before);
    }
}
