package dev.dynamo.site;

import dev.dynamo.contract.SiteDefinition;

/**
 * Told of every decision (the OCPP connector pushes the new limits). Called on the site's executor:
 * return quickly and never wait there for another call to the same site.
 */
@FunctionalInterface
public interface DecisionListener {
    void decisionMade(SiteDefinition site, AllocationSnapshot allocation);
}
