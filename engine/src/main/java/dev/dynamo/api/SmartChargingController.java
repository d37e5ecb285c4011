package dev.dynamo.api;

import dev.dynamo.contract.ApiProblem;
import dev.dynamo.contract.ConfigReader;
import dev.dynamo.contract.FieldError;
import dev.dynamo.contract.JsonReading;

import dev.dynamo.history.HistoryParams;
import dev.dynamo.history.HistoryService;
import dev.dynamo.history.OtherLoadSeries;
import dev.dynamo.site.SiteHandle;
import dev.dynamo.site.SiteRegistry;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;

/** The documented endpoints (contract section 2): config, allocation, history, rebalance. */
final class SmartChargingController {
    private final SiteRegistry sites;
    private final HistoryService history;
    private final Clock clock;
    private final AllocationBodies allocationBodies = new AllocationBodies();

    SmartChargingController(SiteRegistry sites, HistoryService history, Clock clock) {
        this.sites = sites;
        this.history = history;
        this.clock = clock;
    }

    void putConfig(Context ctx) {
        var site = site(ctx);
        var body = RequestBodies.read(ctx);
        var stored = site.storeConfig(definition -> ConfigReader.read(body, definition, clock.instant()));
        Responses.json(ctx, stored.created() ? 201 : 200, ResponseJson.config(site.siteId(), stored.config()));
    }

    /** Contract 11: the allocation a config would give now; validated like PUT, nothing stored or sent. */
    void previewAllocation(Context ctx) {
        var site = site(ctx);
        var body = RequestBodies.read(ctx);
        var preview = site.previewConfig(definition -> ConfigReader.read(body, definition, clock.instant()));
        Responses.json(ctx, 200, ResponseJson.allocation(preview));
    }

    void getConfig(Context ctx) {
        var site = site(ctx);
        var config = site.view().configIfAny().orElseThrow(() -> noConfig(site.siteId()));
        Responses.json(ctx, 200, ResponseJson.config(site.siteId(), config));
    }

    void getAllocation(Context ctx) {
        var site = site(ctx);
        Responses.json(ctx, 200, allocationBodies.latest(site::view).orElseThrow(() -> noConfig(site.siteId())));
    }

    void getHistory(Context ctx) {
        var now = clock.instant();
        var site = site(ctx);
        var params = HistoryParams.parse(ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("interval"), now);
        var report = history.buckets(site.siteId(), params, now);
        var gridMeter = site.view().definition().meterOf(dev.dynamo.contract.MeterDefinition.GRID)
                .map(m -> new OtherLoadSeries.GridMeter(m.meterId(), m.staleAfterS(), m.fallbackLoadKw()));
        var otherLoad = gridMeter.map(m -> history.otherLoad(site.siteId(), m, report, now)).orElse(null);
        Responses.json(ctx, 200, ResponseJson.history(site.siteId(), report, otherLoad));
    }

    void rebalance(Context ctx) {
        var site = site(ctx);
        var body = RequestBodies.read(ctx);
        if (!RequestBodies.isBlank(body)) {
            var object = JsonReading.readObject(body);
            var field = object.fieldNames();
            if (field.hasNext()) {
                var name = field.next();
                throw ApiProblem.badRequest("rebalance takes no body fields; unknown field " + name,
                        List.of(new FieldError(name, "unknown field")));
            }
        }
        var allocation = site.rebalance().orElseThrow(() -> noConfig(site.siteId()));
        Responses.json(ctx, 200, ResponseJson.rebalance(allocation));
    }

    private SiteHandle site(Context ctx) {
        return Responses.site(sites, ctx.pathParam("siteId"));
    }

    private static ApiProblem noConfig(String siteId) {
        return new ApiProblem(404, "site " + siteId + " has no smart charging config yet; PUT one first", List.of());
    }
}
