package dev.dynamo.server;

import dev.dynamo.site.SiteRegistry;
import io.javalin.config.JavalinConfig;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /bench/trivial}: a constant small JSON answer, the baseline the allocation endpoint's
 * throughput is compared with (engine/scripts/bench-allocation-http.sh). Mounted only by the hidden
 * {@code serve --bench-endpoints} flag, never by default.
 */
public final class BenchEndpointsPlugin implements EnginePlugin {
    public static final String TRIVIAL_PATH = "/bench/trivial";
    private static final byte[] TRIVIAL_BODY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    @Override
    public void install(JavalinConfig app, SiteRegistry sites, EngineOptions options) {
        // the same content type and body handling as the API's handlers, so only the work differs
        app.routes.get(TRIVIAL_PATH, ctx -> ctx.status(200).contentType("application/json; charset=utf-8").result(TRIVIAL_BODY));
    }
}
