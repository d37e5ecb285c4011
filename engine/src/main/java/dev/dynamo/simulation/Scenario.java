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

    /** The longest run a scenario may ask for: a leap year. */
    public static final Duration LONGEST = Duration.ofDays(366);

    /**
     * The same scenario run for {@code length} from its start (a year of a one-day scenario: the vehicle model
     * generates arrivals for every day from the same seed); config changes from the new end on are dropped.
     */
    public Scenario withDuration(Duration length) {
        if (length.isNegative() || length.isZero() || length.compareTo(LONGEST) > 0)
            throw new IllegalArgumentException("a run lasts more than 0 and at most 366 days, was " + length);
        var end = start.plus(length);
        return new Scenario(name, description, site, config,
                configChanges.stream().filter(c -> c.at().isBefore(end)).toList(), start, length, seed, vehicles, model,
                buildingLoads);
    }

    /** The same scenario with vehicles generated from {@code value} instead of its own seed. */
    public Scenario withSeed(long value) {
        return new Scenario(name, description, site, config, configChanges, start, duration, value, vehicles, model,
                buildingLoads);
    }

    /** A config stored at a given instant, replacing the one in force. */
    public record ConfigChange(Instant at, ChargingConfig config) {}
}
