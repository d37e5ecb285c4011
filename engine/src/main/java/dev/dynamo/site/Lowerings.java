package dev.dynamo.site;

import dev.dynamo.allocation.ChargerShare;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lowered limits a charger has not accepted yet (issue 3: until it does, it may still draw its previous
 * limit). While a lowering is on its way, the OCPP pusher holds every raise back until it is accepted, which
 * takes a round trip; once the charger refuses a limit or lets it time out (it is being retried), the site
 * holds what the charger may still draw for it, as for a comm loss, until it accepts its latest limit.
 */
final class Lowerings {
    /** Below this a limit is not lower (the allocation is on a 0.01 kW grid). */
    static final double EPSILON_KW = 0.001;

    private Lowerings() {}

    /** A charger whose lower limit is on its way: the limit in force now, and the one it is to get. */
    record Lowering(double inForceKw, double targetKw) {}

    /**
     * The chargers, among those of {@code shares}, that refused a limit since they last accepted their latest
     * one and are now to go lower than they may draw: by charge point id.
     */
    static Map<String, Lowering> stillInForce(LiveSite site, List<ChargerShare> shares) {
        var lowerings = new TreeMap<String, Lowering>();
        if (site.allocation == null || site.acknowledgedKw.isEmpty()) return lowerings;
        var last = new java.util.HashMap<String, ChargerAllocation>();
        site.allocation.allocations().forEach(a -> last.put(a.chargePointId(), a));
        for (var share : shares) {
            var cp = share.chargePointId();
            var acceptedKw = site.acknowledgedKw.get(cp);
            var session = site.sessions.get(cp);
            if (acceptedKw == null || session == null || session.transactionId() == null || !site.refused.contains(cp)) {
                continue;
            }
            var sent = last.get(cp);
            if (sent == null || sent.status() == ChargerStatus.OFFLINE) continue;
            // It may still draw what it accepted, or get to any limit sent since, whichever is highest (a refused
            // one counts until the charger accepts its latest limit: on the safe side).
            var mayDrawKw = Math.max(acceptedKw, Math.max(sent.targetKw(), site.sentMaxKw.getOrDefault(cp, 0.0)));
            // and what its connector says it may draw (a raise sent after it last settled, a time-out applied)
            mayDrawKw = Math.max(mayDrawKw, site.mayDrawKw.getOrDefault(cp, 0.0));
            var inSync = Math.abs(sent.targetKw() - acceptedKw) < EPSILON_KW && mayDrawKw < acceptedKw + EPSILON_KW;
            if (!inSync && share.allocatedKw() < mayDrawKw - EPSILON_KW) {
                lowerings.put(cp, new Lowering(mayDrawKw, share.allocatedKw()));
            }
        }
        return lowerings;
    }
}
