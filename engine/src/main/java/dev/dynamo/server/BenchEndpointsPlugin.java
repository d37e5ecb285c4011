package dev.dynamo.server;

import dev.dynamo.api.CachedBody;
import dev.dynamo.contract.ApiProblem;
import dev.dynamo.contract.FieldError;
import dev.dynamo.site.SiteRegistry;
import io.javalin.config.JavalinConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /bench/trivial}: a constant small JSON answer, the baseline the allocation endpoint's
 * throughput is compared with (engine/scripts/bench-allocation-http.sh). {@code GET /bench/padded?bytes=N}:
 * a constant JSON body of exactly N bytes, sent the same way, which tells what moving a body of the
 * allocation's size costs by itself (the kernel's copies, the client's reading) apart from any work of
 * the route. Mounted only by the hidden {@code serve --bench-endpoints} flag, never by default.
 */
public final class BenchEndpointsPlugin implements EnginePlugin {
    public static final String TRIVIAL_PATH = "/bench/trivial";
    public static final String PADDED_PATH = "/bench/padded";
    static final int MAX_PADDED_BYTES = 1 << 20;
    private static final String PADDED_OPEN = "{\"padding\":\"";
    private static final String PADDED_CLOSE = "\"}";
    private static final int MIN_PADDED_BYTES = PADDED_OPEN.length() + PADDED_CLOSE.length();
    private static final CachedBody TRIVIAL_BODY = CachedBody.of("{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8));

    private record Padded(String query, CachedBody body) {}

    // the last query and its body: a benchmark asks for one size over and over, so a request costs one string comparison
    private volatile Padded padded = new Padded("", null);

    @Override
    public void install(JavalinConfig app, SiteRegistry sites, EngineOptions options) {
        // the same body handling as GET .../allocation (a body serialised once), so only the work differs
        app.routes.get(TRIVIAL_PATH, ctx -> TRIVIAL_BODY.send(ctx, 200));
        app.routes.get(PADDED_PATH, ctx -> {
            var last = padded;
            var query = ctx.queryString();
            var body = query != null && query.equals(last.query()) ? last.body() : null;
            if (body == null) {
                body = paddedBody(ctx.queryParam("bytes"));
                padded = new Padded(query, body);
            }
            body.send(ctx, 200);
        });
    }

    private static CachedBody paddedBody(String bytesParam) {
        int bytes;
        try {
            bytes = Integer.parseInt(bytesParam == null ? "" : bytesParam.strip());
        } catch (NumberFormatException e) {
            bytes = -1;
        }
        if (bytes < MIN_PADDED_BYTES || bytes > MAX_PADDED_BYTES) {
            var message = "bytes must be a whole number from " + MIN_PADDED_BYTES + " to " + MAX_PADDED_BYTES;
            throw ApiProblem.badRequest(message, List.of(new FieldError("bytes", message)));
        }
        var json = PADDED_OPEN + "x".repeat(bytes - MIN_PADDED_BYTES) + PADDED_CLOSE;
        return CachedBody.of(json.getBytes(StandardCharsets.US_ASCII));
    }
}
