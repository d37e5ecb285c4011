package dev.dynamo.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dynamo.history.HistoryReport.Bucket;
import dev.dynamo.history.HistoryReport.ChargerBucket;
import dev.dynamo.store.DecisionRecord;
import dev.dynamo.store.DecisionRecord.Entry;
import dev.dynamo.store.RotationState;
import dev.dynamo.store.Store;
import dev.dynamo.store.StoredSession;
import dev.dynamo.store.StoredSite;
import dev.dynamo.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The bucket query against a brute-force reference that samples the step function second by second:
 * with every time on a whole second, that sampling is exact. Run on both store paths (the streaming
 * scanner and the generic record callback).
 */
class BucketQueryPropertyTest {
    private static final Instant BASE = Instant.parse("2026-11-24T00:00:00Z");
    private static final List<String> CHARGERS = List.of("CP-1", "CP-2", "CP-3");
    private static final AtomicInteger SITES = new AtomicInteger();
    private static java.nio.file.Path dataDir;
    private static Store store;

    @BeforeContainer
    static void open() throws IOException {
        dataDir = Files.createTempDirectory("bucket-property");
        store = Stores.open(null, dataDir);
    }

    @AfterContainer
    static void close() throws IOException {
        store.close();
        try (var files = Files.walk(dataDir)) {
            for (var file : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(file);
        }
    }

    @Property(tries = 60)
    void buckets_match_a_second_by_second_reference(@ForAll("decisions") List<TimedDecision> timed,
                                                    @ForAll @IntRange(min = 0, max = 1500) int fromS,
                                                    @ForAll @IntRange(min = 1, max = 1500) int lengthS,
                                                    @ForAll @IntRange(min = 0, max = 3000) int nowS) {
        var siteId = "site-" + SITES.incrementAndGet();
        var decisions = timed.stream().sorted(Comparator.comparingInt(TimedDecision::atS))
                .map(t -> t.toRecord(siteId)).toList();
        store.appendDecisions(decisions);
        var from = BASE.plusSeconds(fromS);
        var to = from.plusSeconds(lengthS);
        var now = BASE.plusSeconds(nowS);

        try (var log = new DecisionLog(store, Duration.ofHours(1))) {
            var scanned = new HistoryService(store, log).buckets(siteId, from, to, Interval.ONE_MINUTE, now);
            var generic = new HistoryService(new RecordsOnly(store), log)
                    .buckets(siteId, from, to, Interval.ONE_MINUTE, now);
            var expected = reference(decisions, from, to, now);

            assertThat(generic).isEqualTo(scanned);
            assertThat(scanned.buckets()).hasSameSizeAs(expected);
            for (var i = 0; i < expected.size(); i++) assertClose(scanned.buckets().get(i), expected.get(i));
        }
    }

    private static List<Bucket> reference(List<DecisionRecord> decisions, Instant from, Instant to, Instant now) {
        var buckets = new ArrayList<Bucket>();
        var end = now.isBefore(to) ? now : to;
        for (var start = from.truncatedTo(java.time.temporal.ChronoUnit.MINUTES); start.isBefore(to);
             start = start.plusSeconds(60)) {
            var bucketEnd = start.plusSeconds(60);
            double budget = 0, total = 0, max = 0;
            var seconds = 0;
            var chargerSums = new TreeMap<String, double[]>();
            for (var s = start; s.isBefore(bucketEnd); s = s.plusSeconds(1)) {
                if (s.isBefore(from) || !s.isBefore(end)) continue;
                seconds++;
                var inForce = inForceAt(decisions, s);
                if (inForce.isEmpty()) continue;
                budget += inForce.get().totalBudgetKw();
                total += inForce.get().totalAllocatedKw();
                max = Math.max(max, inForce.get().totalAllocatedKw());
                for (var entry : inForce.get().allocations()) {
                    if (entry.allocatedKw() == 0) continue;
                    var sums = chargerSums.computeIfAbsent(entry.chargePointId(), _ -> new double[2]);
                    sums[0] += entry.allocatedKw();
                    sums[1] = Math.max(sums[1], entry.allocatedKw());
                }
            }
            var partStart = start.isBefore(from) ? from : start;
            var partEnd = bucketEnd.isBefore(end) ? bucketEnd : end;
            var counted = decisions.stream().filter(d -> !d.decidedAt().isBefore(partStart)
                    && d.decidedAt().isBefore(partEnd)).count();
            var n = Math.max(seconds, 1);
            var chargers = new ArrayList<ChargerBucket>();
            chargerSums.forEach((id, sums) -> chargers.add(new ChargerBucket(id, sums[0] / n, sums[1])));
            buckets.add(new Bucket(start, bucketEnd, budget / n, total / n, max, (int) counted, chargers));
        }
        return buckets;
    }

    /** The last decision at or before {@code instant}; of several at the same time, the last appended. */
    private static Optional<DecisionRecord> inForceAt(List<DecisionRecord> decisions, Instant instant) {
        DecisionRecord found = null;
        for (var decision : decisions) if (!decision.decidedAt().isAfter(instant)) found = decision;
        return Optional.ofNullable(found);
    }

    private static void assertClose(Bucket actual, Bucket expected) {
        assertThat(actual.start()).isEqualTo(expected.start());
        assertThat(actual.end()).isEqualTo(expected.end());
        assertThat(actual.decisions()).as("decisions of %s", expected.start()).isEqualTo(expected.decisions());
        assertThat(actual.avgBudgetKw()).isCloseTo(expected.avgBudgetKw(), within(0.0011));
        assertThat(actual.avgAllocatedKw()).isCloseTo(expected.avgAllocatedKw(), within(0.0011));
        assertThat(actual.maxAllocatedKw()).isCloseTo(expected.maxAllocatedKw(), within(0.0011));
        assertThat(actual.chargers()).extracting(ChargerBucket::chargePointId)
                .containsExactlyElementsOf(expected.chargers().stream().map(ChargerBucket::chargePointId).toList());
        for (var i = 0; i < expected.chargers().size(); i++) {
            assertThat(actual.chargers().get(i).avgAllocatedKw())
                    .isCloseTo(expected.chargers().get(i).avgAllocatedKw(), within(0.0011));
            assertThat(actual.chargers().get(i).maxAllocatedKw())
                    .isCloseTo(expected.chargers().get(i).maxAllocatedKw(), within(0.0011));
        }
    }

    @Provide
    Arbitrary<List<TimedDecision>> decisions() {
        var kw = Arbitraries.integers().between(0, 2_200).map(centi -> centi < 400 ? 0 : centi / 100.0);
        var decision = Combinators.combine(Arbitraries.integers().between(0, 1_800),
                Arbitraries.integers().between(0, 300), kw.list().ofSize(CHARGERS.size()))
                .as((atS, budgetKw, kws) -> new TimedDecision(atS, budgetKw, kws));
        return decision.list().ofMaxSize(25);
    }

    record TimedDecision(int atS, double budgetKw, List<Double> kws) {
        DecisionRecord toRecord(String siteId) {
            var entries = new ArrayList<Entry>();
            for (var i = 0; i < CHARGERS.size(); i++) {
                entries.add(new Entry(CHARGERS.get(i), kws.get(i), kws.get(i) > 0 ? "charging" : "queued"));
            }
            var total = kws.stream().mapToDouble(Double::doubleValue).sum();
            return new DecisionRecord(siteId, BASE.plusSeconds(atS), "manual", "equal", budgetKw, total, entries);
        }
    }

    /** The store seen only through {@link Store}: the history falls back to the record callback. */
    private record RecordsOnly(Store store) implements Store {
        @Override public List<StoredSite> loadSites() { return store.loadSites(); }
        @Override public void putSite(String siteId, String json) { store.putSite(siteId, json); }
        @Override public void putConfig(String siteId, String json, Instant at) { store.putConfig(siteId, json, at); }
        @Override public List<StoredSession> loadSessions() { return store.loadSessions(); }
        @Override public void putSession(StoredSession session) { store.putSession(session); }
        @Override public void deleteSession(String siteId, String cp) { store.deleteSession(siteId, cp); }
        @Override public List<RotationState> loadRotation() { return store.loadRotation(); }
        @Override public void writeRotation(RotationState changes) { store.writeRotation(changes); }
        @Override public List<dev.dynamo.store.StoredEnergy> loadEnergy() { return store.loadEnergy(); }
        @Override public void writeEnergy(List<dev.dynamo.store.StoredEnergy> energies) { store.writeEnergy(energies); }
        @Override public void appendDecisions(List<DecisionRecord> decisions) { store.appendDecisions(decisions); }
        @Override public Optional<DecisionRecord> decisionBefore(String siteId, Instant instant) {
            return store.decisionBefore(siteId, instant);
        }
        @Override public void forEachDecision(String siteId, Instant from, Instant to, Consumer<DecisionRecord> action) {
            store.forEachDecision(siteId, from, to, action);
        }
        @Override public List<DecisionRecord> latestDecisions(String siteId, Instant from, Instant to, int limit) {
            return store.latestDecisions(siteId, from, to, limit);
        }
        @Override public void close() {}
    }
}
