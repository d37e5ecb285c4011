package dev.dynamo.site;

import java.util.Locale;

/** An active charger's state in an allocation (contract 2.3). */
public enum ChargerStatus {
    CHARGING, QUEUED, OFFLINE;

    public String json() { return name().toLowerCase(Locale.ROOT); }
}
