package dev.dynamo.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** The contract's reading of site wall-clock time (section 3, last paragraph). */
public final class SiteTime {
    private SiteTime() {}

    /**
     * The instant a local wall-clock time stands for at a site. In a gap (clocks skip an hour) it
     * is the first instant after the gap: 02:30 in a 02:00-03:00 gap is 03:00, not java's 03:30,
     * so every boundary inside one gap lands on the same instant and keeps its order. In a repeated
     * hour it is the first occurrence.
     */
    public static Instant instantOf(LocalDateTime local, ZoneId zone) {
        var rules = zone.getRules();
        var offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        var first = local.toInstant(offsets.getFirst());
        for (var offset : offsets) {
            var candidate = local.toInstant(offset);
            if (candidate.isBefore(first)) {
                first = candidate;
            }
        }
        return first;
    }
}
