package dev.dynamo.console.client;

import java.time.Instant;
import java.util.List;

/**
 * A site's smart charging config as the engine returns it (contract 2.1, 7.2, 7.3, 10); {@code departureAware}
 * is false from an engine that does not send it.
 */
public record SiteConfig(String siteId, double maxPowerKw, String strategy, double minPowerPerChargerKw,
                         List<String> priorityOrder, List<WindowSpec> schedule, Integer rotationPeriodMin,
                         boolean redistributeUnused, Instant updatedAt, boolean departureAware) {

    public SiteConfig(String siteId, double maxPowerKw, String strategy, double minPowerPerChargerKw,
                      List<String> priorityOrder, List<WindowSpec> schedule, Integer rotationPeriodMin,
                      boolean redistributeUnused, Instant updatedAt) {
        this(siteId, maxPowerKw, strategy, minPowerPerChargerKw, priorityOrder, schedule, rotationPeriodMin,
                redistributeUnused, updatedAt, false);
    }

    public SiteConfig {
        priorityOrder = priorityOrder == null ? List.of() : List.copyOf(priorityOrder);
        schedule = schedule == null ? List.of() : List.copyOf(schedule);
    }

    /** The request that stores this config again, as it is. */
    public ConfigRequest toRequest() {
        return new ConfigRequest(maxPowerKw, strategy, minPowerPerChargerKw, priorityOrder, schedule,
                rotationPeriodMin, redistributeUnused, departureAware);
    }
}
