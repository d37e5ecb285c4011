package dev.dynamo.api;

import dev.dynamo.contract.ApiProblem;
import dev.dynamo.contract.FieldError;

import dev.dynamo.history.HistoryParameterException;
import dev.dynamo.site.SiteBusyException;
import dev.dynamo.site.SiteStateException;
import dev.dynamo.store.StoreException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the engine's HTTP app (not started): every route of the contract, problem JSON for every error. */
public final class EngineApi {
    private static final Logger LOG = LoggerFactory.getLogger(EngineApi.class);
    private static final String SMART = "/api/v1/smart-charging/sites/{siteId}";
    private static final String SITE = "/api/v1/sites/{siteId}";

    private EngineApi() {}

    public static Javalin create(ApiContext context) {
        var smart = new SmartChargingController(context.sites(), context.history(), context.clock());
        var sites = new SitesController(context.sites(), context.history(), context.clock());
        var grid = new GridController(context.sites(), context.clock());
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = RequestBodies.MAX_BYTES;
            // Jetty's default is 32 KiB; a 100-charger allocation is ~31 KB, so bodies up to twice that leave in one chunk
            config.http.responseBufferSize = 64 * 1024;
            config.router.ignoreTrailingSlashes = true;
            var routes = config.routes;
            routes.before(ctx -> authorize(ctx, context.apiKey()));

            routes.get("/health", ctx -> {
                var problems = context.health().get();
                Responses.json(ctx, problems.isEmpty() ? 200 : 503, ResponseJson.health(problems));
            });
            routes.put(SMART + "/config", smart::putConfig);
            routes.get(SMART + "/config", smart::getConfig);
            routes.get(SMART + "/allocation", smart::getAllocation);
            routes.get(SMART + "/allocation/history", smart::getHistory);
            routes.post(SMART + "/allocation/preview", smart::previewAllocation);
            routes.post(SMART + "/rebalance", smart::rebalance);
            routes.get("/api/v1/sites", sites::list);
            routes.get(SITE, sites::get);
            routes.put(SITE, sites::put);
            routes.post(SITE + "/chargers/{chargePointId}/session", sites::startSession);
            routes.delete(SITE + "/chargers/{chargePointId}/session", sites::stopSession);
            routes.patch(SITE + "/chargers/{chargePointId}/session", sites::changeSession);
            routes.get(SITE + "/decisions", sites::decisions);
            routes.post(SITE + "/meters/{meterId}/readings", grid::postReading);
            routes.post(SITE + "/chargers/{chargePointId}/meter", grid::postChargerMeter);
            routes.get(SITE + "/limits", grid::getLimits);
            routes.put(SITE + "/limits/{source}", grid::putLimit);
            routes.delete(SITE + "/limits/{source}", grid::deleteLimit);

            errors(config);
            context.extensions().forEach(extension -> extension.accept(config));
        });
    }

    private static void errors(JavalinConfig config) {
        var routes = config.routes;
        routes.exception(ApiProblem.class, (e, ctx) -> ProblemResponses.write(ctx, e));
        routes.exception(SiteStateException.class, (e, ctx) -> ProblemResponses.write(ctx, switch (e.kind()) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNPROCESSABLE -> 422;
        }, e.getMessage()));
        // the store did not answer in time, or failed: nothing was changed, the client may try again (contract 5)
        routes.exception(StoreException.class, (e, ctx) -> unavailable(ctx, e.getMessage()));
        routes.exception(SiteBusyException.class, (e, ctx) -> unavailable(ctx, e.getMessage()));
        routes.exception(HistoryParameterException.class, (e, ctx) -> ProblemResponses.write(ctx,
                ApiProblem.badRequest(e.getMessage(), List.of(new FieldError(e.parameter(), e.getMessage())))));
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 405) allowHeader(e).ifPresent(allow -> ctx.header("Allow", allow));
            ProblemResponses.write(ctx, e.getStatus(), describe(ctx, e.getStatus(), e.getMessage()));
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            ProblemResponses.write(ctx, 500, "the engine failed to handle this request; see its log");
        });
        config.router.javaLangErrorHandler((response, error) -> {
            LOG.error("request failed", error);
            response.setStatus(500);
            response.setContentType(ProblemResponses.PROBLEM_JSON);
            try {
                response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
                        + "\"detail\":\"the engine failed to handle this request; see its log\"}");
            } catch (java.io.IOException e) {
                LOG.debug("could not write the error response", e);
            }
        });
        // Javalin's own answers (no route, wrong method, body too large) become problem JSON too
        for (var status : List.of(400, 404, 405, 413, 415, 500)) {
            routes.error(status, ctx -> {
                if (!ProblemResponses.isWritten(ctx)) ProblemResponses.write(ctx, status, describe(ctx, status, null));
            });
        }
    }

    static final String RETRY_AFTER_SECONDS = "5";

    private static void unavailable(Context ctx, String detail) {
        LOG.warn("{} {} refused with 503: {}", ctx.method(), ctx.path(), detail);
        ctx.header("Retry-After", RETRY_AFTER_SECONDS);
        ProblemResponses.write(ctx, 503, detail);
    }

    /** RFC 9110 wants the methods the path does allow on a 405; Javalin lists them in the exception's details. */
    private static java.util.Optional<String> allowHeader(HttpResponseException e) {
        return e.getDetails().values().stream().filter(v -> v != null && !v.isBlank()).findFirst()
                .map(methods -> String.join(", ", java.util.Arrays.stream(methods.split(","))
                        .map(String::strip).filter(m -> !m.isEmpty()).toList()));
    }

    private static String describe(Context ctx, int status, String message) {
        return switch (status) {
            case 404 -> "no resource at " + ctx.path();
            case 405 -> ctx.method() + " is not allowed on " + ctx.path();
            case 413 -> "the request body is larger than 1 MiB";
            default -> message != null && !message.isBlank() ? message : ApiProblem.titleOf(status);
        };
    }

    private static void authorize(Context ctx, String apiKey) {
        if (apiKey == null || !(ctx.path().equals("/api/v1") || ctx.path().startsWith("/api/v1/"))) return;
        var header = ctx.header("Authorization");
        var expected = apiKey.getBytes(StandardCharsets.UTF_8);
        // RFC 9110: the scheme name is case-insensitive ("bearer", "BEARER")
        var presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : null;
        if (presented == null || !MessageDigest.isEqual(presented, expected)) {
            throw new ApiProblem(401, header == null
                    ? "this engine needs an API key: send Authorization: Bearer <key>"
                    : "the API key is wrong", List.of());
        }
    }
}
