package dev.dynamo.console.history;

import dev.dynamo.console.client.HistoryInterval;
import java.time.Duration;

public enum RangeChoice {
    LAST_HOUR("Last hour", Duration.ofHours(1), HistoryInterval.MIN_1),
    LAST_24_HOURS("Last 24 h", Duration.ofHours(24), HistoryInterval.MIN_15),
    LAST_7_DAYS("Last 7 days", Duration.ofDays(7), HistoryInterval.HOUR_1),
    CUSTOM("Custom", null, HistoryInterval.HOUR_1);

    private final String label;
    private final Duration length;
    private final HistoryInterval defaultInterval;

    RangeChoice(String label, Duration length, HistoryInterval defaultInterval) {
        this.label = label;
        this.length = length;
        this.defaultInterval = defaultInterval;
    }

    /** How far back from now, or null for a custom range. */
    public Duration length() { return length; }

    public HistoryInterval defaultInterval() { return defaultInterval; }

    @Override
    public String toString() { return label; }
}
