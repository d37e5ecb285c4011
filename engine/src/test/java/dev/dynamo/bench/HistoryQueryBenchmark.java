package dev.dynamo.bench;

import dev.dynamo.history.DecisionLog;
import dev.dynamo.history.HistoryReport;
import dev.dynamo.history.HistoryService;
import dev.dynamo.history.Interval;
import dev.dynamo.store.DecisionRecord;
import dev.dynamo.store.DecisionRecord.Entry;
import dev.dynamo.store.Store;
import dev.dynamo.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * History queries on SQLite over 30 days of a 100-charger site deciding once a minute, each decision
 * holding an allocation for every one of the 100 chargers: 43,200 decisions, 4.32 million entries.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HistoryQueryBenchmark {
    static final int CHARGERS = 100;
    static final int DAYS = 30;
    static final Instant END = Instant.parse("2026-11-24T00:00:00Z");
    static final Instant START = END.minus(Duration.ofDays(DAYS));
    private static final String SITE = "bench-site";

    private Path dataDir;
    private Store store;
    private DecisionLog log;
    private HistoryService history;

    @Setup(Level.Trial)
    public void fillStore() throws IOException {
        dataDir = Files.createTempDirectory("dynamo-history-bench");
        store = Stores.open(null, dataDir);
        log = new DecisionLog(store);
        history = new HistoryService(store, log);
        var ids = new ArrayList<String>();
        for (var i = 1; i <= CHARGERS; i++) ids.add("CP-%03d".formatted(i));
        var batch = new ArrayList<DecisionRecord>();
        for (var minute = 0; minute < DAYS * 24 * 60; minute++) {
            batch.add(decision(START.plus(Duration.ofMinutes(minute)), minute, ids));
            if (batch.size() == 1_000) {
                store.appendDecisions(batch);
                batch.clear();
            }
        }
        store.appendDecisions(batch);
    }

    /** Varied power: charger i gets between 0 (queued) and 22 kW, changing every minute. */
    private static DecisionRecord decision(Instant at, int minute, List<String> ids) {
        var entries = new ArrayList<Entry>(ids.size());
        var totalKw = 0.0;
        for (var i = 0; i < ids.size(); i++) {
            var kw = ((minute * 7 + i * 13) % 23) == 0 ? 0 : ((minute + i) % 20) + 2.5;
            entries.add(new Entry(ids.get(i), kw, kw > 0 ? "charging" : "queued"));
            totalKw += kw;
        }
        return new DecisionRecord(SITE, at, "measured", "equal", 2_500, totalKw, entries);
    }

    @TearDown(Level.Trial)
    public void deleteStore() throws IOException {
        log.close();
        store.close();
        try (var files = Files.walk(dataDir)) {
            for (var file : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(file);
        }
    }

    @Benchmark
    public HistoryReport last24HoursAt15min() {
        return history.buckets(SITE, END.minus(Duration.ofDays(1)), END, Interval.FIFTEEN_MINUTES, END);
    }

    @Benchmark
    public HistoryReport last7DaysAt1min() {
        return history.buckets(SITE, END.minus(Duration.ofDays(7)), END, Interval.ONE_MINUTE, END);
    }

    @Benchmark
    public HistoryReport last30DaysAt5min() {
        return history.buckets(SITE, START, END, Interval.FIVE_MINUTES, END);
    }
}
