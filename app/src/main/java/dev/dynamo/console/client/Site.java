package dev.dynamo.console.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A site as {@code GET /api/v1/sites} returns it (contract section 3). {@code meters} (9.1) and
 * {@code vehicles} (10) are kept as the engine sent them (null when absent), so that a site written
 * back by the editor keeps them.
 */
public record Site(String siteId, String name, String timezone, double gridConnectionCapacityKw,
                   List<Charger> chargers, Double gridConnectionCurrentA, List<Circuit> circuits,
                   JsonNode meters, JsonNode vehicles) {
    public Site {
        chargers = chargers == null ? List.of() : List.copyOf(chargers);
        circuits = circuits == null ? List.of() : List.copyOf(circuits);
    }
}
