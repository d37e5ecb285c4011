package dev.dynamo.console.grid;

import dev.dynamo.console.client.Allocation;
import dev.dynamo.console.client.CircuitLoad;
import dev.dynamo.console.client.Site;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Live screen's grid card (contract 9): one {@link MeterBar} per metered node and what binds the budget,
 * in words. Fed by the Live screen's allocation poll; no network work of its own.
 */
public final class GridCardModel {
    /** Power at this voltage on three phases stands for a circuit's per-phase limit. */
    private static final double NOMINAL_VOLTAGE_V = 230;

    private final ObservableList<MeterBar> bars = FXCollections.observableArrayList();
    private final ObservableList<MeterBar> barsView = FXCollections.unmodifiableObservableList(bars);
    private final ReadOnlyStringWrapper binding = new ReadOnlyStringWrapper();
    private final java.time.Clock clock;

    public GridCardModel() { this(java.time.Clock.systemUTC()); }

    /** With the clock the meters' age is measured by. */
    public GridCardModel(java.time.Clock clock) { this.clock = clock; }

    public ObservableList<MeterBar> bars() { return barsView; }

    /** What sets the budget, in words; null for an engine that does not say. */
    public ReadOnlyStringProperty bindingProperty() { return binding.getReadOnlyProperty(); }

    public void clear() {
        bars.clear();
        binding.set(null);
    }

    public void apply(Site site, Allocation allocation) {
        var now = clock.instant();
        binding.set(describe(allocation));
        var next = new ArrayList<MeterBar>();
        for (var meter : allocation.meters()) {
            double capacityKw;
            double evKw;
            if (meter.node().equals(CircuitLoad.GRID)) {
                capacityKw = site.gridConnectionCapacityKw();
                evKw = allocation.totalAllocatedKw();
            } else {
                capacityKw = site.circuits().stream().filter(c -> c.circuitId().equals(meter.node())).findFirst()
                        .map(c -> c.maxCurrentA() * 3 * NOMINAL_VOLTAGE_V / 1000).orElse(0.0);
                evKw = allocation.circuits().stream().filter(c -> c.circuitId().equals(meter.node())).findFirst()
                        .map(c -> c.currentA().values().stream().mapToDouble(a -> a * NOMINAL_VOLTAGE_V / 1000).sum())
                        .orElse(0.0);
            }
            double otherKw = meter.otherLoadKw() == null ? 0 : meter.otherLoadKw();
            double headroomKw = Math.max(0, capacityKw - otherKw - evKw);
            next.add(new MeterBar(meter.meterId(), meter.node(), capacityKw, otherKw, evKw, headroomKw,
                    age(meter.measuredAt(), now), meter.stale()));
        }
        if (!next.equals(bars)) bars.setAll(next);
    }

    static String age(Instant measuredAt, Instant now) {
        if (measuredAt == null) return "never read";
        long seconds = Math.max(0, Duration.between(measuredAt, now).toSeconds());
        if (seconds < 120) return seconds + " s ago";
        if (seconds < 7200) return (seconds / 60) + " min ago";
        return (seconds / 3600) + " h ago";
    }

    static String describe(Allocation allocation) {
        var budget = allocation.budget();
        if (budget == null) return null;
        var total = kw(allocation.totalBudgetKw());
        var binding = budget.binding() == null ? "config" : budget.binding();
        if (binding.equals("grid_meter")) {
            return "The grid meter sets the budget: the building leaves " + total + " for charging";
        }
        if (binding.equals("meter_fallback")) {
            return "The grid meter is stale: its fallback load is assumed, leaving " + total + " for charging";
        }
        if (binding.startsWith("external:")) {
            return "External limit \"" + binding.substring("external:".length()) + "\" caps the budget at " + total;
        }
        return "The config's budget of " + total + " applies" + (budget.gridHeadroomKw() == null ? ""
                : " (the grid meter leaves " + kw(budget.gridHeadroomKw()) + ")");
    }

    static String kw(double value) {
        return String.format(Locale.ROOT, "%.1f kW", value);
    }

    /** For tests: the bars as text. */
    List<String> describeBars() {
        return bars.stream().map(b -> b.node() + " " + kw(b.otherLoadKw()) + " + " + kw(b.evKw()) + " + "
                + kw(b.headroomKw()) + " of " + kw(b.capacityKw()) + (b.stale() ? " STALE" : "") + " " + b.age()).toList();
    }
}
