package dev.dynamo.console.client;

/** A breaker of a site's circuit tree (contract 7.1); {@code parentId} null hangs it under the grid connection. */
public record Circuit(String circuitId, String parentId, double maxCurrentA) {}
