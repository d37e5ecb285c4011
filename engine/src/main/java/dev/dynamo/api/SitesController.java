package dev.dynamo.api;

import dev.dynamo.contract.ApiProblem;
import dev.dynamo.contract.ConfigReader;
import dev.dynamo.contract.SessionChangeReader;
import dev.dynamo.contract.SessionStartReader;
import dev.dynamo.contract.SiteDefinitionReader;

import dev.dynamo.history.DecisionParams;
import dev.dynamo.history.HistoryService;
import dev.dynamo.site.SiteRegistry;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;

/** The engine's own endpoints (contract section 3) and the decisions audit (7.4). */
final class SitesController {
    private final SiteRegistry sites;
    private final HistoryService history;
    private final Clock clock;

    SitesController(SiteRegistry sites, HistoryService history, Clock clock) {
        this.sites = sites;
        this.history = history;
        this.clock = clock;
    }

    void list(Context ctx) {
        var body = ResponseJson.object();
        var array = body.putArray("sites");
        var now = clock.instant();
        sites.views().forEach(view -> array.add(ResponseJson.site(view, now)));
        Responses.json(ctx, 200, body);
    }

    void get(Context ctx) {
        Responses.json(ctx, 200, ResponseJson.site(Responses.site(sites, ctx.pathParam("siteId")).view(), clock.instant()));
    }

    void put(Context ctx) {
        var body = RequestBodies.read(ctx);
        var definition = SiteDefinitionReader.read(body, ctx.pathParam("siteId"));
        var put = sites.putSite(definition, others -> SiteDefinitionReader.checkChargePointIdsFree(definition, others),
                config -> ConfigReader.validateAgainst(config, definition));
        Responses.json(ctx, put.created() ? 201 : 200, ResponseJson.site(put.site(), clock.instant()));
    }

    void startSession(Context ctx) {
        var site = Responses.site(sites, ctx.pathParam("siteId"));
        var chargePointId = ctx.pathParam("chargePointId");
        var charger = site.view().definition().chargers().stream()
                .filter(c -> c.chargePointId().equals(chargePointId)).findFirst()
                .orElseThrow(() -> new ApiProblem(404, "site " + site.siteId() + " has no charger " + chargePointId, List.of()));
        var body = RequestBodies.read(ctx);
        var start = SessionStartReader.read(body, charger, clock.instant());
        var session = site.startSession(chargePointId, start, null);
        Responses.json(ctx, 201, ResponseJson.session(session, site.view(), clock.instant()));
    }

    /** {@code PATCH …/session} (contract 10): the energy need and departure of the session in progress. */
    void changeSession(Context ctx) {
        var site = Responses.site(sites, ctx.pathParam("siteId"));
        var chargePointId = ctx.pathParam("chargePointId");
        if (site.view().definition().chargers().stream().noneMatch(c -> c.chargePointId().equals(chargePointId))) {
            throw new ApiProblem(404, "site " + site.siteId() + " has no charger " + chargePointId, List.of());
        }
        var change = SessionChangeReader.read(RequestBodies.read(ctx), chargePointId, clock.instant());
        var session = site.changeSession(chargePointId, change);
        Responses.json(ctx, 200, ResponseJson.session(session, site.view(), clock.instant()));
    }

    void stopSession(Context ctx) {
        var site = Responses.site(sites, ctx.pathParam("siteId"));
        site.stopSession(ctx.pathParam("chargePointId"));
        ctx.status(204);
    }

    void decisions(Context ctx) {
        var site = Responses.site(sites, ctx.pathParam("siteId"));
        // the default range ends just after now: a decision made in the request's own millisecond is included
        var params = DecisionParams.parse(ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("limit"),
                clock.instant().plusMillis(1));
        var decisions = history.decisions(site.siteId(), params);
        ctx.status(200).contentType(Responses.JSON);
        try {
            ResponseJson.writeDecisions(decisions, ctx.outputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("the decisions could not be written", e);
        }
    }
}
