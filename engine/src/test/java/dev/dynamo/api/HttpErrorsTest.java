package dev.dynamo.api;

import static dev.dynamo.api.ApiJson.charger;
import static dev.dynamo.api.ApiJson.equal;
import static dev.dynamo.api.ApiJson.site;
import static dev.dynamo.api.ApiJson.smart;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.testing.HttpTestClient;
import dev.dynamo.testing.HttpTestClient.Response;
import dev.dynamo.testing.TestEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors outside any handler (no route, wrong method, body size and type) and authentication. */
class HttpErrorsTest {
    private static final String KEY = "test-key-0123456789";
    @TempDir
    static Path dir;
    static TestEngine engine;
    static HttpTestClient client;

    @BeforeAll
    static void start() {
        engine = new TestEngine(Instant.parse("2026-11-24T09:00:00Z"), dir.resolve("data"),
                TestEngine.sitesFile(dir, "{\"sites\":[" + site("err", 100, charger("ER-001", 22)) + "]}"), KEY);
        client = engine.client;
        assertThat(client.put(smart("err") + "/config", equal(50, 0)).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("about:blank");
        assertThat(response.json().get("title").asText()).isNotBlank();
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("detail").asText()).isNotBlank();
        assertThat(response.raw().body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void an_unknown_path_is_404_problem_json() {
        assertProblem(client.get("/api/v1/nothing-here"), 404);
        assertProblem(client.get("/favicon.ico"), 404);
    }

    @Test
    void a_wrong_method_is_405_problem_json() {
        assertProblem(client.delete(smart("err") + "/config"), 405);
        assertProblem(client.post("/health"), 405);
        assertProblem(client.put("/api/v1/sites", "{}"), 405);
    }

    @Test
    void a_405_names_the_allowed_methods_in_allow() {
        assertThat(client.delete(smart("err") + "/config").header("Allow")).hasValueSatisfying(allow ->
                assertThat(allow.split(", ")).containsExactlyInAnyOrder("GET", "PUT"));
        assertThat(client.get(smart("err") + "/rebalance").header("Allow")).hasValue("POST");
        assertThat(client.post("/health").header("Allow")).hasValue("GET");
    }

    @Test
    void with_a_key_an_unknown_api_path_is_401_before_404_so_the_paths_are_not_probed_anonymously() {
        var anonymous = new HttpTestClient(engine.server.baseUri());
        assertProblem(anonymous.get("/api/v1/nothing-here"), 401);
        assertProblem(client.get("/api/v1/nothing-here"), 404);
        assertProblem(anonymous.get("/nothing-here"), 404);
        assertProblem(anonymous.get("/bench/trivial"), 404); // the benchmark's baseline only with --bench-endpoints
    }

    @Test
    void a_body_over_one_mebibyte_is_413_and_changes_nothing() {
        var huge = new byte[(1 << 20) + 10];
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        assertProblem(client.send("PUT", smart("err") + "/config", "application/json", huge), 413);
        assertThat(client.get(smart("err") + "/config").json().get("max_power_kw").asDouble()).isEqualTo(50);
    }

    @Test
    void a_body_that_is_not_application_json_is_415() {
        var body = equal(20, 0).getBytes(StandardCharsets.UTF_8);
        assertProblem(client.send("PUT", smart("err") + "/config", "text/plain", body), 415);
        assertProblem(client.send("PUT", smart("err") + "/config", null, body), 415);
        assertThat(client.send("PUT", smart("err") + "/config", "application/json; charset=utf-8", body).status()).isEqualTo(200);
        assertThat(client.put(smart("err") + "/config", equal(50, 0)).status()).isEqualTo(200);
    }

    @Test
    void without_the_key_or_with_a_wrong_one_every_api_request_is_401_with_a_bearer_challenge() {
        var anonymous = new HttpTestClient(engine.server.baseUri());
        var wrong = new HttpTestClient(engine.server.baseUri(), "not-the-key");
        for (var c : new HttpTestClient[] {anonymous, wrong}) {
            var response = c.get("/api/v1/sites");
            assertProblem(response, 401);
            assertThat(response.header("WWW-Authenticate")).contains("Bearer");
            assertProblem(c.put(smart("err") + "/config", equal(10, 0)), 401);
        }
        assertThat(client.get(smart("err") + "/config").json().get("max_power_kw").asDouble()).isEqualTo(50);
        assertProblem(anonymous.withHeader("GET", "/api/v1/sites", "Authorization", "Basic " + KEY), 401);
    }

    @Test
    void health_needs_no_key_and_the_right_key_opens_the_api() {
        assertThat(new HttpTestClient(engine.server.baseUri()).get("/health").status()).isEqualTo(200);
        assertThat(client.get("/api/v1/sites").status()).isEqualTo(200);
    }

    @Test
    void the_bearer_scheme_is_matched_whatever_its_case() {
        var anonymous = new HttpTestClient(engine.server.baseUri());
        for (var scheme : new String[] {"bearer", "BEARER", "Bearer", "bEaReR"}) {
            assertThat(anonymous.withHeader("GET", "/api/v1/sites", "Authorization", scheme + " " + KEY).status())
                    .as(scheme).isEqualTo(200);
        }
        assertProblem(anonymous.withHeader("GET", "/api/v1/sites", "Authorization", "Bearer" + KEY), 401);
        assertProblem(anonymous.withHeader("GET", "/api/v1/sites", "Authorization", "Bearer " + KEY + "x"), 401);
    }
}
