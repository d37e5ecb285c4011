package dev.dynamo.contract;

import java.time.ZoneId;
import java.util.List;

/**
 * A site as defined in the sites file or {@code PUT /api/v1/sites/{id}} (contract sections 3, 4, 7.1).
 *
 * @param gridConnectionCurrentA the grid connection's per-phase limit, or null when none is set
 */
public record SiteDefinition(String siteId, String name, ZoneId timezone, double gridConnectionCapacityKw,
                             Double gridConnectionCurrentA, List<CircuitDefinition> circuits,
                             List<ChargerDefinition> chargers) {
    public SiteDefinition {
        circuits = List.copyOf(circuits);
        chargers = List.copyOf(chargers);
    }
}
