package dev.dynamo.console.schedule;

import dev.dynamo.console.client.Allocation;
import dev.dynamo.console.client.ConfigRequest;
import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.client.EngineException;
import dev.dynamo.console.client.SiteConfig;
import dev.dynamo.console.preview.PreviewComparison;
import dev.dynamo.console.preview.PreviewRow;
import dev.dynamo.console.task.Background;
import java.time.DayOfWeek;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * Config and schedule screen: the config's fields as text the user types, the weekly schedule as
 * {@link WindowBlock}s, and the engine's field errors keyed by contract field name.
 */
public final class ConfigViewModel {
    public static final List<String> STRATEGIES = List.of("equal", "priority", "scheduled");
    public static final List<String> WINDOW_STRATEGIES = List.of("equal", "priority");
    static final List<String> SHOWN_FIELDS = List.of("max_power_kw", "strategy", "min_power_per_charger_kw",
            "rotation_period_min", "schedule", "departure_aware");
    /** Why the departure switch is off and cannot be turned on with {@code priority} (the engine answers 422). */
    public static final String DEPARTURE_AWARE_WITH_PRIORITY =
            "Not with priority: departures apply to equal sharing (equal, or the equal windows of scheduled)";

    private final Background background;
    private final StringProperty maxPowerKw = new SimpleStringProperty("");
    private final StringProperty floorKw = new SimpleStringProperty("0");
    private final StringProperty rotationPeriodMin = new SimpleStringProperty("");
    private final ObjectProperty<String> strategy = new SimpleObjectProperty<>("equal");
    private final BooleanProperty redistributeUnused = new SimpleBooleanProperty();
    private final BooleanProperty departureAware = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper departureAwareBlocked = new ReadOnlyStringWrapper();
    private final ReadOnlyDoubleWrapper gridCapacityKw = new ReadOnlyDoubleWrapper();
    private final ObservableList<WindowBlock> windows = FXCollections.observableArrayList();
    // one read-only view, kept: listeners on a throwaway wrapper would be collected with it
    private final ObservableList<WindowBlock> windowsView = FXCollections.unmodifiableObservableList(windows);
    private final ObservableMap<String, String> fieldErrors = FXCollections.observableHashMap();
    private final ObservableMap<String, String> fieldErrorsView = FXCollections.unmodifiableObservableMap(fieldErrors);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper appliedCount = new ReadOnlyIntegerWrapper();

    private ConnectedSite site;
    private List<String> priorityOrder = List.of();

    private final ObservableList<PreviewRow> previewRows = FXCollections.observableArrayList();
    private final ObservableList<PreviewRow> previewRowsView = FXCollections.unmodifiableObservableList(previewRows);
    private final ReadOnlyStringWrapper previewSummary = new ReadOnlyStringWrapper();

    public ConfigViewModel(Background background) {
        this.background = background;
        // with priority the engine refuses departure_aware: the switch goes off and says why
        strategy.subscribe(chosen -> {
            var blocked = "priority".equals(chosen);
            departureAwareBlocked.set(blocked ? DEPARTURE_AWARE_WITH_PRIORITY : null);
            if (blocked) departureAware.set(false);
        });
    }

    /** Contract 10: the vans with the least time to spare charge first, so each is full by its departure. */
    public BooleanProperty departureAwareProperty() { return departureAware; }

    /** Why the departure switch cannot be turned on now (strategy priority), or null when it can. */
    public ReadOnlyStringProperty departureAwareBlockedProperty() { return departureAwareBlocked.getReadOnlyProperty(); }

    public StringProperty maxPowerKwProperty() { return maxPowerKw; }

    public StringProperty floorKwProperty() { return floorKw; }

    /** Minutes between rotations; empty means off. */
    public StringProperty rotationPeriodMinProperty() { return rotationPeriodMin; }

    public ObjectProperty<String> strategyProperty() { return strategy; }

