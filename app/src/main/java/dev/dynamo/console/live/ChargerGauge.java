package dev.dynamo.console.live;

import dev.dynamo.console.client.ChargerAllocation;
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

    ChargerGauge(String chargePointId) { this.chargePointId = chargePointId; }

    public String chargePointId() { return chargePointId; }

    public ReadOnlyDoubleProperty allocatedKwProperty() { return allocatedKw.getReadOnlyProperty(); }

    public ReadOnlyDoubleProperty capKwProperty() { return capKw.getReadOnlyProperty(); }

    /** Last metered power, null when none is known. */
    public ReadOnlyObjectProperty<Double> measuredKwProperty() { return measuredKw.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<ChargerStatus> statusProperty() { return status.getReadOnlyProperty(); }

    void update(ChargerAllocation allocation) {
        capKw.set(allocation.maxPowerKw());
        allocatedKw.set(allocation.allocatedKw());
        measuredKw.set(allocation.measuredKw());
        status.set(ChargerStatus.fromJson(allocation.status()));
    }

    @Override
    public String toString() { return chargePointId + " " + allocatedKw.get() + " kW"; }
}
