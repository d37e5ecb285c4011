package dev.dynamo.contract;

/** The unit a charger takes its limits in. */
public enum RateUnit { W, A }
