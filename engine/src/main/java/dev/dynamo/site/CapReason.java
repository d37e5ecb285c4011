package dev.dynamo.site;

import java.util.Locale;

/** What sets a charger's effective cap (contract 7.3), in the contract's order of precedence. */
public enum CapReason {
    MEASURED, PHASES, VEHICLE, CHARGER;

    public String json() { return name().toLowerCase(Locale.ROOT); }
}
