package dev.dynamo.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynamo.server.EngineOptions;
import dev.dynamo.server.EngineServer;
import dev.dynamo.server.EnginePlugin;
import dev.dynamo.site.SiteRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.UnaryOperator;

/** The real engine with the OCPP plugin, on a random loopback port, from a sites file written by the test. */
final class OcppEngine implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final EngineServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    OcppEngine(Duration commLossGrace, String sitesJson) {
        this(commLossGrace, sitesJson, UnaryOperator.identity());
    }

    OcppEngine(Duration commLossGrace, String sitesJson, UnaryOperator<EngineOptions> more) {
        try {
            dir = Files.createTempDirectory("dynamo-ocpp-test");
            Files.writeString(dir.resolve("sites.json"), sitesJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EnginePlugin ocpp = new OcppPlugin();
        server = EngineServer.start(more.apply(EngineOptions.defaults().withPort(0).withDataDir(dir)
                .withSitesFile(dir.resolve("sites.json")).withCommLossGrace(commLossGrace).withPlugin(ocpp)));
    }

    String url() {
        return "ws://127.0.0.1:" + server.port() + "/ocpp";
    }

    int port() {
        return server.port();
    }

    SiteRegistry sites() {
        return server.sites();
    }

    /** PUT .../config; returns the status code. */
    int putConfig(String siteId, String configJson) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(api("/api/v1/smart-charging/sites/" + siteId + "/config"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(configJson)).build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("config refused: " + response.body());
        }
        return response.statusCode();
    }

    /** PUT /api/v1/sites/{id}; returns the status code. */
    int putSite(String siteId, String siteJson) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(api("/api/v1/sites/" + siteId))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(siteJson)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Any request; returns the status code. */
    int status(String method, String path) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(api(path)).method(method, method.equals("POST")
                ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody())
                .header("Content-Type", "application/json").build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** GET .../allocation as JSON. */
    JsonNode allocation(String siteId) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(api("/api/v1/smart-charging/sites/" + siteId + "/allocation")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("allocation: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private URI api(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Override
    public void close() {
        server.close();
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
