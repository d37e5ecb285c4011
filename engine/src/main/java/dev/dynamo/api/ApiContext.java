package dev.dynamo.api;

import dev.dynamo.history.HistoryService;
import dev.dynamo.site.SiteRegistry;
import io.javalin.config.JavalinConfig;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.Consumer;

/**
 * What the HTTP API is built from.
 *
 * @param apiKey     the bearer key every {@code /api/v1} request needs, or null for none
 * @param extensions more configuration of the same app (the OCPP connector adds its WebSocket route)
 * @param health     what fails, by part ({@code store}, {@code decision_log}): empty while the engine can persist
 */
public record ApiContext(SiteRegistry sites, HistoryService history, Clock clock, String apiKey,
                         List<Consumer<JavalinConfig>> extensions, Supplier<Map<String, String>> health) {
    public ApiContext {
        extensions = List.copyOf(extensions);
    }

    public ApiContext(SiteRegistry sites, HistoryService history, Clock clock, String apiKey,
                      List<Consumer<JavalinConfig>> extensions) {
        this(sites, history, clock, apiKey, extensions, Map::of);
    }
}
