package dev.dynamo.console.client;

/** A charger of a site with its OCPP connection state and running session (null when idle). */
public record Charger(String chargePointId, double maxPowerKw, int phases, double voltageV,
                      String chargingRateUnit, boolean connected, SessionInfo session) {}
