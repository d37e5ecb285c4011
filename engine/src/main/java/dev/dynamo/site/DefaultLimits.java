package dev.dynamo.site;

import dev.dynamo.contract.ChargerDefinition;
import dev.dynamo.contract.RateUnit;
import dev.dynamo.contract.SiteDefinition;

import dev.dynamo.allocation.Phase;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The limit each charger falls back to without Dynamo (its TxDefaultProfile): sized so that every charger of
 * the site drawing it at once keeps within the grid capacity and every current limit, on every phase, whatever
 * phases the vehicles draw on.
 */
public final class DefaultLimits {
    private DefaultLimits() {}

    public static Map<String, Double> kwByCharger(SiteDefinition site) {
        var chargers = site.chargers();
        var shareKw = chargers.isEmpty() ? 0 : site.gridConnectionCapacityKw() / chargers.size();
        var parents = new HashMap<String, String>();
        var maxCurrentA = new HashMap<String, Double>();
        site.circuits().forEach(c -> {
            parents.put(c.circuitId(), c.parentId());
            maxCurrentA.put(c.circuitId(), c.maxCurrentA());
        });
        // the number of chargers drawing on each phase of each limit (null key = the grid connection)
        var drawing = new HashMap<String, int[]>();
        for (var charger : chargers) {
            for (var limit : path(charger, parents)) {
                var counts = drawing.computeIfAbsent(Objects.requireNonNullElse(limit, ""), _ -> new int[3]);
                for (var phase : phases(charger)) counts[phase.ordinal()]++;
            }
        }
        var result = new LinkedHashMap<String, Double>();
        for (var charger : chargers) {
            var kw = Math.min(charger.maxPowerKw(), shareKw);
            for (var limit : path(charger, parents)) {
                var limitA = limit == null ? site.gridConnectionCurrentA() : maxCurrentA.get(limit);
                if (limitA == null) continue;
                var busiest = java.util.Arrays.stream(drawing.get(Objects.requireNonNullElse(limit, ""))).max().orElse(1);
                kw = Math.min(kw, limitA / busiest * charger.voltageV() * boundedPhases(charger) / 1000);
            }
            result.put(charger.chargePointId(), Kw.floor(kw));
        }
        return result;
    }

    /**
     * The phases its power is spread over, at worst. A limit in A per phase holds on each phase whatever the
     * vehicle does; a limit in W on a 3-phase charger does not: a 1-phase vehicle may draw all of it on one
     * phase, so the per-phase bound must hold for the whole power on one phase.
     */
    private static int boundedPhases(ChargerDefinition charger) {
        return charger.chargingRateUnit() == RateUnit.A ? phases(charger).size() : 1;
    }

    /** The charger's circuits from the innermost out, then null for the grid connection. */
    private static java.util.List<String> path(ChargerDefinition charger, Map<String, String> parents) {
        var path = new java.util.ArrayList<String>();
        var seen = new java.util.HashSet<String>();
        for (var c = charger.circuitId(); c != null && seen.add(c); c = parents.get(c)) path.add(c);
        path.add(null);
        return path;
    }

    private static java.util.List<Phase> phases(ChargerDefinition charger) {
        return charger.phases() == 3 ? java.util.List.of(Phase.values())
                : java.util.List.of(charger.phase() != null ? charger.phase() : Phase.L1);
    }
}
