package dev.dynamo.contract;

import dev.dynamo.schedule.ScheduleWindow;
import java.time.Instant;
import java.util.List;

/**
 * A site's smart-charging config (contract 2.1, 7.2, 7.3). Keeps {@code priorityOrder} and
 * {@code schedule} even when the strategy does not use them.
 *
 * @param rotationPeriodMin minutes between rotations, or null when rotation is off
 */
public record ChargingConfig(double maxPowerKw, Strategy strategy, double minPowerPerChargerKw,
                             List<String> priorityOrder, List<ScheduleWindow> schedule,
                             Integer rotationPeriodMin, boolean redistributeUnused, Instant updatedAt) {
    public ChargingConfig {
        priorityOrder = List.copyOf(priorityOrder);
        schedule = List.copyOf(schedule);
    }
}
