package dev.dynamo.site;

import dev.dynamo.allocation.Phase;
import java.time.Instant;
import java.util.Map;

/**
 * A meter as the responses show it (contract 9.4): the last reading's own values (null before the first),
 * the other load it gives now ({@code fallback_load_kw} while stale) and whether it is stale.
 */
public record MeterStatus(String meterId, String node, Double powerKw, double otherLoadKw, Map<Phase, Double> currentA,
                          Instant measuredAt, boolean stale) {}
