package dev.dynamo.console.sites;

import dev.dynamo.console.client.Site;

/** One site at a glance; {@code budgetKw} and {@code allocatedKw} are null for a site without a config. */
public record SiteSummary(Site site, Double budgetKw, Double allocatedKw, int active, int queued, int openAlerts,
                          boolean shown) {
    public String siteId() { return site.siteId(); }

    public String name() { return site.name() == null ? site.siteId() : site.name(); }
}
