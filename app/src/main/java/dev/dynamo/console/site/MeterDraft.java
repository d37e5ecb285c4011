package dev.dynamo.console.site;

import dev.dynamo.console.client.Meter;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * A site meter being edited (contract 9.1). A Modbus meter's register map is kept as it was read (SunSpec
 * for a new one): the editor changes where it polls, not how it reads.
 */
public final class MeterDraft {
    public static final String GRID = "grid";

    private final StringProperty meterId = new SimpleStringProperty();
    private final ObjectProperty<String> node = new SimpleObjectProperty<>(GRID);
    private final ObjectProperty<String> source = new SimpleObjectProperty<>("api");
    private final StringProperty staleAfterS = new SimpleStringProperty("60");
    private final StringProperty fallbackLoadKw = new SimpleStringProperty();
    private final StringProperty bufferKw = new SimpleStringProperty("0");
    private final StringProperty host = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty("502");
    private final StringProperty unitId = new SimpleStringProperty("1");
    private final StringProperty pollIntervalMs = new SimpleStringProperty("1000");
    private final ObservableMap<String, String> errors = FXCollections.observableHashMap();
    private Object map = "sunspec";

    MeterDraft(String id, String onNode) {
        meterId.set(id);
        node.set(onNode == null ? GRID : onNode);
    }

    static MeterDraft of(Meter meter) {
        var draft = new MeterDraft(meter.meterId(), meter.node());
        draft.source.set(meter.source());
        draft.staleAfterS.set(meter.staleAfterS() == null ? "" : meter.staleAfterS().toString());
        draft.fallbackLoadKw.set(meter.fallbackLoadKw() == null ? "" : CircuitDraft.number(meter.fallbackLoadKw()));
        draft.bufferKw.set(meter.bufferKw() == null ? "" : CircuitDraft.number(meter.bufferKw()));
        var modbus = meter.modbus();
        if (modbus != null) {
            draft.host.set(modbus.host() == null ? "" : modbus.host());
            draft.port.set(modbus.port() == null ? "" : modbus.port().toString());
            draft.unitId.set(modbus.unitId() == null ? "" : modbus.unitId().toString());
            draft.pollIntervalMs.set(modbus.pollIntervalMs() == null ? "" : modbus.pollIntervalMs().toString());
            draft.map = modbus.map();
        }
        return draft;
    }

    public StringProperty meterIdProperty() { return meterId; }

    /** {@code grid} or a circuit id. */
    public ObjectProperty<String> nodeProperty() { return node; }

    /** {@code api} or {@code modbus}. */
    public ObjectProperty<String> sourceProperty() { return source; }

    public StringProperty staleAfterSProperty() { return staleAfterS; }

    public StringProperty fallbackLoadKwProperty() { return fallbackLoadKw; }

    public StringProperty bufferKwProperty() { return bufferKw; }

    public StringProperty hostProperty() { return host; }

    public StringProperty portProperty() { return port; }

    public StringProperty unitIdProperty() { return unitId; }

    public StringProperty pollIntervalMsProperty() { return pollIntervalMs; }

    /** "SunSpec" or "explicit register map" (kept as read). */
    public String mapDescription() { return "sunspec".equals(map) ? "SunSpec (models 201–204)" : "explicit register map (kept as read)"; }

    Object map() { return map; }

    /** The engine's (or the form's) message per JSON field name ({@code fallback_load_kw}, {@code modbus}, …). */
    public ObservableMap<String, String> errors() { return errors; }

    @Override
    public String toString() { return "◦ meter " + meterId.get() + " (" + source.get() + ")"; }
}
