package dev.dynamo.console.testengine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dynamo.console.client.JsonCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small stand-in engine speaking the contract over real HTTP on loopback, for client and UI tests:
 * one site, sessions, config with the contract's main validation, equal and priority sharing.
 */
public final class FakeEngine implements AutoCloseable {
    public static final String SITE_ID = "demo-site";
    private static final ObjectMapper JSON = JsonCodec.mapper();

    private final HttpServer server;
    private final String apiKey;
    private final double capacityKw;
    private final Map<String, Double> chargerMaxKw = new LinkedHashMap<>();
    private final Map<String, Instant> sessions = new TreeMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, ObjectNode> plans = new TreeMap<>();
    private ObjectNode config;
    private Instant calculatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    public FakeEngine(String apiKey, double capacityKw, Map<String, Double> chargers) throws IOException {
        this.apiKey = apiKey;
        this.capacityKw = capacityKw;
        chargerMaxKw.putAll(chargers);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI baseUri() { return URI.create("http://127.0.0.1:" + server.getAddress().getPort()); }

    /** "METHOD path body" of every request, in order. */
    public List<String> requests() { return List.copyOf(requests); }

    public synchronized JsonNode storedConfig() { return config == null ? null : config.deepCopy(); }

    @Override
    public void close() { server.stop(0); }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var method = exchange.getRequestMethod();
            var path = exchange.getRequestURI().getPath();
            var body = new String(exchange.getRequestBody().readAllBytes());
            requests.add(method + " " + path + (body.isEmpty() ? "" : " " + body));
            if (path.equals("/health")) {
                send(exchange, 200, JSON.createObjectNode().put("status", "ok").put("version", "fake-1"));
                return;
            }
            if (apiKey != null && !("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                problem(exchange, 401, "API key required", List.of());
                return;
            }
            route(exchange, method, path, body);
        } catch (RuntimeException e) {
            problem(exchange, 500, String.valueOf(e), List.of());
        }
    }

    private void route(HttpExchange exchange, String method, String path, String body) throws IOException {
        var smart = "/api/v1/smart-charging/sites/" + SITE_ID;
        var sessionPrefix = "/api/v1/sites/" + SITE_ID + "/chargers/";
        if (path.equals("/api/v1/sites")) {
            var sites = JSON.createObjectNode();
            sites.putArray("sites").add(site());
            send(exchange, 200, sites);
        } else if (path.equals("/api/v1/sites/" + SITE_ID)) {
            send(exchange, 200, site());
        } else if (path.equals(smart + "/config") && method.equals("GET")) {
            if (config == null) problem(exchange, 404, "site demo-site has no config", List.of());
            else send(exchange, 200, config);
        } else if (path.equals(smart + "/config") && method.equals("PUT")) {
            putConfig(exchange, (ObjectNode) JSON.readTree(body));
        } else if (path.equals(smart + "/allocation/preview") && method.equals("POST")) {
            var request = (ObjectNode) JSON.readTree(body);
            if (validate(exchange, request)) send(exchange, 200, allocation(request));
        } else if (path.equals(smart + "/allocation")) {
            if (config == null) problem(exchange, 404, "site demo-site has no config", List.of());
            else send(exchange, 200, allocation());
        } else if (path.equals(smart + "/rebalance")) {
            calculatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            var result = JSON.createObjectNode().put("site_id", SITE_ID).put("applied_at", calculatedAt.toString())
                    .put("chargers_recalculated", sessions.size());
            result.set("allocations", allocation().get("allocations"));
            send(exchange, 200, result);
        } else if (path.equals(smart + "/allocation/history")) {
            send(exchange, 200, history(exchange.getRequestURI().getQuery()));
        } else if (path.startsWith(sessionPrefix) && path.endsWith("/session")) {
            var cp = path.substring(sessionPrefix.length(), path.length() - "/session".length());
            if (method.equals("POST")) {
                if (sessions.containsKey(cp)) { problem(exchange, 409, "session already active", List.of()); return; }
                sessions.put(cp, Instant.now().plusMillis(sessions.size()).truncatedTo(ChronoUnit.MILLIS));
                calculatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                send(exchange, 201, JSON.createObjectNode().put("session_id", "s-" + cp).put("site_id", SITE_ID)
                        .put("charge_point_id", cp).put("started_at", sessions.get(cp).toString()));
            } else if (method.equals("PATCH")) {
                // contract 10: need and departure of the session in progress, echoed back as stored
                if (!sessions.containsKey(cp)) { problem(exchange, 404, "no session on " + cp, List.of()); return; }
                var change = JSON.readTree(body);
                var plan = plans.computeIfAbsent(cp, _ -> JSON.createObjectNode());
                for (var field : List.of("energy_needed_kwh", "departure_at")) {
                    if (change.has(field)) plan.set(field, change.get(field));
                }
                var session = JSON.createObjectNode().put("session_id", "s-" + cp).put("site_id", SITE_ID)
                        .put("charge_point_id", cp).put("started_at", sessions.get(cp).toString())
                        .put("energy_delivered_kwh", 0.0);
                session.setAll(plan);
                send(exchange, 200, session);
            } else {
                sessions.remove(cp);
                plans.remove(cp);
                exchange.sendResponseHeaders(204, -1);
            }
        } else {
            problem(exchange, 404, "no route " + path, List.of());
        }
    }

