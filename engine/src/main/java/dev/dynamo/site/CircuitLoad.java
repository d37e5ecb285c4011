package dev.dynamo.site;

/** The current on each phase of a limit ("grid" or a circuit) under an allocation. */
public record CircuitLoad(String circuitId, double maxCurrentA, double l1A, double l2A, double l3A) {}
