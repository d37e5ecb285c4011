package dev.dynamo.console.live;

import dev.dynamo.console.client.Allocation;
import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.client.EngineException;
import dev.dynamo.console.client.RebalanceResult;
import dev.dynamo.console.task.Background;
import dev.dynamo.console.task.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Live screen: polls the allocation every second and keeps one {@link ChargerGauge} per active charger,
 * updating values in place; the list itself only changes when chargers start or stop.
 */
public final class LiveViewModel {
    static final Duration REFRESH = Duration.ofSeconds(1);
    /** Sessions (need, delivered, departure; contract 10) come with the site, read every this many refreshes. */
    static final int SESSIONS_EVERY = 5;

    private final Background background;
    private final ObservableList<ChargerGauge> gauges = FXCollections.observableArrayList();
    // one read-only view, kept: listeners on a throwaway wrapper would be collected with it
    private final ObservableList<ChargerGauge> gaugesView = FXCollections.unmodifiableObservableList(gauges);
    private final Map<String, ChargerGauge> byId = new HashMap<>();
    private final ObservableList<CircuitRow> circuitRows = FXCollections.observableArrayList();
    private final ObservableList<CircuitRow> circuitRowsView = FXCollections.unmodifiableObservableList(circuitRows);
    private final ReadOnlyDoubleWrapper totalAllocatedKw = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper budgetKw = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper gridCapacityKw = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper strategy = new ReadOnlyStringWrapper("–");
    private final ReadOnlyObjectWrapper<Instant> calculatedAt = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper rebalanceResult = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper demo = new ReadOnlyBooleanWrapper();

    private final dev.dynamo.console.grid.GridCardModel grid = new dev.dynamo.console.grid.GridCardModel();
    private final dev.dynamo.console.grid.GridLimitsModel limits = new dev.dynamo.console.grid.GridLimitsModel();
    private final Poll<ConnectedSite> poll;
    private final java.time.Clock clock;
    private int ticks;
    private boolean sessionsDue = true;
    private Map<String, TileProgress> progressById = Map.of();

    private final WhyViewModel why;

    public LiveViewModel(Background background) { this(background, java.time.Clock.systemUTC()); }

    public LiveViewModel(Background background, java.time.Clock clock) {
        this.background = background;
        this.clock = clock;
        this.poll = new Poll<>(background, REFRESH, this::refresh);
        this.why = new WhyViewModel(background, clock, this::refreshSessions);
    }

    /** The Why side panel of the selected tile. */
    public WhyViewModel why() { return why; }

    public ObservableList<ChargerGauge> gauges() { return gaugesView; }

    /** The grid card: metered nodes and what binds the budget (contract 9). */
    public dev.dynamo.console.grid.GridCardModel grid() { return grid; }

    /** External limits in force and the form to set or lift one (contract 9.3). */
    public dev.dynamo.console.grid.GridLimitsModel limits() { return limits; }

    /** The site's limits as a tree with their per-phase load; empty for a site without circuits or grid current. */
    public ObservableList<CircuitRow> circuitRows() { return circuitRowsView; }

    public ReadOnlyDoubleProperty totalAllocatedKwProperty() { return totalAllocatedKw.getReadOnlyProperty(); }

    public ReadOnlyDoubleProperty budgetKwProperty() { return budgetKw.getReadOnlyProperty(); }

    public ReadOnlyDoubleProperty gridCapacityKwProperty() { return gridCapacityKw.getReadOnlyProperty(); }

