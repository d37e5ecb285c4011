package dev.dynamo.console.history;

import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.client.EngineException;
import dev.dynamo.console.client.History;
import dev.dynamo.console.client.HistoryInterval;
import dev.dynamo.console.task.Background;
import dev.dynamo.console.task.Job;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * History screen: range and interval, a query split into chunks so it can show progress and be
 * cancelled between them, the result as a {@link HistoryTable}, CSV export.
 */
public final class HistoryViewModel {
    /** One day of 1-minute buckets per request keeps each answer small. */
    static final int BUCKETS_PER_REQUEST = 1440;

    private final Background background;
    private final Clock clock;
    private final ObjectProperty<RangeChoice> range = new SimpleObjectProperty<>(RangeChoice.LAST_HOUR);
    private final ObjectProperty<HistoryInterval> interval = new SimpleObjectProperty<>(HistoryInterval.MIN_1);
    private final ObjectProperty<LocalDate> customFrom = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> customTo = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyObjectWrapper<HistoryTable> table = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();

    private ConnectedSite site;
    private Job query = Job.DONE;
    private Supplier<Instant> engineNow;

    public HistoryViewModel(Background background, Clock clock) {
        this.background = background;
        this.clock = clock;
        this.engineNow = clock::instant;
        var today = LocalDate.now(clock);
        customFrom.set(today.minusDays(1));
        customTo.set(today);
        range.addListener((_, _, choice) -> { if (choice != null) interval.set(choice.defaultInterval()); });
    }

    public ObjectProperty<RangeChoice> rangeProperty() { return range; }

    public ObjectProperty<HistoryInterval> intervalProperty() { return interval; }

    /** First day of a custom range, in the site's time zone. */
    public ObjectProperty<LocalDate> customFromProperty() { return customFrom; }

    /** Last day (inclusive) of a custom range. */
    public ObjectProperty<LocalDate> customToProperty() { return customTo; }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<HistoryTable> tableProperty() { return table.getReadOnlyProperty(); }

    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    /**
     * Where "last hour" and the other ranges end: the engine's time when it is not the desktop's (a playback
     * runs on simulated time, at up to 600×); null for the desktop clock.
     */
    public void engineTime(Supplier<Instant> now) { engineNow = now == null ? clock::instant : now; }

    public void attach(ConnectedSite connectedSite) {
        cancel();
        site = connectedSite;
        table.set(null);
        status.set(null);
    }

    public void load() {
        if (site == null) return;
        cancel();
        var current = site;
        Instant from;
        Instant to;
        if (range.get() == RangeChoice.CUSTOM) {
            var zone = zoneOf(current);
            from = customFrom.get().atStartOfDay(zone).toInstant();
            to = customTo.get().plusDays(1).atStartOfDay(zone).toInstant();
            if (!to.isAfter(from)) {
                error.set("The custom range ends before it starts");
                return;
            }
        } else {
            var engine = engineNow.get();
            to = engine == null ? clock.instant() : engine;
            from = to.minus(range.get().length());
        }
        var step = interval.get();
        error.set(null);
        running.set(true);
        progress.set(0);
        status.set("Loading…");
        query = background.submit(context -> fetch(current, from, to, step, context),
                progress::set,
                buckets -> {
                    running.set(false);
                    progress.set(1);
                    table.set(HistoryTable.of(buckets));
                    status.set(buckets.size() + " buckets of " + step.query());
                },
                failure -> {
                    running.set(false);
                    status.set(null);
                    error.set(EngineException.describe(failure));
                });
    }

    public void cancel() {
        if (running.get()) {
            query.cancel();
            running.set(false);
            status.set("Cancelled");
        }
    }

    /** Writes the loaded table; reports in {@code status}, or {@code error} when it fails. */
    public void exportCsv(Path file) {
        var current = table.get();
        if (current == null) return;
        background.submit(_ -> {
                    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                        HistoryCsv.write(current, out);
                    }
                    return file;
                },
                written -> status.set("Exported " + current.size() + " rows to " + written.getFileName()),
                failure -> error.set("Export failed: " + EngineException.describe(failure)));
    }

    private static ArrayList<History.Bucket> fetch(ConnectedSite site, Instant from, Instant to, HistoryInterval step,
                                                   Background.JobContext context) {
        var chunk = step.length().multipliedBy(BUCKETS_PER_REQUEST);
        var total = Duration.between(from, to);
        var buckets = new ArrayList<History.Bucket>();
        var stepMillis = step.length().toMillis();
        for (var chunkFrom = from; chunkFrom.isBefore(to); ) {
            context.stopIfCancelled();
            // chunk edges on bucket edges, so no bucket is split between two answers
            var edge = Instant.ofEpochMilli(Math.floorDiv(chunkFrom.plus(chunk).toEpochMilli(), stepMillis) * stepMillis);
            var chunkTo = edge.isAfter(to) ? to : edge;
            var answer = site.api().history(site.siteId(), chunkFrom, chunkTo, step).buckets();
            for (var bucket : answer) {
                if (buckets.isEmpty() || bucket.start().isAfter(buckets.getLast().start())) buckets.add(bucket);
            }
            context.progress((double) Duration.between(from, chunkTo).toMillis() / total.toMillis());
            chunkFrom = chunkTo;
        }
        return buckets;
    }

    private static ZoneId zoneOf(ConnectedSite site) {
        try {
            return ZoneId.of(site.site().timezone());
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
