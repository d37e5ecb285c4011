package dev.dynamo.console.watch;

/** What needs a person on a site, in the order the alert list sorts them. */
public enum AlertKind {
    BREAKER_NEAR_LIMIT("Breaker near its rating"),
    OFFLINE_WITH_RESERVATION("Charger offline"),
    LIMIT_REFUSED("Limit refused"),
    OVER_LIMIT("Draws over its limit"),
    QUEUED_TOO_LONG("Queued too long"),
    STALE_METER("Meter stale"),
    EXTERNAL_LIMIT("External limit"),
    AT_RISK("Vehicle at risk");

    private final String label;

    AlertKind(String label) { this.label = label; }

    public String label() { return label; }
}
