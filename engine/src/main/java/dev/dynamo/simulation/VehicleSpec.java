package dev.dynamo.simulation;

import java.time.Instant;

/**
 * A vehicle of a scenario, listed or generated.
 *
 * @param chargePointId the charger it plugs into, or null for any free one
 * @param phasesInUse   1 or 3, or null for the charger's phases
 * @param arrivalSoc    state of charge at arrival, 0..1 (sets where the taper above 80% begins)
 */
public record VehicleSpec(String vehicleId, Instant arrival, Instant departure, double energyNeededKwh,
                          double maxAcceptanceKw, String chargePointId, double batteryKwh, double arrivalSoc,
                          Integer phasesInUse) {
    public boolean anyCharger() { return chargePointId == null; }
}
