package dev.dynamo.console.site;

import dev.dynamo.console.client.Charger;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * A charger being edited. The engine never returns {@code ocpp_password}: the field starts empty and
 * what is typed is sent; an empty field sends none.
 */
public final class ChargerDraft {
    private final StringProperty chargePointId = new SimpleStringProperty();
    private final StringProperty maxPowerKw = new SimpleStringProperty();
    private final ObjectProperty<Integer> phases = new SimpleObjectProperty<>(3);
    private final ObjectProperty<String> phase = new SimpleObjectProperty<>("L1");
    private final ObjectProperty<String> circuitId = new SimpleObjectProperty<>();
    private final ObjectProperty<String> unit = new SimpleObjectProperty<>("W");
    private final StringProperty voltageV = new SimpleStringProperty("230");
    private final StringProperty password = new SimpleStringProperty("");
    private final ObservableMap<String, String> errors = FXCollections.observableHashMap();

    ChargerDraft(String id, String ratingKw, String circuit) {
        chargePointId.set(id);
        maxPowerKw.set(ratingKw);
        circuitId.set(circuit);
    }

    static ChargerDraft of(Charger charger) {
        var draft = new ChargerDraft(charger.chargePointId(), CircuitDraft.number(charger.maxPowerKw()), charger.circuitId());
        draft.phases.set(charger.phases());
        draft.phase.set(charger.phase() == null ? "L1" : charger.phase());
        draft.unit.set(charger.chargingRateUnit() == null ? "W" : charger.chargingRateUnit());
        draft.voltageV.set(CircuitDraft.number(charger.voltageV()));
        return draft;
    }

    public StringProperty chargePointIdProperty() { return chargePointId; }

    public StringProperty maxPowerKwProperty() { return maxPowerKw; }

    public ObjectProperty<Integer> phasesProperty() { return phases; }

    public ObjectProperty<String> phaseProperty() { return phase; }

    public ObjectProperty<String> circuitIdProperty() { return circuitId; }

    public ObjectProperty<String> unitProperty() { return unit; }

    public StringProperty voltageVProperty() { return voltageV; }

    /** Write-only: never filled from the engine. */
    public StringProperty passwordProperty() { return password; }

    /** The engine's (or the form's) message per JSON field name ({@code max_power_kw}, …). */
    public ObservableMap<String, String> errors() { return errors; }

    @Override
    public String toString() { return "• " + chargePointId.get() + " (" + maxPowerKw.get() + " kW)"; }
}
