package dev.dynamo.history;

import java.time.Instant;

/** The parameters of a history query (contract 2.4), checked. */
public record HistoryParams(Instant from, Instant to, Interval interval) {
    /** 7 days at 1min, even when {@code from} is not on a minute (one partial bucket at each end). */
    public static final long MAX_BUCKETS = 10_081;
    public static final Interval DEFAULT_INTERVAL = Interval.FIFTEEN_MINUTES;

    /**
     * @param intervalText {@code 1min}, {@code 5min}, {@code 15min} or {@code 1hour}; absent or blank: 15min
     * @throws HistoryParameterException naming the parameter at fault
     */
    public static HistoryParams parse(String fromText, String toText, String intervalText, Instant now) {
        var range = TimeRange.parse(fromText, toText, now);
        var interval = TimeRange.isAbsent(intervalText) ? DEFAULT_INTERVAL : Interval.fromText(intervalText.strip())
                .orElseThrow(() -> new HistoryParameterException("interval",
                        "interval '" + intervalText + "' is not one of 1min, 5min, 15min, 1hour"));
        var params = new HistoryParams(range.from(), range.to(), interval);
        if (params.bucketCount() > MAX_BUCKETS) {
            throw new HistoryParameterException("interval", "the range from " + range.from() + " to " + range.to()
                    + " holds " + params.bucketCount() + " buckets of " + interval + ", more than " + MAX_BUCKETS
                    + ": choose a longer interval or a shorter range");
        }
        return params;
    }

    /** From the bucket holding {@code from} to the one holding the instant just before {@code to}. */
    public long bucketCount() {
        return bucketCount(from, to, interval);
    }

    static long bucketCount(Instant from, Instant to, Interval interval) {
        var lengthMs = interval.lengthMs();
        var first = Math.floorDiv(from.toEpochMilli(), lengthMs);
        var last = Math.floorDiv(to.toEpochMilli() - 1, lengthMs);
        return last - first + 1;
    }
}
