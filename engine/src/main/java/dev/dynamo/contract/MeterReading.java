package dev.dynamo.contract;

import dev.dynamo.allocation.Phase;
import java.time.Instant;
import java.util.Map;

/**
 * A reading of a grid or circuit meter (contract 9.2): import positive, export negative.
 *
 * @param currentA   per-phase current, or null when the reading has none
 * @param measuredAt when it was measured, or null for the time received
 */
public record MeterReading(double powerKw, Map<Phase, Double> currentA, Instant measuredAt) {
    public MeterReading {
        currentA = currentA == null ? null : Map.copyOf(currentA);
    }
}
