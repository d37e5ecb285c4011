package dev.dynamo.console.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A site as {@code GET /api/v1/sites} returns it (contract section 3) with its meters (9.1; empty from an
 * engine without them). {@code vehicles} (10) is kept as the engine sent it (null when absent), so that a
 * site written back by the editor keeps it.
 */
public record Site(String siteId, String name, String timezone, double gridConnectionCapacityKw,
                   List<Charger> chargers, Double gridConnectionCurrentA, List<Circuit> circuits,
                   List<Meter> meters, JsonNode vehicles) {
    public Site {
        chargers = chargers == null ? List.of() : List.copyOf(chargers);
        circuits = circuits == null ? List.of() : List.copyOf(circuits);
        meters = meters == null ? List.of() : List.copyOf(meters);
    }

    /** A site without meters or vehicles. */
    public Site(String siteId, String name, String timezone, double gridConnectionCapacityKw, List<Charger> chargers,
                Double gridConnectionCurrentA, List<Circuit> circuits) {
        this(siteId, name, timezone, gridConnectionCapacityKw, chargers, gridConnectionCurrentA, circuits, List.of(), null);
    }
}
