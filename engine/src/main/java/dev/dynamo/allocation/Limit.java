package dev.dynamo.allocation;

/**
 * A current limit of the site: the grid connection or a circuit (breaker), per phase.
 *
 * @param id          unique among the input's limits ("grid" for the grid connection)
 * @param parentId    the limit this one hangs under, or null for a root
 * @param maxCurrentA the limit on each of L1, L2, L3 (&gt; 0)
 */
public record Limit(String id, String parentId, double maxCurrentA) {}
