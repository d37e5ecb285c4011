package dev.dynamo.console.site;

import dev.dynamo.console.client.Circuit;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/** A breaker being edited; {@code parentId} null hangs it under the grid connection. Errors by JSON field name. */
public final class CircuitDraft {
    private final StringProperty circuitId = new SimpleStringProperty();
    private final ObjectProperty<String> parentId = new SimpleObjectProperty<>();
    private final StringProperty maxCurrentA = new SimpleStringProperty();
    private final ObservableMap<String, String> errors = FXCollections.observableHashMap();

    CircuitDraft(String id, String parent, String ratingA) {
        circuitId.set(id);
        parentId.set(parent);
        maxCurrentA.set(ratingA);
    }

    static CircuitDraft of(Circuit circuit) {
        return new CircuitDraft(circuit.circuitId(), circuit.parentId(), number(circuit.maxCurrentA()));
    }

    public StringProperty circuitIdProperty() { return circuitId; }

    public ObjectProperty<String> parentIdProperty() { return parentId; }

    public StringProperty maxCurrentAProperty() { return maxCurrentA; }

    /** The engine's (or the form's) message per field: {@code circuit_id}, {@code parent_id}, {@code max_current_a}. */
    public ObservableMap<String, String> errors() { return errors; }

    @Override
    public String toString() { return "⚡ " + circuitId.get() + " (" + maxCurrentA.get() + " A)"; }

    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%s", value);
    }
}
