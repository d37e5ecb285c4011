package dev.dynamo.api;

import dev.dynamo.contract.ApiProblem;
import dev.dynamo.contract.GridReaders;
import dev.dynamo.contract.MeterBounds;
import dev.dynamo.site.SiteRegistry;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Contract 9: meter readings, a charger's meter reported through the API, external limits. */
final class GridController {
    private static final Logger LOG = LoggerFactory.getLogger(GridController.class);

    private final SiteRegistry sites;
    private final Clock clock;

    GridController(SiteRegistry sites, Clock clock) {
        this.sites = sites;
        this.clock = clock;
    }

    void postReading(Context ctx) {
        var site = Responses.site(sites, ctx.pathParam("siteId"));
        var meterId = ctx.pathParam("meterId");
        var definition = site.view().definition();
        var meter = definition.meter(meterId)
                .orElseThrow(() -> new ApiProblem(404, "site " + site.siteId() + " has no meter " + meterId, List.of()));
        var body = RequestBodies.read(ctx);
        try {
            var reading = GridReaders.reading(body, MeterBounds.FACTOR * MeterBounds.capacityKw(definition, meter),
                    MeterBounds.FACTOR * MeterBounds.capacityA(definition, meter));
            site.postMeterReading(meterId, reading);
        } catch (ApiProblem problem) {
            LOG.info("site {}: reading of meter {} from {} refused: {}", site.siteId(), meterId, ctx.ip(), problem.detail());
            throw problem;
        }
        ctx.status(204);
    }

    void postChargerMeter(Context ctx) {
        var site = Responses.site(sites, ctx.pathParam("siteId"));
        var chargePointId = ctx.pathParam("chargePointId");
        var charger = site.view().definition().chargers().stream().filter(c -> c.chargePointId().equals(chargePointId))
                .findFirst()
                .orElseThrow(() -> new ApiProblem(404, "site " + site.siteId() + " has no charger " + chargePointId, List.of()));
        var body = RequestBodies.read(ctx);
        // the bounds of OCPP meter values (contract 8.1): twice the rating, or its current at that power
        var boundKw = 2 * charger.maxPowerKw();
        var boundA = boundKw * 1000 / (charger.phases() * charger.voltageV());
        var value = GridReaders.chargerMeter(body, boundKw, boundA);
        site.postChargerMeter(chargePointId, value);
        ctx.status(204);
    }

    void putLimit(Context ctx) {
        var site = Responses.site(sites, ctx.pathParam("siteId"));
        var limit = GridReaders.externalLimit(RequestBodies.read(ctx), ctx.pathParam("source"), clock.instant());
        var created = site.setExternalLimit(limit);
        Responses.json(ctx, created ? 201 : 200, dev.dynamo.contract.SiteDocuments.limitNode(limit));
    }

    void deleteLimit(Context ctx) {
        var site = Responses.site(sites, ctx.pathParam("siteId"));
        site.liftExternalLimit(ctx.pathParam("source"));
        ctx.status(204);
    }

    void getLimits(Context ctx) {
        var site = Responses.site(sites, ctx.pathParam("siteId"));
        Responses.json(ctx, 200, ResponseJson.limits(site.view().limits()));
    }
}
