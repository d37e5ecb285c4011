package dev.dynamo.history;

import dev.dynamo.store.DecisionRecord;
import dev.dynamo.store.DecisionScanner;
import dev.dynamo.store.Store;
import java.time.Instant;
import java.util.List;

/** The two history queries of the API: buckets (contract 2.4) and the decision audit (7.4). */
public final class HistoryService {
    /** How long a query waits for the decision log's write under way; then it reads what is stored. */
    private static final java.time.Duration FLUSH_WAIT = java.time.Duration.ofSeconds(1);
    private final Store store;
    private final DecisionLog log;

    public HistoryService(Store store, DecisionLog log) {
        this.store = store;
        this.log = log;
    }

    public HistoryReport buckets(String siteId, HistoryParams params, Instant now) {
        return buckets(siteId, params.from(), params.to(), params.interval(), now);
    }

    /**
     * Streams only the decision in force at {@code from} and those inside {@code [from, min(to, now))};
     * decisions still waiting in the log are written first so that the answer includes them (when the store
     * takes them: while it cannot write, say on a full disk, reads still answer with what is stored).
     */
    public HistoryReport buckets(String siteId, Instant from, Instant to, Interval interval, Instant now) {
        if (!from.isBefore(to)) throw new IllegalArgumentException("from " + from + " is not before to " + to);
        log.tryFlush(FLUSH_WAIT);
        var sweep = new BucketSweep(from, to, interval, now);
        var end = sweep.dataEnd();
        if (from.isBefore(end)) {
            store.decisionBefore(siteId, from).ifPresent(sweep::startWith);
            if (store instanceof DecisionScanner scanner) scanner.scanDecisions(siteId, from, end, sweep::accept);
            else store.forEachDecision(siteId, from, end, sweep::accept);
        }
        return sweep.finish();
    }

    /**
     * The grid meter's average other load per bucket of {@code report} (contract 9.4), null where it gave no
     * value; reads only the reading in force at {@code from} and those in range.
     */
    public List<Double> otherLoad(String siteId, OtherLoadSeries.GridMeter meter, HistoryReport report, Instant now) {
        var end = report.to().isBefore(now) ? report.to() : now;
        var readings = report.from().isBefore(end)
                ? store.meterReadings(siteId, meter.meterId(), report.from(), end) : java.util.List.<dev.dynamo.store.StoredMeterReading>of();
        return OtherLoadSeries.averages(readings, meter, report.buckets(), report.from(), end);
    }

    public List<DecisionRecord> decisions(String siteId, DecisionParams params) {
        return decisions(siteId, params.from(), params.to(), params.limit());
    }

    /** Decisions in {@code [from, to)}, newest first; of two at the same instant the later made first. */
    public List<DecisionRecord> decisions(String siteId, Instant from, Instant to, int limit) {
        log.tryFlush(FLUSH_WAIT);
        return store.latestDecisions(siteId, from, to, limit);
    }
}
