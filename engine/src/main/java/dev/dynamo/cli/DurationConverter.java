package dev.dynamo.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;

/** Reads {@code 90s}, {@code 5m}, {@code 1h}, {@code 400d}, {@code 250ms} or ISO 8601 ({@code PT5M}). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
        var value = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("pt") || value.startsWith("p")) return positive(Duration.parse(value.toUpperCase(Locale.ROOT)), text);
            if (value.endsWith("ms")) return positive(Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2))), text);
            var amount = Long.parseLong(value.substring(0, value.length() - 1));
            return positive(switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException();
            }, text);
        } catch (RuntimeException e) {
            if (e instanceof CommandLine.TypeConversionException) throw e;
            throw new CommandLine.TypeConversionException("'" + text + "' is not a duration (e.g. 90s, 5m, 1h, 400d, PT5M)");
        }
    }

    private static Duration positive(Duration duration, String text) {
        if (duration.isNegative()) throw new CommandLine.TypeConversionException("'" + text + "' is negative");
        return duration;
    }
}
