package dev.dynamo.store;

/** A session in progress as stored: a JSON document written by the site layer. */
public record StoredSession(String siteId, String chargePointId, String sessionJson) {}
