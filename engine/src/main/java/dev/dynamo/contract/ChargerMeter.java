package dev.dynamo.contract;

import dev.dynamo.allocation.Phase;
import java.time.Instant;
import java.util.Map;

/**
 * A charger's meter reported through the API (contract 9.2), for sessions reported that way; at least
 * one of power, current and energy is given.
 */
public record ChargerMeter(Double powerKw, Map<Phase, Double> currentA, Double energyKwh, Instant measuredAt) {
    public ChargerMeter {
        currentA = currentA == null ? null : Map.copyOf(currentA);
    }
}
