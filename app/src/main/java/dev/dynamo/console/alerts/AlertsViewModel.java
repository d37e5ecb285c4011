package dev.dynamo.console.alerts;

import dev.dynamo.console.client.Allocation;
import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.client.EngineException;
import dev.dynamo.console.client.SiteConfig;
import dev.dynamo.console.task.Background;
import dev.dynamo.console.task.Poll;
import dev.dynamo.console.watch.Alert;
import dev.dynamo.console.watch.AlertRules;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Alerts screen: polls the site's allocation, turns it into alerts ({@link AlertRules}) and keeps each
 * from its first sighting until it clears, and an hour after, so the last hour's trouble stays visible.
 * New alerts are announced once ({@link #arrivedProperty()}); acknowledging one takes it off the count.
 */
public final class AlertsViewModel {
    static final Duration REFRESH = Duration.ofSeconds(2);
    static final Duration KEEP_CLEARED = Duration.ofHours(1);

    private final Clock clock;
    private final Map<String, AlertEntry> byKey = new LinkedHashMap<>();
    private final ObservableList<AlertEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<AlertEntry> entriesView = FXCollections.unmodifiableObservableList(entries);
    private final ReadOnlyIntegerWrapper openCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<List<AlertEntry>> arrived = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final Poll<ConnectedSite> poll;

    public AlertsViewModel(Background background, Clock clock) {
        this.clock = clock;
        this.poll = new Poll<>(background, REFRESH, this::refresh);
    }

    /** Open alerts first (newest first), then those cleared within the last hour. */
    public ObservableList<AlertEntry> entries() { return entriesView; }

    /** Open alerts nobody acknowledged yet. */
    public ReadOnlyIntegerProperty openCountProperty() { return openCount.getReadOnlyProperty(); }

    /** The alerts that appeared at the last refresh (set only when there are some). */
    public ReadOnlyObjectProperty<List<AlertEntry>> arrivedProperty() { return arrived.getReadOnlyProperty(); }

    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    public void attach(ConnectedSite connectedSite) {
        poll.attach(connectedSite);
        byKey.clear();
        show();
    }

    public void stop() {
        poll.stop();
    }

    public void refresh() {
        poll.fetch(current -> () -> {
            var config = current.api().config(current.siteId()).orElse(null);
            return new Polled(config == null ? null : current.api().allocationIfConfigured(current.siteId()).orElse(null), config);
        }, polled -> {
            error.set(null);
            update(AlertRules.evaluate(polled.allocation(), polled.config(), clock.instant()));
        }, failure -> error.set(EngineException.describe(failure)));
    }

    private record Polled(Allocation allocation, SiteConfig config) {}

    /** Takes the alerts that hold now: new ones open, gone ones clear, cleared ones older than an hour go. */
    void update(List<Alert> current) {
        var now = clock.instant();
        var fresh = new ArrayList<AlertEntry>();
        var holding = new LinkedHashMap<String, Alert>();
        current.forEach(alert -> holding.put(alert.key(), alert));
        for (var alert : holding.values()) {
            var known = byKey.get(alert.key());
            if (known == null || !known.open()) {
                var entry = new AlertEntry(alert, Optional.ofNullable(alert.since()).orElse(now), null, false);
                byKey.put(alert.key(), entry);
                fresh.add(entry);
            } else {
                byKey.put(alert.key(), known.withAlert(alert));
            }
        }
        for (var entry : List.copyOf(byKey.values())) {
            var key = entry.alert().key();
            if (entry.open() && !holding.containsKey(key)) byKey.put(key, entry.cleared(now));
            else if (!entry.open() && entry.clearedAt().plus(KEEP_CLEARED).isBefore(now)) byKey.remove(key);
        }
        show();
        if (!fresh.isEmpty()) arrived.set(List.copyOf(fresh));
    }

    public void acknowledge(AlertEntry entry) {
        if (entry == null) return;
        var known = byKey.get(entry.alert().key());
        if (known != null) byKey.put(entry.alert().key(), known.acknowledge());
        show();
    }

    public void acknowledgeAll() {
        byKey.replaceAll((_, entry) -> entry.open() ? entry.acknowledge() : entry);
        show();
    }

    private void show() {
        var sorted = byKey.values().stream()
                .sorted(Comparator.comparing((AlertEntry e) -> !e.open())
                        .thenComparing(AlertEntry::since, Comparator.reverseOrder()))
                .toList();
        if (!sorted.equals(entries)) entries.setAll(sorted);
        openCount.set((int) byKey.values().stream().filter(AlertEntry::needsAttention).count());
    }
}
