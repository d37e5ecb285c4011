package dev.dynamo.allocation;

/** The current on each phase of a limit, from the rounded allocations and the reservations. */
public record LimitLoad(String limitId, double maxCurrentA, double l1A, double l2A, double l3A) {}
