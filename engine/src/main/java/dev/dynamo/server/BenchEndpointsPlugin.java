package dev.dynamo.server;

import dev.dynamo.api.CachedBody;
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
    private static final CachedBody TRIVIAL_BODY = CachedBody.of("{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8));

    @Override
    public void install(JavalinConfig app, SiteRegistry sites, EngineOptions options) {
        // the same body handling as GET .../allocation (a body serialised once), so only the work differs
        app.routes.get(TRIVIAL_PATH, ctx -> TRIVIAL_BODY.send(ctx, 200));
    }
}
