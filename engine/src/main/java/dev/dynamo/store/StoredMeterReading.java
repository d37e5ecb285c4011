package dev.dynamo.store;

import java.time.Instant;

/**
 * One meter reading as stored (contract 9.2); the per-phase currents are null when the reading had none.
 *
 * @param otherLoadKw the other load the site derived from it when it arrived (9.2), for history (9.4)
 */
public record StoredMeterReading(String siteId, String meterId, Instant measuredAt, double powerKw,
                                 Double l1A, Double l2A, Double l3A, double otherLoadKw) {}
