package dev.dynamo.console.client;

/**
 * A charger of a site with its OCPP connection state and running session (null when idle);
 * {@code circuitId} null hangs it under the grid connection, {@code phase} is the phase a 1-phase charger uses.
 */
public record Charger(String chargePointId, double maxPowerKw, int phases, double voltageV,
                      String chargingRateUnit, boolean connected, SessionInfo session, String circuitId,
                      String phase) {}
