package dev.dynamo.allocation;

/** A phase of the three-phase supply. */
public enum Phase { L1, L2, L3 }
