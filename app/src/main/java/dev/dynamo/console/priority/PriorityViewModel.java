package dev.dynamo.console.priority;

import dev.dynamo.console.client.Allocation;
import dev.dynamo.console.client.Charger;
import dev.dynamo.console.client.ConfigRequest;
import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.client.EngineException;
import dev.dynamo.console.client.FieldError;
import dev.dynamo.console.client.Site;
import dev.dynamo.console.client.SiteConfig;
import dev.dynamo.console.preview.PreviewComparison;
import dev.dynamo.console.preview.PreviewRow;
import dev.dynamo.console.task.Background;
import dev.dynamo.console.task.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Priority screen: the site's chargers in priority order, moved by commands, each with its live kW and
 * status (polled); once the order differs from the stored one, the engine previews the allocation it
 * would give (contract 11) and each row shows it beside the live one. {@link #apply()} stores the config
 * with strategy {@code priority} and this order.
 */
public final class PriorityViewModel {
    static final Duration LIVE_REFRESH = Duration.ofSeconds(2);

    private final Background background;
    private final Map<String, PreviewRow> rows = new HashMap<>();
    private final ReadOnlyIntegerWrapper rowsRevision = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper previewSummary = new ReadOnlyStringWrapper();
    private Allocation live;
    private Allocation preview;
    private final Poll<ConnectedSite> poll;
    private boolean previewInFlight;
    private boolean previewAgain;
    private final ObservableList<String> order = FXCollections.observableArrayList();
    // one read-only view, kept: listeners on a throwaway wrapper would be collected with it
    private final ObservableList<String> orderView = FXCollections.unmodifiableObservableList(order);
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper orderError = new ReadOnlyStringWrapper();
    private final ReadOnlyIntegerWrapper appliedCount = new ReadOnlyIntegerWrapper();

    private Optional<SiteConfig> config = Optional.empty();

    public PriorityViewModel(Background background) {
        this.background = background;
        this.poll = new Poll<>(background, LIVE_REFRESH, this::refreshLive);
    }

    /** Charge point ids, highest priority first. */
    public ObservableList<String> order() { return orderView; }

    /** True when the order differs from what the engine has stored. */
    public ReadOnlyBooleanProperty dirtyProperty() { return dirty.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    /** The engine's problem detail (or a connection error) after a failed load or apply. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    /** The engine's message for {@code priority_order} (or {@code strategy}), shown next to the list. */
    public ReadOnlyStringProperty orderErrorProperty() { return orderError.getReadOnlyProperty(); }

    /** Counts successful applies, so other screens can refresh. */
    public ReadOnlyIntegerProperty appliedCountProperty() { return appliedCount.getReadOnlyProperty(); }

    /** Live and previewed kW of a charger in the order (never null). */
    public PreviewRow row(String chargePointId) {
        var row = rows.get(chargePointId);
        return row != null ? row : new PreviewRow(chargePointId, null, null, null, null);
    }

    /** Changes whenever live or previewed values change, so the view redraws its rows. */
    public ReadOnlyIntegerProperty rowsRevisionProperty() { return rowsRevision.getReadOnlyProperty(); }

    /** The previewed site total against the live one, or null without a preview. */
    public ReadOnlyStringProperty previewSummaryProperty() { return previewSummary.getReadOnlyProperty(); }

    public void attach(ConnectedSite connectedSite) {
        poll.attach(connectedSite);
        live = null;
        preview = null;
        reload();
    }

    /** Live values are polled only while wanted (the screen is shown); on by default. */
    public void polling(boolean wanted) {
        poll.wanted(wanted);
    }

    public void stop() {
        poll.stop();
    }

    /** Fetches the live allocation; a site without config has none (every charger shows idle). */
    public void refreshLive() {
        poll.fetch(current -> () -> current.api().allocationIfConfigured(current.siteId()), allocation -> {
            live = allocation.orElse(null);
            showRows();
        }, _ -> {});
    }

    /** Asks the engine what the order on screen would give; one request at a time, the latest order wins. */
    void requestPreview() {
        if (poll.target() == null || order.isEmpty()) return;
        if (previewInFlight) {
            previewAgain = true;
            return;
        }
        previewInFlight = true;
        var current = poll.target();
        var request = request(current);
        background.submit(_ -> current.api().previewAllocation(current.siteId(), request), previewed -> {
            previewInFlight = false;
            if (current != poll.target()) return;
            if (previewAgain) {
                previewAgain = false;
                requestPreview();
                return;
            }
            if (!dirty.get()) return;
            orderError.set(null);
            preview = previewed;
            showRows();
        }, failure -> {
            previewInFlight = false;
            previewAgain = false;
            failed(failure);
        });
    }

    private void showRows() {
        rows.clear();
        PreviewComparison.rows(order, live, dirty.get() ? preview : null).forEach(r -> rows.put(r.chargePointId(), r));
        if (dirty.get() && preview != null) {
            previewSummary.set(String.format(java.util.Locale.ROOT, "Preview: %.1f kW allocated of %.1f kW (now %.1f kW)",
                    preview.totalAllocatedKw(), preview.totalBudgetKw(), live == null ? 0 : live.totalAllocatedKw()));
        } else {
            previewSummary.set(null);
        }
        rowsRevision.set(rowsRevision.get() + 1);
    }

    public void reload() {
        var current = poll.target();
        if (current == null) return;
        busy.set(true);
        background.submit(_ -> new Loaded(current.api().site(current.siteId()), current.api().config(current.siteId())),
                loaded -> {
                    busy.set(false);
                    config = loaded.config();
                    order.setAll(initialOrder(loaded.site(), loaded.config()));
                    dirty.set(false);
                    preview = null;
                    showRows();
                    clearErrors();
                    status.set(loaded.config().map(c -> "Stored strategy: " + c.strategy()).orElse("No config stored yet"));
                }, this::failed);
    }

    public void moveUp(int index) { move(index, index - 1); }

    public void moveDown(int index) { move(index, index + 1); }

    /** Moves the charger at {@code from} to position {@code to}; out-of-range moves do nothing. */
    public boolean move(int from, int to) {
        if (from < 0 || from >= order.size() || to < 0 || to >= order.size() || from == to) return false;
        var moved = new ArrayList<>(order);
        moved.add(to, moved.remove(from));
        order.setAll(moved);
        dirty.set(true);
        showRows();
        requestPreview();
        return true;
    }

    private ConfigRequest request(ConnectedSite current) {
        return config.map(SiteConfig::toRequest)
                .orElse(new ConfigRequest(current.site().gridConnectionCapacityKw(), "priority", null, List.of(),
                        List.of(), null, null))
                .withStrategy("priority").withPriorityOrder(List.copyOf(order)).withoutRotation().withoutDepartureAware();
    }

    public void apply() {
        var current = poll.target();
        if (current == null || order.isEmpty()) return;
        var request = request(current);
        busy.set(true);
        clearErrors();
        background.submit(_ -> current.api().putConfig(current.siteId(), request), stored -> {
            busy.set(false);
            config = Optional.of(stored);
            dirty.set(false);
            status.set("Applied: strategy priority, " + stored.priorityOrder().size() + " chargers ranked");
            preview = null;
            showRows();
            appliedCount.set(appliedCount.get() + 1);
            refreshLive();
        }, this::failed);
    }

    private record Loaded(Site site, Optional<SiteConfig> config) {}

    static List<String> initialOrder(Site site, Optional<SiteConfig> config) {
        var known = site.chargers().stream().map(Charger::chargePointId).toList();
        var ranked = new ArrayList<String>();
        config.ifPresent(c -> c.priorityOrder().stream().filter(known::contains).forEach(ranked::add));
        known.stream().filter(id -> !ranked.contains(id)).sorted().forEach(ranked::add);
        return ranked;
    }

    private void clearErrors() {
        error.set(null);
        orderError.set(null);
    }

    private void failed(Throwable failure) {
        busy.set(false);
        status.set(null);
        error.set(EngineException.describe(failure));
        if (failure instanceof EngineException e) {
            var messages = e.fieldErrors().stream()
                    .filter(f -> f.field().startsWith("priority_order") || f.field().equals("strategy")
                            || f.field().equals("rotation_period_min"))
                    .map(FieldError::message).collect(Collectors.joining("; "));
            orderError.set(messages.isEmpty() ? null : messages);
        }
    }
}
