package dev.dynamo.console.connect;

import dev.dynamo.console.client.Charger;
import dev.dynamo.console.client.ConfigRequest;
import dev.dynamo.console.client.EngineApi;
import dev.dynamo.console.client.EngineException;
import dev.dynamo.console.client.Site;
import java.util.Comparator;
import java.util.List;

/**
 * Makes the embedded demo site show something live, through the API like any client: the console gives
 * the site a config if it has none, starts a few sessions, and then keeps vehicles coming and going
 * ({@link #step}) so the allocation, and the gauges, keep moving.
 */
final class DemoFeed {
    static final int DEMO_SESSIONS = 8;
    /** Some demo vehicles accept less than the charger gives, so the gauges differ. */
    private static final Double[] DEMO_EV_MAX_KW = {null, 11.0, null, 7.4, null, null, 16.0, null};

    private DemoFeed() {}

    static void prepare(EngineApi api, Site site, int sessions) {
        if (api.config(site.siteId()).isEmpty()) {
            var budgetKw = Math.floor(site.gridConnectionCapacityKw() * 0.6);
            api.putConfig(site.siteId(), new ConfigRequest(budgetKw, "equal", 0.0, List.of(), List.of(), null, null));
        }
        var idle = site.chargers().stream().filter(c -> c.session() == null).map(Charger::chargePointId).toList();
        var running = site.chargers().size() - idle.size();
        var toStart = idle.subList(0, Math.max(0, Math.min(idle.size(), sessions - running)));
        for (int i = 0; i < toStart.size(); i++) {
            var chargePointId = toStart.get(i);
            try {
                api.startSession(site.siteId(), chargePointId, DEMO_EV_MAX_KW[i % DEMO_EV_MAX_KW.length]);
            } catch (EngineException e) {
                if (e.status() != 409) throw e; // already charging is what we wanted
            }
        }
    }

    /**
     * One turn of demo traffic: once the site has its demo sessions, the vehicle that has charged longest
     * leaves; then a new one arrives at a free charger, with the turn's vehicle limit.
     */
    static void step(EngineApi api, String siteId, int turn, int sessions) {
        var chargers = api.site(siteId).chargers();
        var charging = chargers.stream().filter(c -> c.session() != null)
                .sorted(Comparator.comparing((Charger c) -> c.session().startedAt())).toList();
        if (charging.size() >= sessions && !charging.isEmpty()) {
            stopIgnoringGone(api, siteId, charging.getFirst().chargePointId());
        }
        var idle = chargers.stream().filter(c -> c.session() == null).map(Charger::chargePointId).toList();
        if (!idle.isEmpty()) {
            startIgnoringBusy(api, siteId, idle.get(turn % idle.size()), DEMO_EV_MAX_KW[turn % DEMO_EV_MAX_KW.length]);
        }
    }

    private static void startIgnoringBusy(EngineApi api, String siteId, String chargePointId, Double evMaxKw) {
        try {
            api.startSession(siteId, chargePointId, evMaxKw);
        } catch (EngineException e) {
            if (e.status() != 409) throw e; // another client started it meanwhile
        }
    }

    private static void stopIgnoringGone(EngineApi api, String siteId, String chargePointId) {
        try {
            api.stopSession(siteId, chargePointId);
        } catch (EngineException e) {
            if (e.status() != 404) throw e; // it ended meanwhile
        }
    }
}
