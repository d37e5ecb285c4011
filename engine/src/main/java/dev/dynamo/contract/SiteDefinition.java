package dev.dynamo.contract;

import java.time.ZoneId;
import java.util.List;

/**
 * A site as defined in the sites file or {@code PUT /api/v1/sites/{id}} (contract sections 3, 4, 7.1).
 *
 * @param gridConnectionCurrentA the grid connection's per-phase limit, or null when none is set
 * @param meters                 grid and circuit meters (contract 9.1)
 */
public record SiteDefinition(String siteId, String name, ZoneId timezone, double gridConnectionCapacityKw,
                             Double gridConnectionCurrentA, List<CircuitDefinition> circuits,
                             List<ChargerDefinition> chargers, List<MeterDefinition> meters) {
    public SiteDefinition {
        circuits = List.copyOf(circuits);
        chargers = List.copyOf(chargers);
        meters = List.copyOf(meters);
    }

    /** A site without meters (contract 9 is optional). */
    public SiteDefinition(String siteId, String name, ZoneId timezone, double gridConnectionCapacityKw,
                          Double gridConnectionCurrentA, List<CircuitDefinition> circuits, List<ChargerDefinition> chargers) {
        this(siteId, name, timezone, gridConnectionCapacityKw, gridConnectionCurrentA, circuits, chargers, List.of());
    }

    /** The meter of a node ({@code grid} or a circuit id), if it has one. */
    public java.util.Optional<MeterDefinition> meterOf(String node) {
        return meters.stream().filter(m -> m.node().equals(node)).findFirst();
    }

    public java.util.Optional<MeterDefinition> meter(String meterId) {
        return meters.stream().filter(m -> m.meterId().equals(meterId)).findFirst();
    }
}
