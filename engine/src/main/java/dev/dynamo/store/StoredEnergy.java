package dev.dynamo.store;

/** The energy of the session in progress on a charger, as stored (the {@code V40} columns). */
public record StoredEnergy(String siteId, String chargePointId, SessionEnergy energy) {}
