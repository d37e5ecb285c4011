package dev.dynamo.store;

/** An external limit in force (contract 9.3), as a JSON document owned by the site layer. */
public record StoredLimit(String siteId, String source, String limitJson) {}
