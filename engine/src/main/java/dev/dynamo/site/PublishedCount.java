package dev.dynamo.site;

/**
 * A count the site published to its listeners (a decision or a recount, contract 8): its number, increasing, and
 * whether it counts a charger at a raise its connector has not reported (the site keeps counting that raise until
 * the connector acknowledges a count of at least this number, {@link SiteHandle#mayDraw(java.util.Map, long)}).
 */
public record PublishedCount(long number, boolean promisesRaises) {}
