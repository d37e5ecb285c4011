package dev.dynamo.console.client;

import java.time.Duration;

/** The bucket widths the history endpoint serves. */
public enum HistoryInterval {
    MIN_1("1min", Duration.ofMinutes(1)),
    MIN_5("5min", Duration.ofMinutes(5)),
    MIN_15("15min", Duration.ofMinutes(15)),
    HOUR_1("1hour", Duration.ofHours(1));

    private final String query;
    private final Duration length;

    HistoryInterval(String query, Duration length) {
        this.query = query;
        this.length = length;
    }

    public String query() { return query; }

    public Duration length() { return length; }

    @Override
    public String toString() { return query; }
}
