package dev.dynamo.site;

import dev.dynamo.contract.SiteDefinition;

/**
 * Told of every decision (the OCPP connector pushes the new limits). Called on the site's executor:
 * return quickly and never wait there for another call to the same site.
 */
@FunctionalInterface
public interface DecisionListener {
    void decisionMade(SiteDefinition site, AllocationSnapshot allocation);

    /**
     * The allocation in force was counted again without a decision (what chargers may draw changed, contract 8):
     * its targets are the same, what the site counts for each charger (and so which raises are cleared) may not
     * be. Same thread rules as {@link #decisionMade}.
     */
    default void recounted(SiteDefinition site, AllocationSnapshot allocation) {}

    /** As {@link #decisionMade(SiteDefinition, AllocationSnapshot)}, with the count it publishes (contract 8). */
    default void decisionMade(SiteDefinition site, AllocationSnapshot allocation, PublishedCount count) {
        decisionMade(site, allocation);
    }

    /** As {@link #recounted(SiteDefinition, AllocationSnapshot)}, with the count it publishes (contract 8). */
    default void recounted(SiteDefinition site, AllocationSnapshot allocation, PublishedCount count) {
        recounted(site, allocation);
    }
}
