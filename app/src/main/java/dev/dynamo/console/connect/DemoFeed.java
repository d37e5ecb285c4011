package dev.dynamo.console.connect;

import dev.dynamo.console.client.Charger;
import dev.dynamo.console.client.ConfigRequest;
import dev.dynamo.console.client.EngineApi;
import dev.dynamo.console.client.EngineException;
import dev.dynamo.console.client.Site;
import java.util.List;

/**
 * Gives an embedded engine started on a sites file something to show, through the API like any client:
 * a config if its first site has none, and a few sessions (the 500-charger measurement starts them all), each
 * with an energy need and a departure (contract 10) — every seventh one more than its charger can give by
 * then, so it is at risk — as a depot's vans would have them.
 * The demo engine needs none of this: it plays a scenario of its own.
 */
final class DemoFeed {
    static final int DEMO_SESSIONS = 8;
    /** Some demo vehicles accept less than the charger gives, so the gauges differ. */
    private static final Double[] DEMO_EV_MAX_KW = {null, 11.0, null, 7.4, null, null, 16.0, null};

    private DemoFeed() {}

    static void prepare(EngineApi api, Site site, int sessions) { prepare(api, site, sessions, java.time.Clock.systemUTC()); }

    static void prepare(EngineApi api, Site site, int sessions, java.time.Clock clock) {
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
                continue;
            }
            var hours = 1 + i % 9;
            var neededKwh = i % 7 == 3 ? 400.0 : 10.0 + (i * 7) % 50;
            try {
                api.changeSession(site.siteId(), chargePointId, dev.dynamo.console.client.SessionChange.NONE
                        .withEnergyNeeded(neededKwh).withDeparture(clock.instant().plus(java.time.Duration.ofHours(hours))));
            } catch (EngineException | UnsupportedOperationException e) {
                // an engine without contract 10 still shows its sessions, only without needs and departures
            }
        }
    }
}
