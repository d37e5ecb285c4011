package dev.dynamo.api;

import static dev.dynamo.api.ApiJson.charger;
import static dev.dynamo.api.ApiJson.session;
import static dev.dynamo.api.ApiJson.site;
import static dev.dynamo.api.ApiJson.smart;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynamo.contract.SiteDocuments;
import dev.dynamo.testing.TestEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET .../allocation serves a body serialised once per decision: exact length, gzip on request, new after a change. */
class AllocationBodyApiTest {
    @TempDir
    static Path dir;
    static TestEngine engine;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper MAPPER = new ObjectMapper();

    @BeforeAll
    static void start() {
        engine = new TestEngine(Instant.parse("2026-11-24T09:00:00Z"), dir.resolve("data"),
                TestEngine.sitesFile(dir, "{\"sites\":[]}"), null);
        var chargers = new String[30];
        for (int i = 0; i < chargers.length; i++) chargers[i] = charger("B-%03d".formatted(i + 1), 22);
        engine.client.put("/api/v1/sites/body", site("body", 500, chargers));
        engine.client.put(smart("body") + "/config", "{\"max_power_kw\": 300, \"strategy\": \"equal\"}");
        for (int i = 0; i < 20; i++) {
            engine.clock.advance(Duration.ofSeconds(1));
            engine.client.post(session("body", "B-%03d".formatted(i + 1)));
        }
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static HttpResponse<byte[]> get(String acceptEncoding) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(engine.server.baseUri().resolve(smart("body") + "/allocation")).GET();
        if (acceptEncoding != null) request.header("Accept-Encoding", acceptEncoding);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    @Test
    void the_body_has_its_exact_length_and_is_the_same_gzipped_for_a_client_that_asks() throws Exception {
        var plain = get(null);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Type").orElseThrow().replace(" ", "")).isEqualTo("application/json;charset=utf-8");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.headers().firstValueAsLong("Content-Length")).hasValue(plain.body().length);
        var json = MAPPER.readTree(plain.body());
        assertThat(json.get("allocations")).hasSize(20);
        assertThat(json.get("allocations").get(0).get("limited_by").asText()).isEqualTo("budget");

        var zipped = get("br, gzip;q=0.8");
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(zipped.body().length).isLessThan(plain.body().length / 3);
        assertThat(gunzip(zipped.body())).isEqualTo(plain.body());

        var refused = get("gzip;q=0, identity");
        assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(refused.body()).isEqualTo(plain.body());
    }

    @Test
    void the_cached_body_is_byte_for_byte_what_jackson_writes_for_the_snapshot_with_the_right_length_plain_and_gzipped()
            throws Exception {
        var view = engine.server.sites().site("body").orElseThrow().view();
        var expected = SiteDocuments.write(ResponseJson.allocation(view.allocationIfAny().orElseThrow(), view.meters()))
                .getBytes(StandardCharsets.UTF_8);

        var plain = get(null);
        assertThat(plain.body()).isEqualTo(expected);
        assertThat(plain.headers().firstValueAsLong("Content-Length")).hasValue(expected.length);
        assertThat(plain.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(plain.headers().allValues("Vary")).contains("Accept-Encoding");

        var zipped = get("gzip");
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(zipped.headers().firstValueAsLong("Content-Length")).hasValue(zipped.body().length);
        assertThat(zipped.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(gunzip(zipped.body())).isEqualTo(expected);
        // a second reader gets the same compressed bytes (compressed once per decision)
        assertThat(get("gzip").body()).isEqualTo(zipped.body());
    }

    @Test
    void a_new_decision_is_served_at_once_plain_and_gzipped() throws Exception {
        var before = MAPPER.readTree(get(null).body());
        engine.clock.advance(Duration.ofSeconds(1));
        assertThat(engine.client.post(session("body", "B-030")).status()).isEqualTo(201);

        var plain = MAPPER.readTree(get(null).body());
        var zipped = MAPPER.readTree(gunzip(get("gzip").body()));
        assertThat(plain.get("allocations")).hasSize(before.get("allocations").size() + 1);
        assertThat(zipped).isEqualTo(plain);

        engine.client.delete(session("body", "B-030"));
        assertThat(MAPPER.readTree(gunzip(get("gzip").body())).get("allocations")).hasSize(before.get("allocations").size());
    }

    @Test
    void accept_encoding_is_read_as_codings_with_weights() {
        assertThat(CachedBody.acceptsGzip(null)).isFalse();
        assertThat(CachedBody.acceptsGzip("gzip")).isTrue();
        assertThat(CachedBody.acceptsGzip("deflate, GZIP ; q=0.5")).isTrue();
        assertThat(CachedBody.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(CachedBody.acceptsGzip("gzip; q=0.000")).isFalse();
        assertThat(CachedBody.acceptsGzip("x-gzip, br")).isFalse();
    }
}
