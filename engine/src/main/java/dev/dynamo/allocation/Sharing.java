package dev.dynamo.allocation;

/** How the budget left after floors is shared (contract rules 6 and 7). */
public enum Sharing { EQUAL, PRIORITY }
