package dev.dynamo.contract;

import dev.dynamo.allocation.Phase;

/**
 * A charger as defined in the sites file or {@code PUT /api/v1/sites/{id}}.
 *
 * @param ocppPassword security profile 1 password, or null; never returned by the API
 * @param circuitId    the circuit it hangs under, or null for directly under the grid connection
 * @param phase        the phase a 1-phase draw uses (default L1)
 */
public record ChargerDefinition(String chargePointId, double maxPowerKw, int phases, double voltageV,
                                RateUnit chargingRateUnit, String ocppPassword, String circuitId, Phase phase) {}
