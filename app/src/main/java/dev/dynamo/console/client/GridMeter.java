package dev.dynamo.console.client;

import java.time.Instant;
import java.util.Map;

/**
 * A meter as the allocation shows it (contract 9.4): its last reading's own values (null before the first),
 * the other load it gives now ({@code fallback_load_kw} while stale) and whether it is stale.
 */
public record GridMeter(String meterId, String node, Double powerKw, double otherLoadKw, Map<String, Double> currentA,
                        Instant measuredAt, boolean stale) {}
