package dev.dynamo.console.client;

import java.time.Instant;

/** An external limit in force (contract 9.3); {@code validUntil} and {@code reason} null when not given. */
public record ExternalLimit(String source, double maxPowerKw, Instant validUntil, String reason, Instant updatedAt) {}
