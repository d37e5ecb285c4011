package dev.dynamo.simulation;

import dev.dynamo.contract.ChargingConfig;
import dev.dynamo.contract.SiteDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One scenario file, read and checked: a site, its config and the changes to it, the vehicles, and how
 * long to run. {@code vehicles} are the listed ones; {@code model} (or null) generates more from {@code seed};
 * {@code buildingLoads} feed the site's meters (contract 9).
 */
public record Scenario(String name, String description, SiteDefinition site, ChargingConfig config,
                       List<ConfigChange> configChanges, Instant start, Duration duration, long seed,
                       List<VehicleSpec> vehicles, VehicleModel model, List<BuildingLoad> buildingLoads) {
    public Scenario {
        configChanges = List.copyOf(configChanges);
        vehicles = List.copyOf(vehicles);
        buildingLoads = List.copyOf(buildingLoads);
    }

    /** A scenario without building loads. */
    public Scenario(String name, String description, SiteDefinition site, ChargingConfig config,
                    List<ConfigChange> configChanges, Instant start, Duration duration, long seed,
                    List<VehicleSpec> vehicles, VehicleModel model) {
        this(name, description, site, config, configChanges, start, duration, seed, vehicles, model, List.of());
    }

    public Instant end() { return start.plus(duration); }

    /** A config stored at a given instant, replacing the one in force. */
    public record ConfigChange(Instant at, ChargingConfig config) {}
}
