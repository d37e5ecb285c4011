package dev.dynamo.history;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** The bucket widths of the history query (contract 2.4), aligned to UTC multiples of their length. */
public enum Interval {
    ONE_MINUTE("1min", Duration.ofMinutes(1)),
    FIVE_MINUTES("5min", Duration.ofMinutes(5)),
    FIFTEEN_MINUTES("15min", Duration.ofMinutes(15)),
    ONE_HOUR("1hour", Duration.ofHours(1));

    private final String text;
    private final Duration length;

    Interval(String text, Duration length) {
        this.text = text;
        this.length = length;
    }

    /** As the API writes it: {@code 1min}, {@code 5min}, {@code 15min}, {@code 1hour}. */
    public String text() {
        return text;
    }

    public Duration length() {
        return length;
    }

    public long lengthMs() {
        return length.toMillis();
    }

    public static Optional<Interval> fromText(String text) {
        return Arrays.stream(values()).filter(interval -> interval.text.equals(text)).findFirst();
    }

    @Override
    public String toString() {
        return text;
    }
}
