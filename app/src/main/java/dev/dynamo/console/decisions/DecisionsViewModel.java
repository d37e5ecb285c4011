package dev.dynamo.console.decisions;

import dev.dynamo.console.client.Charger;
import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.client.EngineException;
import dev.dynamo.console.task.Background;
import java.time.Clock;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Decisions audit screen: the decisions of a time range (contract 7.4), each with its trigger, budget and
 * what changed from the one before; filtered by trigger and charger without asking the engine again.
 */
public final class DecisionsViewModel {
    /** Every trigger of contract 7.4, 9.4 and 10. */
    public static final List<String> TRIGGERS = List.of("session_start", "session_stop", "config", "site", "manual",
            "schedule", "connect", "disconnect", "rotation", "measured", "meter", "external", "departure");
    public static final String ALL = "all";
    static final int LIMIT = 10_000;

    private final Background background;
    private final Clock clock;
    private final ObjectProperty<AuditRange> range = new SimpleObjectProperty<>(AuditRange.LAST_HOUR);
    private final ObjectProperty<String> trigger = new SimpleObjectProperty<>(ALL);
    private final ObjectProperty<String> charger = new SimpleObjectProperty<>(ALL);
    private final ObservableList<String> chargers = FXCollections.observableArrayList(ALL);
    private final ObservableList<DecisionRow> rows = FXCollections.observableArrayList();
    private final ObservableList<DecisionRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private List<DecisionRow> loaded = List.of();
    private ConnectedSite site;

    public DecisionsViewModel(Background background, Clock clock) {
        this.background = background;
        this.clock = clock;
        trigger.addListener((_, _, _) -> filter());
        charger.addListener((_, _, _) -> filter());
        range.addListener((_, _, _) -> load());
    }

    public ObjectProperty<AuditRange> rangeProperty() { return range; }

    /** A trigger of {@link #TRIGGERS}, or {@link #ALL}. */
    public ObjectProperty<String> triggerProperty() { return trigger; }

    /** A charge point id of the site, or {@link #ALL}. */
    public ObjectProperty<String> chargerProperty() { return charger; }

    public ObservableList<String> chargers() { return chargers; }

    /** The decisions shown, newest first. */
    public ObservableList<DecisionRow> rows() { return rowsView; }

    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    public void attach(ConnectedSite connectedSite) {
        site = connectedSite;
        chargers.setAll(ALL);
        chargers.addAll(connectedSite.site().chargers().stream().map(Charger::chargePointId).sorted().toList());
        charger.set(ALL);
        loaded = List.of();
        rows.clear();
        // loaded when the screen is shown (load()): a big site's decisions are many megabytes
    }

    public void load() {
        if (site == null) return;
        var current = site;
        var to = clock.instant().plusMillis(1);
        var from = to.minus(range.get().length());
        busy.set(true);
        background.submit(_ -> DecisionRow.of(current.api().decisions(current.siteId(), from, to, LIMIT)), result -> {
            busy.set(false);
            if (current != site) return;
            error.set(null);
            loaded = result;
            filter();
        }, failure -> {
            busy.set(false);
            error.set(EngineException.describe(failure));
        });
    }

    private void filter() {
        var byTrigger = trigger.get() == null ? ALL : trigger.get();
        var byCharger = charger.get() == null || charger.get().isBlank() ? ALL : charger.get();
        rows.setAll(loaded.stream()
                .filter(r -> byTrigger.equals(ALL) || byTrigger.equals(r.trigger()))
                .filter(r -> byCharger.equals(ALL) || r.concerns(byCharger))
                .toList());
        status.set(rows.size() + " of " + loaded.size() + " decisions" + (loaded.size() >= LIMIT ? " (the newest " + LIMIT + ")" : ""));
    }
}