    public ReadOnlyStringProperty strategyProperty() { return strategy.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<Instant> calculatedAtProperty() { return calculatedAt.getReadOnlyProperty(); }

    /** Why nothing is shown (no config yet, no active charger), or null. */
    public ReadOnlyStringProperty noticeProperty() { return notice.getReadOnlyProperty(); }

    public ReadOnlyStringProperty rebalanceResultProperty() { return rebalanceResult.getReadOnlyProperty(); }

    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty demoProperty() { return demo.getReadOnlyProperty(); }

    public void attach(ConnectedSite connectedSite) {
        poll.attach(connectedSite);
        gauges.clear();
        byId.clear();
        circuitRows.clear();
        grid.clear();
        gridCapacityKw.set(connectedSite.site().gridConnectionCapacityKw());
        demo.set(connectedSite.demo());
        rebalanceResult.set(null);
        progressById = Map.of();
        sessionsDue = true;
        why.attach(connectedSite);
        limits.attach(connectedSite, background);
    }

    public void stop() {
        poll.stop();
    }

    /** Fetches the allocation now; a tick while the previous fetch still runs is skipped. */
    public void refresh() {
        poll.fetch(current -> {
            var readSessions = sessionsDue || ticks++ % SESSIONS_EVERY == 0;
            sessionsDue = false;
            return () -> new Polled(current.api().allocation(current.siteId()), readSessions ? sessions(current) : null);
        }, polled -> {
            if (polled.sessions() != null) sessions(polled.sessions());
            apply(polled.allocation());
        }, this::failed);
    }

    /** Reads the sessions with the next refresh, and refreshes now when no refresh is running (after a change). */
    public void refreshSessions() {
        sessionsDue = true;
        refresh();
    }

    private record Polled(Allocation allocation, Sessions sessions) {}

    /** The sessions of the site's chargers and what their tiles show of them, worked out off the FX thread. */
    record Sessions(Map<String, dev.dynamo.console.client.SessionInfo> byCharger, Map<String, TileProgress> progress) {}

    private Sessions sessions(ConnectedSite current) {
        dev.dynamo.console.client.Site fresh;
        try {
            fresh = current.api().site(current.siteId());
        } catch (EngineException e) {
            return null; // the allocation still shows; the sessions are read again next time
        }
        var zone = zone(fresh.timezone());
        var now = clock.instant();
        var byCharger = new HashMap<String, dev.dynamo.console.client.SessionInfo>();
        var progress = new HashMap<String, TileProgress>();
        for (var charger : fresh.chargers()) {
            if (charger.session() == null) continue;
            byCharger.put(charger.chargePointId(), charger.session());
            var shown = TileProgress.of(charger.session(), zone, now);
            if (shown != TileProgress.NONE) progress.put(charger.chargePointId(), shown);
        }
        return new Sessions(byCharger, progress);
    }

    static java.time.ZoneId zone(String timezone) {
        try {
            return timezone == null ? java.time.ZoneOffset.UTC : java.time.ZoneId.of(timezone);
        } catch (java.time.DateTimeException e) {
            return java.time.ZoneOffset.UTC;
        }
    }

    void sessions(Sessions sessions) {
        progressById = sessions.progress();
        why.sessions(sessions.byCharger());
    }

    public void rebalance() {
        var current = poll.target();
        if (current == null) return;
        rebalanceResult.set("Rebalancing…");
        background.submit(_ -> current.api().rebalance(current.siteId()), this::rebalanced, failure -> {
            rebalanceResult.set("Rebalance failed");
            failed(failure);
        });
    }

    private void rebalanced(RebalanceResult result) {
        rebalanceResult.set(result.chargersRecalculated() + " chargers recalculated");
        refresh();
    }

    void apply(Allocation allocation) {
        error.set(null);
        totalAllocatedKw.set(allocation.totalAllocatedKw());
        budgetKw.set(allocation.totalBudgetKw());
        strategy.set(allocation.strategy());
        calculatedAt.set(allocation.calculatedAt());
        notice.set(allocation.allocations().isEmpty() ? "No charger is charging right now" : null);
        why.allocation(allocation);
        var rows = CircuitTree.rows(poll.target().site().circuits(), allocation.circuits());
        if (!rows.equals(circuitRows)) circuitRows.setAll(rows);
        grid.apply(poll.target().site(), allocation);
        if (allocation.budget() != null) limits.externalKwSeen(allocation.budget().externalKw());

        var sameChargers = allocation.allocations().size() == gauges.size();
        for (int i = 0; sameChargers && i < gauges.size(); i++) {
            sameChargers = gauges.get(i).chargePointId().equals(allocation.allocations().get(i).chargePointId());
        }
        if (sameChargers) {
            for (int i = 0; i < gauges.size(); i++) {
                var gauge = gauges.get(i);
                gauge.update(allocation.allocations().get(i));
                gauge.progress(progressById.getOrDefault(gauge.chargePointId(), TileProgress.NONE));
            }
            return;
        }
        var next = new ArrayList<ChargerGauge>(allocation.allocations().size());
        var seen = new HashMap<String, ChargerGauge>();
        for (var charger : allocation.allocations()) {
            var gauge = byId.getOrDefault(charger.chargePointId(), new ChargerGauge(charger.chargePointId()));
            gauge.update(charger);
            gauge.progress(progressById.getOrDefault(charger.chargePointId(), TileProgress.NONE));
            next.add(gauge);
            seen.put(charger.chargePointId(), gauge);
        }
        byId.clear();
        byId.putAll(seen);
        gauges.setAll(next);
    }

    private void failed(Throwable failure) {
        if (failure instanceof EngineException e && e.notFound()) {
            notice.set("The site has no smart charging config yet: set one under Config");
            error.set(null);
            gauges.clear();
            byId.clear();
            return;
        }
        error.set(EngineException.describe(failure));
    }
}
