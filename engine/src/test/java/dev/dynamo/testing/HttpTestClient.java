package dev.dynamo.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** A small JSON client over java.net.http for tests against a real server. */
public final class HttpTestClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final String apiKey;

    public HttpTestClient(URI base) { this(base, null); }

    public HttpTestClient(URI base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    public record Response(int status, HttpResponse<String> raw, JsonNode json) {
        public Optional<String> header(String name) { return raw.headers().firstValue(name); }

        public String contentType() { return header("Content-Type").orElse(""); }

        @Override
        public String toString() { return status + " " + raw.body(); }
    }

    public Response get(String path) { return send(builder(path).GET()); }

    public Response delete(String path) { return send(builder(path).DELETE()); }

    public Response put(String path, String json) { return send(json(builder(path), "PUT", json)); }

    public Response post(String path, String json) { return send(json(builder(path), "POST", json)); }

    public Response patch(String path, String json) { return send(json(builder(path), "PATCH", json)); }

    public Response post(String path) { return send(builder(path).POST(HttpRequest.BodyPublishers.noBody())); }

    /** Any method, body and content type (null for none). */
    public Response send(String method, String path, String contentType, byte[] body) {
        var builder = builder(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) builder.header("Content-Type", contentType);
        return send(builder);
    }

    public Response withHeader(String method, String path, String header, String value) {
        return send(HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody())
                .header(header, value));
    }

    private HttpRequest.Builder builder(String path) {
        var builder = HttpRequest.newBuilder(base.resolve(path));
        if (apiKey != null) builder.header("Authorization", "Bearer " + apiKey);
        return builder;
    }

    private static HttpRequest.Builder json(HttpRequest.Builder builder, String method, String json) {
        return builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (!response.body().isBlank()) {
                try {
                    json = MAPPER.readTree(response.body());
                } catch (IOException notJson) {
                    json = null;
                }
            }
            return new Response(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
