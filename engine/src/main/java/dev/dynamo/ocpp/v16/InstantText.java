package dev.dynamo.ocpp.v16;

import java.time.Instant;

/**
 * An instant as ISO 8601 text, exactly as {@link Instant#toString()} writes it, appended without its formatter:
 * every TxProfile carries a {@code validTo}, and the formatter boxed a number per field of every one of them. The
 * date and time to the second are kept for the latest second written (a burst's profiles share it); the fraction
 * is written digit by digit.
 */
final class InstantText {
    /** The text of one whole second, without its zone ("2026-12-07T07:21:40"). */
    private record Second(long epochSecond, String text) {}

    /** From 0000-01-01 to 9999-12-31: four-digit years, the only ones written here (the others as Instant does). */
    private static final long FIRST_SECOND = -62_167_219_200L;
    private static final long LAST_SECOND = 253_402_300_799L;

    private static volatile Second latest = new Second(0, "1970-01-01T00:00:00");

    private InstantText() {}

    static StringBuilder append(StringBuilder text, Instant instant) {
        var epochSecond = instant.getEpochSecond();
        if (epochSecond < FIRST_SECOND || epochSecond > LAST_SECOND) return text.append(instant);
        var second = latest;
        if (second.epochSecond() != epochSecond) {
            var whole = Instant.ofEpochSecond(epochSecond).toString();
            second = new Second(epochSecond, whole.substring(0, whole.length() - 1)); // without its "Z"
            latest = second;
        }
        text.append(second.text());
        fraction(text, instant.getNano());
        return text.append('Z');
    }

    /** As ISO_INSTANT: none for a whole second, else in groups of three digits, as many as it needs. */
    private static void fraction(StringBuilder text, int nanos) {
        if (nanos == 0) return;
        int value;
        int firstDigit; // the place value of its first digit
        if (nanos % 1_000_000 == 0) {
            value = nanos / 1_000_000;
            firstDigit = 100;
        } else if (nanos % 1_000 == 0) {
            value = nanos / 1_000;
            firstDigit = 100_000;
        } else {
            value = nanos;
            firstDigit = 100_000_000;
        }
        text.append('.');
        for (var place = firstDigit; place > 0; place /= 10) {
            text.append((char) ('0' + value / place % 10));
        }
    }
}
