package dev.dynamo.history;

import java.time.Instant;

/** The parameters of the decisions query (contract 7.4), checked. */
public record DecisionParams(Instant from, Instant to, int limit) {
    public static final int DEFAULT_LIMIT = 1_000;
    public static final int MAX_LIMIT = 10_000;

    /**
     * @param limitText an integer 1–10,000; absent or blank: 1,000
     * @throws HistoryParameterException naming the parameter at fault
     */
    public static DecisionParams parse(String fromText, String toText, String limitText, Instant now) {
        var range = TimeRange.parse(fromText, toText, now);
        return new DecisionParams(range.from(), range.to(), parseLimit(limitText));
    }

    public static int parseLimit(String limitText) {
        if (TimeRange.isAbsent(limitText)) return DEFAULT_LIMIT;
        int limit;
        try {
            limit = Integer.parseInt(limitText.strip());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new HistoryParameterException("limit",
                    "limit '" + limitText + "' must be a whole number from 1 to " + MAX_LIMIT);
        }
        return limit;
    }
}
