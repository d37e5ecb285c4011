package dev.dynamo.console.client;

import java.util.List;

/** A site as {@code GET /api/v1/sites} returns it (contract section 3). */
public record Site(String siteId, String name, String timezone, double gridConnectionCapacityKw,
                   List<Charger> chargers, Double gridConnectionCurrentA, List<Circuit> circuits) {
    public Site {
        chargers = chargers == null ? List.of() : List.copyOf(chargers);
        circuits = circuits == null ? List.of() : List.copyOf(circuits);
    }
}
