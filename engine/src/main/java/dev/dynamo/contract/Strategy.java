package dev.dynamo.contract;

/** The config's strategy; written in JSON in lower case. */
public enum Strategy {
    EQUAL, PRIORITY, SCHEDULED;

    public String json() { return name().toLowerCase(java.util.Locale.ROOT); }
}
