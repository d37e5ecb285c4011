package dev.dynamo.site;

/** The unit a charger takes its limits in. */
public enum RateUnit { W, A }
