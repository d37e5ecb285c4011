package dev.dynamo.console.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of {@code PUT …/config}; null fields are left out so the engine applies its defaults
 * ({@code departure_aware} false, contract 10).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigRequest(double maxPowerKw, String strategy, Double minPowerPerChargerKw,
                            List<String> priorityOrder, List<WindowSpec> schedule, Integer rotationPeriodMin,
                            Boolean redistributeUnused, Boolean departureAware) {

    /** A config without {@code departure_aware} (the engine's default, off). */
    public ConfigRequest(double maxPowerKw, String strategy, Double minPowerPerChargerKw, List<String> priorityOrder,
                         List<WindowSpec> schedule, Integer rotationPeriodMin, Boolean redistributeUnused) {
        this(maxPowerKw, strategy, minPowerPerChargerKw, priorityOrder, schedule, rotationPeriodMin, redistributeUnused, null);
    }

    public ConfigRequest withStrategy(String newStrategy) {
        return new ConfigRequest(maxPowerKw, newStrategy, minPowerPerChargerKw, priorityOrder, schedule,
                rotationPeriodMin, redistributeUnused, departureAware);
    }

    public ConfigRequest withPriorityOrder(List<String> order) {
        return new ConfigRequest(maxPowerKw, strategy, minPowerPerChargerKw, List.copyOf(order), schedule,
                rotationPeriodMin, redistributeUnused, departureAware);
    }

    /** Rotation only applies to equal sharing; the engine rejects it with {@code priority}. */
    public ConfigRequest withoutRotation() {
        return new ConfigRequest(maxPowerKw, strategy, minPowerPerChargerKw, priorityOrder, schedule,
                null, redistributeUnused, departureAware);
    }

    /** Departures only apply to equal sharing; the engine rejects {@code departure_aware} with {@code priority}. */
    public ConfigRequest withoutDepartureAware() {
        return new ConfigRequest(maxPowerKw, strategy, minPowerPerChargerKw, priorityOrder, schedule,
                rotationPeriodMin, redistributeUnused, null);
    }
}
