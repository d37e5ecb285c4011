package dev.dynamo.contract;

/** A circuit (breaker) of a site; {@code parentId} null hangs it directly under the grid connection. */
public record CircuitDefinition(String circuitId, String parentId, double maxCurrentA) {}