    public BooleanProperty redistributeUnusedProperty() { return redistributeUnused; }

    public ReadOnlyDoubleProperty gridCapacityKwProperty() { return gridCapacityKw.getReadOnlyProperty(); }

    public ObservableList<WindowBlock> windows() { return windowsView; }

    /** Messages by contract field ({@code max_power_kw}, {@code schedule}, …), from the engine or local checks. */
    public ObservableMap<String, String> fieldErrors() { return fieldErrorsView; }

    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    public ReadOnlyIntegerProperty appliedCountProperty() { return appliedCount.getReadOnlyProperty(); }

    public void attach(ConnectedSite connectedSite) {
        site = connectedSite;
        gridCapacityKw.set(connectedSite.site().gridConnectionCapacityKw());
        reload();
    }

    public void reload() {
        if (site == null) return;
        var current = site;
        busy.set(true);
        background.submit(_ -> current.api().config(current.siteId()), loaded -> {
            busy.set(false);
            clearErrors();
            loaded.ifPresentOrElse(this::show, () -> {
                maxPowerKw.set(number(current.site().gridConnectionCapacityKw()));
                status.set("No config stored yet");
            });
        }, this::failed);
    }

    /** Draws a new window; refused (null) when it would overlap another. */
    public WindowBlock addWindow(DayOfWeek day, int startMinute, int endMinute) {
        var kw = parse(maxPowerKw.get());
        var block = new WindowBlock(day, startMinute, endMinute, kw == null ? gridCapacityKw.get() : kw, "equal");
        if (overlapsOthers(block, day, startMinute, endMinute)) return null;
        windows.add(block);
        return block;
    }

    /** Moves or resizes a window; refused (false) when it would overlap another or be empty. */
    public boolean reshapeWindow(WindowBlock block, DayOfWeek day, int startMinute, int endMinute) {
        if (startMinute < 0 || startMinute >= WindowBlock.DAY_MINUTES || endMinute < 1
                || endMinute > WindowBlock.DAY_MINUTES || startMinute == endMinute) return false;
        if (overlapsOthers(block, day, startMinute, endMinute)) return false;
        block.dayProperty().set(day);
        block.startMinuteProperty().set(startMinute);
        block.endMinuteProperty().set(endMinute);
        return true;
    }

    public void removeWindow(WindowBlock block) { windows.remove(block); }

    public boolean overlapsOthers(WindowBlock block, DayOfWeek day, int startMinute, int endMinute) {
        var week = 7 * WindowBlock.DAY_MINUTES;
        var start = (day.getValue() - 1) * WindowBlock.DAY_MINUTES + startMinute;
        var length = WindowBlock.length(startMinute, endMinute);
        for (var other : windows) {
            if (other == block) continue;
            // on the week's circle: two arcs overlap when either start lies inside the other
            var fromOther = Math.floorMod(start - other.weekStart(), week);
            var fromThis = Math.floorMod(other.weekStart() - start, week);
            if (fromOther < other.lengthMinutes() || fromThis < length) return true;
        }
        return false;
    }

    /** What the config on screen would give the current sessions now, beside what they get (contract 11). */
    public ObservableList<PreviewRow> previewRows() { return previewRowsView; }

    public ReadOnlyStringProperty previewSummaryProperty() { return previewSummary.getReadOnlyProperty(); }

    /** Asks the engine for the allocation the config on screen would give; nothing is stored. */
    public void preview() {
        if (site == null) return;
        clearErrors();
        var request = request();
        if (request == null) return;
        var current = site;
        busy.set(true);
        background.submit(_ -> {
            var previewed = current.api().previewAllocation(current.siteId(), request);
            return new Previewed(current.api().allocationIfConfigured(current.siteId()).orElse(null), previewed);
        }, previewed -> {
            busy.set(false);
            var ids = current.site().chargers().stream().map(c -> c.chargePointId()).toList();
            previewRows.setAll(PreviewComparison.rows(ids, previewed.live(), previewed.preview()).stream()
                    .filter(r -> r.liveKw() != null || (r.previewStatus() != null)).toList());
            previewSummary.set(String.format(Locale.ROOT, "Preview: %.1f kW allocated of a %.1f kW budget (now %.1f kW)",
                    previewed.preview().totalAllocatedKw(), previewed.preview().totalBudgetKw(),
                    previewed.live() == null ? 0 : previewed.live().totalAllocatedKw()));
        }, this::failed);
    }

