package dev.dynamo.contract;

import java.time.Instant;

/**
 * A limit sent by an energy manager or the grid operator (contract 9.3): the budget is at most every
 * limit in force.
 *
 * @param validUntil when it expires, or null for never
 * @param reason     why, or null
 */
public record ExternalLimit(String source, double maxPowerKw, Instant validUntil, String reason, Instant updatedAt) {}
