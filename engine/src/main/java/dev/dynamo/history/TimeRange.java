package dev.dynamo.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The {@code [from, to)} of a history or decisions query (contract 2.4, 7.4), in milliseconds: the
 * precision the history is stored at.
 */
public record TimeRange(Instant from, Instant to) {
    public static final Duration DEFAULT_LENGTH = Duration.ofHours(24);
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    /**
     * Reads {@code from} and {@code to}: an ISO 8601 date-time with offset (seconds and fraction
     * optional) or a date meaning its UTC start. Absent or blank: {@code to} = now, {@code from} =
     * {@code to} − 24 h.
     *
     * @throws HistoryParameterException naming the parameter at fault
     */
    public static TimeRange parse(String fromText, String toText, Instant now) {
        var to = isAbsent(toText) ? now.truncatedTo(ChronoUnit.MILLIS) : instant("to", toText);
        var from = isAbsent(fromText) ? to.minus(DEFAULT_LENGTH) : instant("from", fromText);
        if (!from.isBefore(to)) {
            throw new HistoryParameterException("from", "from (" + from + ") must be before to (" + to + ")");
        }
        return new TimeRange(from, to);
    }

    static boolean isAbsent(String text) {
        return text == null || text.isBlank();
    }

    private static Instant instant(String parameter, String text) {
        var trimmed = text.strip();
        Instant instant;
        try {
            instant = trimmed.indexOf('T') >= 0 || trimmed.indexOf('t') >= 0
                    ? OffsetDateTime.parse(trimmed).toInstant()
                    : LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new HistoryParameterException(parameter, parameter + " '" + text
                    + "' is not a date-time with offset like 2026-11-24T10:15:30Z or a date like 2026-11-24");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new HistoryParameterException(parameter, parameter + " '" + text + "' is outside years 0000-9999");
        }
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
