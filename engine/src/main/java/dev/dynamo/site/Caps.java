package dev.dynamo.site;

import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.Session;

/** A charger's effective cap (rules 3, 7.1, 7.3) and floor (rule 2) for one decision. */
record Caps(double capKw, CapReason reason, double floorKw) {

    /**
     * @param measuredCapKw the cap lowered to metered power (7.3), or null
     * @param minPowerKw    the config's floor
     */
    static Caps of(ChargerDefinition charger, Session session, Double measuredCapKw, double minPowerKw) {
        var chargerKw = charger.maxPowerKw();
        var phasesKw = charger.phases() == 3 && session.phasesInUse() == 1 ? chargerKw / 3 : Double.POSITIVE_INFINITY;
        var vehicleKw = session.evMaxPowerKw() != null ? session.evMaxPowerKw() : Double.POSITIVE_INFINITY;
        var baseCapKw = Math.min(chargerKw, Math.min(phasesKw, vehicleKw));
        // the floor counts from the cap without the metered lowering, which never goes below it
        var floorKw = Math.min(minPowerKw, baseCapKw);
        var measuredKw = measuredCapKw != null ? Math.max(measuredCapKw, floorKw) : Double.POSITIVE_INFINITY;
        var capKw = Kw.floor(Math.min(baseCapKw, measuredKw));
        floorKw = Math.min(Kw.floor(floorKw), capKw);
        CapReason reason;
        if (Kw.floor(measuredKw) == capKw) reason = CapReason.MEASURED;
        else if (Kw.floor(phasesKw) == capKw) reason = CapReason.PHASES;
        else if (Kw.floor(vehicleKw) == capKw) reason = CapReason.VEHICLE;
        else reason = CapReason.CHARGER;
        return new Caps(capKw, reason, floorKw);
    }
}
