package dev.dynamo.console.live;

import dev.dynamo.console.client.ChargerAllocation;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** One active charger's live values; kept and updated in place so its tile is reused. */
public final class ChargerGauge {
    private final String chargePointId;
    private final ReadOnlyDoubleWrapper allocatedKw = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper capKw = new ReadOnlyDoubleWrapper();
    private final ReadOnlyObjectWrapper<Double> measuredKw = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ChargerStatus> status = new ReadOnlyObjectWrapper<>(ChargerStatus.QUEUED);
    private final ReadOnlyObjectWrapper<String> trouble = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper atRisk = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<TileProgress> progress = new ReadOnlyObjectWrapper<>(TileProgress.NONE);

    ChargerGauge(String chargePointId) { this.chargePointId = chargePointId; }

    public String chargePointId() { return chargePointId; }

    public ReadOnlyDoubleProperty allocatedKwProperty() { return allocatedKw.getReadOnlyProperty(); }

    public ReadOnlyDoubleProperty capKwProperty() { return capKw.getReadOnlyProperty(); }

    /** Last metered power, null when none is known. */
    public ReadOnlyObjectProperty<Double> measuredKwProperty() { return measuredKw.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<ChargerStatus> statusProperty() { return status.getReadOnlyProperty(); }

    /** What is wrong with its charger in a few words (limit refused, over its limit), or null; at risk is {@link #atRiskProperty()}. */
    public ReadOnlyObjectProperty<String> troubleProperty() { return trouble.getReadOnlyProperty(); }

    /** The engine's {@code at_risk} (contract 10): its need cannot be met by its departure even at its cap. */
    public ReadOnlyBooleanProperty atRiskProperty() { return atRisk.getReadOnlyProperty(); }

    /** Its session's progress toward its need and its departure, as the tile draws it. */
    public ReadOnlyObjectProperty<TileProgress> progressProperty() { return progress.getReadOnlyProperty(); }

    /** A new reading of its session; an equal one changes nothing, so the tile is not redrawn. */
    void progress(TileProgress next) {
        if (!next.equals(progress.get())) progress.set(next);
    }

    void update(ChargerAllocation allocation) {
        capKw.set(allocation.maxPowerKw());
        allocatedKw.set(allocation.allocatedKw());
        measuredKw.set(allocation.measuredKw());
        status.set(ChargerStatus.fromJson(allocation.status()));
        trouble.set(trouble(allocation));
        atRisk.set(Boolean.TRUE.equals(allocation.atRisk()));
    }

    /** Contract 11 fields; null from an engine that does not send them. */
    static String trouble(ChargerAllocation allocation) {
        if (Boolean.TRUE.equals(allocation.overLimit())) return "over its limit";
        if (allocation.profile() != null && allocation.profile().refused()) return "limit refused";
        return null;
    }

    @Override
    public String toString() { return chargePointId + " " + allocatedKw.get() + " kW"; }
}
