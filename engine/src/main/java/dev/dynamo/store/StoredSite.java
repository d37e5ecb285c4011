package dev.dynamo.store;

import java.time.Instant;

/**
 * A site as stored: its definition and, when one was stored, its smart-charging config, each as the
 * JSON document the site layer wrote (the store does not interpret them).
 */
public record StoredSite(String siteId, String definitionJson, String configJson, Instant configUpdatedAt) {}
