package dev.dynamo.console.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The body of {@code PUT …/config}; null fields are left out so the engine applies its defaults. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigRequest(double maxPowerKw, String strategy, Double minPowerPerChargerKw,
                            List<String> priorityOrder, List<WindowSpec> schedule, Integer rotationPeriodMin,
                            Boolean redistributeUnused) {

    public ConfigRequest withStrategy(String newStrategy) {
        return new ConfigRequest(maxPowerKw, newStrategy, minPowerPerChargerKw, priorityOrder, schedule,
                rotationPeriodMin, redistributeUnused);
    }

    public ConfigRequest withPriorityOrder(List<String> order) {
        return new ConfigRequest(maxPowerKw, strategy, minPowerPerChargerKw, List.copyOf(order), schedule,
                rotationPeriodMin, redistributeUnused);
    }

    /** Rotation only applies to equal sharing; the engine rejects it with {@code priority}. */
    public ConfigRequest withoutRotation() {
        return new ConfigRequest(maxPowerKw, strategy, minPowerPerChargerKw, priorityOrder, schedule,
                null, redistributeUnused);
    }
}
