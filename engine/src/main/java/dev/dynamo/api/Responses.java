package dev.dynamo.api;

import dev.dynamo.contract.ApiProblem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynamo.contract.SiteDocuments;
import dev.dynamo.site.SiteHandle;
import dev.dynamo.site.SiteRegistry;
import io.javalin.http.Context;
import java.util.List;

/** Small helpers shared by the controllers. */
final class Responses {
    static final String JSON = "application/json; charset=utf-8";

    private Responses() {}

    static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType(JSON).result(SiteDocuments.write(body));
    }

    /** An already serialised JSON body. */
    static void json(Context ctx, int status, byte[] body) {
        ctx.status(status).contentType(JSON).result(body);
    }

    static SiteHandle site(SiteRegistry sites, String siteId) {
        return sites.site(siteId).orElseThrow(() -> new ApiProblem(404, "unknown site " + siteId, List.of()));
    }
}
