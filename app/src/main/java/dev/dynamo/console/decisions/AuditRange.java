package dev.dynamo.console.decisions;

import java.time.Duration;

/** The time ranges the audit screen offers, ending now. */
public enum AuditRange {
    LAST_HOUR("Last hour", Duration.ofHours(1)),
    LAST_6_HOURS("Last 6 hours", Duration.ofHours(6)),
    LAST_DAY("Last 24 hours", Duration.ofDays(1)),
    LAST_WEEK("Last 7 days", Duration.ofDays(7));

    private final String label;
    private final Duration length;

    AuditRange(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    public Duration length() { return length; }

    @Override
    public String toString() { return label; }
}