    private record Previewed(Allocation live, Allocation preview) {}

    public void apply() {
        if (site == null) return;
        clearErrors();
        var request = request();
        if (request == null) return;
        var current = site;
        busy.set(true);
        background.submit(_ -> current.api().putConfig(current.siteId(), request), stored -> {
            busy.set(false);
            show(stored);
            status.set("Stored at " + stored.updatedAt());
            previewRows.clear();
            previewSummary.set(null);
            appliedCount.set(appliedCount.get() + 1);
        }, this::failed);
    }

    private ConfigRequest request() {
        var max = parse(maxPowerKw.get());
        var floor = parse(floorKw.get());
        Integer rotation = null;
        if (max == null) fieldErrors.put("max_power_kw", "enter a number of kW");
        if (floor == null && !blank(floorKw.get())) fieldErrors.put("min_power_per_charger_kw", "enter a number of kW");
        if (!blank(rotationPeriodMin.get())) {
            try {
                rotation = Integer.parseInt(rotationPeriodMin.get().strip());
            } catch (NumberFormatException e) {
                fieldErrors.put("rotation_period_min", "whole minutes (5–1440), or empty for off");
            }
        }
        if (!fieldErrors.isEmpty()) {
            error.set("Some fields need fixing");
            return null;
        }
        // always sent: an omitted departure_aware would store the engine's default (off)
        return new ConfigRequest(max, strategy.get(), floor, priorityOrder,
                ScheduleConversion.toSpecs(windows), rotation, redistributeUnused.get(),
                departureAwareBlocked.get() == null && departureAware.get());
    }

    private void show(SiteConfig config) {
        maxPowerKw.set(number(config.maxPowerKw()));
        floorKw.set(number(config.minPowerPerChargerKw()));
        rotationPeriodMin.set(config.rotationPeriodMin() == null ? "" : config.rotationPeriodMin().toString());
        strategy.set(config.strategy());
        redistributeUnused.set(config.redistributeUnused());
        departureAware.set(config.departureAware());
        priorityOrder = config.priorityOrder();
        windows.setAll(ScheduleConversion.toBlocks(config.schedule()));
        status.set("Stored config from " + config.updatedAt());
    }

    private void clearErrors() {
        fieldErrors.clear();
        error.set(null);
    }

    private void failed(Throwable failure) {
        busy.set(false);
        error.set(EngineException.describe(failure));
        if (failure instanceof EngineException e) {
            Map<String, String> byField = new HashMap<>();
            for (var fieldError : e.fieldErrors()) {
                // "schedule[2].start" and the like belong to the schedule as a whole
                var field = fieldError.field().startsWith("schedule") ? "schedule" : fieldError.field();
                byField.merge(field, fieldError.message(), (a, b) -> a + "; " + b);
            }
            fieldErrors.putAll(byField);
            // fields this screen has no place for (e.g. priority_order, set on the priority screen)
            var elsewhere = byField.entrySet().stream().filter(f -> !SHOWN_FIELDS.contains(f.getKey()))
                    .map(f -> f.getKey() + ": " + f.getValue()).toList();
            if (!elsewhere.isEmpty()) error.set(error.get() + " — " + String.join("; ", elsewhere));
        }
    }

    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static Double parse(String text) {
        if (blank(text)) return null;
        try {
            return Double.parseDouble(text.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean blank(String text) { return text == null || text.isBlank(); }

}