    private void putConfig(HttpExchange exchange, ObjectNode request) throws IOException {
        if (!validate(exchange, request)) return;
        var created = config == null;
        var stored = request.deepCopy();
        stored.put("site_id", SITE_ID);
        if (!stored.has("priority_order")) stored.putArray("priority_order");
        if (!stored.has("schedule")) stored.putArray("schedule");
        if (!stored.has("min_power_per_charger_kw")) stored.put("min_power_per_charger_kw", 0);
        if (!stored.has("redistribute_unused")) stored.put("redistribute_unused", false);
        if (!stored.has("rotation_period_min")) stored.putNull("rotation_period_min");
        stored.put("updated_at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        config = stored;
        calculatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        send(exchange, created ? 201 : 200, config);
    }

    /** The contract's main config rules; false once a 422 is sent. */
    private boolean validate(HttpExchange exchange, ObjectNode request) throws IOException {
        var errors = new ArrayList<Map<String, String>>();
        var max = request.path("max_power_kw").asDouble(0);
        if (max <= 0 || max > capacityKw) {
            errors.add(Map.of("field", "max_power_kw", "message",
                    "must not exceed " + fmt(capacityKw) + " kW (grid connection capacity)"));
        }
        var strategy = request.path("strategy").asText("");
        if (strategy.equals("priority") && request.path("priority_order").isEmpty()) {
            errors.add(Map.of("field", "priority_order", "message", "required for strategy priority"));
        }
        if (!errors.isEmpty()) {
            problem(exchange, 422, "max_power_kw " + fmt(max) + " exceeds the grid connection capacity of site "
                    + SITE_ID + " (" + fmt(capacityKw) + " kW)", errors);
            return false;
        }
        return true;
    }

    private ObjectNode site() {
        var site = JSON.createObjectNode().put("site_id", SITE_ID).put("name", "Demo Depot")
                .put("timezone", "Europe/Amsterdam").put("grid_connection_capacity_kw", capacityKw);
        var chargers = site.putArray("chargers");
        chargerMaxKw.forEach((cp, max) -> {
            var charger = chargers.addObject().put("charge_point_id", cp).put("max_power_kw", max)
                    .put("phases", 3).put("voltage_v", 230).put("charging_rate_unit", "W").put("connected", false);
            if (sessions.containsKey(cp)) {
                charger.putObject("session").put("session_id", "s-" + cp).put("charge_point_id", cp)
                        .put("started_at", sessions.get(cp).toString());
            } else {
                charger.putNull("session");
            }
        });
        return site;
    }

    private Map<String, Double> shares() { return shares(config); }

    private Map<String, Double> shares(JsonNode config) {
        var budget = config.path("max_power_kw").asDouble();
        var order = new ArrayList<String>();
        config.path("priority_order").forEach(n -> { if (sessions.containsKey(n.asText())) order.add(n.asText()); });
        sessions.keySet().stream().filter(cp -> !order.contains(cp)).forEach(order::add);
        var shares = new LinkedHashMap<String, Double>();
        if (config.path("strategy").asText().equals("priority")) {
            for (var cp : order) {
                var share = Math.min(chargerMaxKw.get(cp), budget);
                shares.put(cp, share);
                budget -= share;
            }
        } else {
            // water-filling: equal shares, what a capped charger cannot take goes to the others
            var open = new ArrayList<>(order.stream().sorted((a, b) -> Double.compare(chargerMaxKw.get(a), chargerMaxKw.get(b))).toList());
            while (!open.isEmpty()) {
                var cp = open.removeFirst();
                var share = Math.min(chargerMaxKw.get(cp), budget / (open.size() + 1));
                shares.put(cp, Math.floor(share * 100) / 100);
                budget -= shares.get(cp);
            }
        }
        return shares;
    }

    private ObjectNode allocation() { return allocation(config); }

    private ObjectNode allocation(JsonNode config) {
        var shares = shares(config);
        var result = JSON.createObjectNode().put("site_id", SITE_ID).put("strategy", config.path("strategy").asText())
                .put("total_budget_kw", config.path("max_power_kw").asDouble())
                .put("total_allocated_kw", shares.values().stream().mapToDouble(Double::doubleValue).sum())
                .put("calculated_at", calculatedAt.toString());
        ArrayNode allocations = result.putArray("allocations");
        new TreeMap<>(shares).forEach((cp, kw) -> allocations.addObject().put("charge_point_id", cp)
                .put("allocated_kw", kw).put("max_power_kw", chargerMaxKw.get(cp))
                .put("status", kw > 0 ? "charging" : "queued").put("session_id", "s-" + cp)
                .put("session_started_at", sessions.get(cp).toString()).putNull("measured_kw"));
        return result;
    }

    private ObjectNode history(String query) {
        var params = new LinkedHashMap<String, String>();
        for (var part : query.split("&")) {
            var kv = part.split("=", 2);
            params.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        var from = Instant.parse(params.get("from"));
        var to = Instant.parse(params.get("to"));
        var step = switch (params.get("interval")) {
            case "1min" -> 60L; case "5min" -> 300L; case "15min" -> 900L; default -> 3600L;
        };
        var result = JSON.createObjectNode().put("site_id", SITE_ID).put("from", from.toString())
                .put("to", to.toString()).put("interval", params.get("interval"));
        var buckets = result.putArray("buckets");
        var shares = config == null ? Map.<String, Double>of() : new TreeMap<>(shares());
        var total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        for (var t = from.getEpochSecond() / step * step; t < to.getEpochSecond(); t += step) {
            var bucket = buckets.addObject().put("start", Instant.ofEpochSecond(t).toString())
                    .put("end", Instant.ofEpochSecond(t + step).toString())
                    .put("avg_budget_kw", config == null ? 0 : config.path("max_power_kw").asDouble())
                    .put("avg_allocated_kw", total).put("max_allocated_kw", total).put("decisions", 0);
            var chargers = bucket.putArray("chargers");
            shares.forEach((cp, kw) -> chargers.addObject().put("charge_point_id", cp)
                    .put("avg_allocated_kw", kw).put("max_allocated_kw", kw));
        }
        return result;
    }

    private static String fmt(double kw) {
        return kw == Math.rint(kw) ? String.valueOf((long) kw) : String.valueOf(kw);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        var bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void problem(HttpExchange exchange, int status, String detail, List<Map<String, String>> errors)
            throws IOException {
        var body = JSON.createObjectNode().put("type", "about:blank").put("title", "Error").put("status", status)
                .put("detail", detail);
        if (!errors.isEmpty()) body.set("errors", JSON.valueToTree(errors));
        var bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
