package dev.dynamo.console.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link EngineApi} over HTTP with {@code java.net.http} and Jackson, like any other client. */
public final class HttpEngineClient implements EngineApi {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration HISTORY_TIMEOUT = Duration.ofSeconds(120);

    private final URI baseUri;
    private final String apiKey;
    private final HttpClient http;
    private final ObjectMapper json = JsonCodec.mapper();

    public HttpEngineClient(URI baseUri, String apiKey) {
        var text = baseUri.toString();
        this.baseUri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    @Override
    public URI baseUri() { return baseUri; }

    @Override
    public Health health() {
        var request = get("/health", REQUEST_TIMEOUT);
        var response = exchange(request);
        // 503 is an answer here: the engine runs but cannot persist, and its body says what fails
        if (response.statusCode() == 503) {
            try {
                return json.readValue(response.body(), Health.class);
            } catch (IOException e) {
                throw problem(response);
            }
        }
        return read(request, response, Health.class);
    }

    @Override
    public List<Site> sites() {
        return send(get("/api/v1/sites", REQUEST_TIMEOUT), SiteList.class).sites();
    }

    @Override
    public Site site(String siteId) {
        return send(get("/api/v1/sites/" + path(siteId), REQUEST_TIMEOUT), Site.class);
    }

    @Override
    public Optional<SiteConfig> config(String siteId) {
        try {
            return Optional.of(send(get(configPath(siteId), REQUEST_TIMEOUT), SiteConfig.class));
        } catch (EngineException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public SiteConfig putConfig(String siteId, ConfigRequest request) {
        return send(withBody("PUT", configPath(siteId), request), SiteConfig.class);
    }

    @Override
    public Allocation allocation(String siteId) {
        return send(get(smartPath(siteId) + "/allocation", REQUEST_TIMEOUT), Allocation.class);
    }

    @Override
    public History history(String siteId, Instant from, Instant to, HistoryInterval interval) {
        var query = "?from=" + query(from.toString()) + "&to=" + query(to.toString())
                + "&interval=" + interval.query();
        return send(get(smartPath(siteId) + "/allocation/history" + query, HISTORY_TIMEOUT), History.class);
    }

    @Override
    public RebalanceResult rebalance(String siteId) {
        return send(withBody("POST", smartPath(siteId) + "/rebalance", Map.of()), RebalanceResult.class);
    }

    @Override
    public Allocation previewAllocation(String siteId, ConfigRequest request) {
        return send(withBody("POST", smartPath(siteId) + "/allocation/preview", request), Allocation.class);
    }

    @Override
    public List<Decision> decisions(String siteId, Instant from, Instant to, int limit) {
        var query = "?from=" + query(from.toString()) + "&to=" + query(to.toString()) + "&limit=" + limit;
        return send(get("/api/v1/sites/" + path(siteId) + "/decisions" + query, HISTORY_TIMEOUT), DecisionList.class)
                .decisions();
    }

    @Override
    public Site putSite(String siteId, SiteRequest request) {
        return send(withBody("PUT", "/api/v1/sites/" + path(siteId), request), Site.class);
    }

    @Override
    public SessionInfo startSession(String siteId, String chargePointId, Double evMaxPowerKw) {
        Map<String, Object> body = evMaxPowerKw == null ? Map.of() : Map.of("ev_max_power_kw", evMaxPowerKw);
        return send(withBody("POST", sessionPath(siteId, chargePointId), body), SessionInfo.class);
    }

    @Override
    public void stopSession(String siteId, String chargePointId) {
        send(request(sessionPath(siteId, chargePointId), REQUEST_TIMEOUT).DELETE().build(), Void.class);
    }

    @Override
    public SessionInfo changeSession(String siteId, String chargePointId, SessionChange change) {
        return send(withBody("PATCH", sessionPath(siteId, chargePointId), change.body()), SessionInfo.class);
    }

    @Override
    public LimitList limits(String siteId) {
        return send(get("/api/v1/sites/" + path(siteId) + "/limits", REQUEST_TIMEOUT), LimitList.class);
    }

    @Override
    public ExternalLimit putLimit(String siteId, String source, double maxPowerKw, Instant validUntil, String reason) {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("max_power_kw", maxPowerKw);
        if (validUntil != null) body.put("valid_until", validUntil.toString());
        if (reason != null && !reason.isBlank()) body.put("reason", reason);
        return send(withBody("PUT", "/api/v1/sites/" + path(siteId) + "/limits/" + path(source), body), ExternalLimit.class);
    }

    @Override
    public void deleteLimit(String siteId, String source) {
        send(request("/api/v1/sites/" + path(siteId) + "/limits/" + path(source), REQUEST_TIMEOUT).DELETE().build(), Void.class);
    }

    private static String smartPath(String siteId) { return "/api/v1/smart-charging/sites/" + path(siteId); }

    private static String configPath(String siteId) { return smartPath(siteId) + "/config"; }

    private static String sessionPath(String siteId, String chargePointId) {
        return "/api/v1/sites/" + path(siteId) + "/chargers/" + path(chargePointId) + "/session";
    }

    private HttpRequest get(String path, Duration timeout) {
        return request(path, timeout).GET().build();
    }

    private HttpRequest withBody(String method, String path, Object body) {
        try {
            var bytes = json.writeValueAsBytes(body);
            return request(path, REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + body, e);
        }
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        var builder = HttpRequest.newBuilder(URI.create(baseUri + path))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder;
    }

    private <T> T send(HttpRequest request, Class<T> type) {
        return read(request, exchange(request), type);
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw EngineException.unreachable("The engine at " + baseUri + " did not answer in time", e);
        } catch (ConnectException e) {
            throw EngineException.unreachable("Cannot connect to the engine at " + baseUri, e);
        } catch (IOException e) {
            throw EngineException.unreachable("Connection to " + baseUri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineException.unreachable("Cancelled", e);
        }
    }

    private <T> T read(HttpRequest request, HttpResponse<byte[]> response, Class<T> type) {
        if (response.statusCode() >= 400) {
            throw problem(response);
        }
        if (type == Void.class || response.body().length == 0) {
            return null;
        }
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new EngineException(response.statusCode(),
                    "Unexpected answer from " + request.uri().getPath() + ": " + e.getMessage(), List.of());
        }
    }

    private EngineException problem(HttpResponse<byte[]> response) {
        try {
            var problem = json.readValue(response.body(), Problem.class);
            var detail = problem.detail() != null ? problem.detail()
                    : problem.title() != null ? problem.title() : "HTTP " + response.statusCode();
            return new EngineException(response.statusCode(), detail, problem.errors());
        } catch (IOException | RuntimeException e) {
            var detail = response.statusCode() == 401 ? "The API key was refused"
                    : "HTTP " + response.statusCode() + " from " + response.uri().getPath();
            return new EngineException(response.statusCode(), detail, List.of());
        }
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
