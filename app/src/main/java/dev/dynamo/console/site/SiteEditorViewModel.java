package dev.dynamo.console.site;

import dev.dynamo.console.client.ConnectedSite;
import dev.dynamo.console.client.EngineException;
import dev.dynamo.console.client.FieldError;
import dev.dynamo.console.client.Meter;
import dev.dynamo.console.client.Site;
import dev.dynamo.console.client.SiteRequest;
import dev.dynamo.console.task.Background;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * Site editor: the site's chargers and circuits as drafts, added, removed and edited, then stored with
 * {@code PUT /api/v1/sites/{site_id}}; the engine's field errors ({@code chargers[2].max_power_kw}) land
 * on the draft and field they name.
 */
public final class SiteEditorViewModel {
    public static final List<String> PHASES = List.of("L1", "L2", "L3");
    public static final List<String> UNITS = List.of("W", "A");
    public static final List<String> METER_SOURCES = List.of("api", "modbus");
    private static final Pattern INDEXED = Pattern.compile("(chargers|circuits|meters)\\[(\\d+)]\\.?(.*)");

    private final Background background;
    private final StringProperty name = new SimpleStringProperty();
    private final StringProperty capacityKw = new SimpleStringProperty();
    private final StringProperty gridCurrentA = new SimpleStringProperty();
    private final ObservableMap<String, String> siteErrors = FXCollections.observableHashMap();
    private final ObservableList<CircuitDraft> circuits = FXCollections.observableArrayList();
    private final ObservableList<ChargerDraft> chargers = FXCollections.observableArrayList();
    private final ObservableList<MeterDraft> meters = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper appliedCount = new ReadOnlyIntegerWrapper();
    private ConnectedSite site;
    private Site loaded;
    private int added;

    public SiteEditorViewModel(Background background) { this.background = background; }

    public StringProperty nameProperty() { return name; }

    public StringProperty capacityKwProperty() { return capacityKw; }

    /** Empty for no current limit on the grid connection. */
    public StringProperty gridCurrentAProperty() { return gridCurrentA; }

    /** Messages for the site's own fields ({@code grid_connection_capacity_kw}, …). */
    public ObservableMap<String, String> siteErrors() { return siteErrors; }

    public ObservableList<CircuitDraft> circuits() { return circuits; }

    public ObservableList<ChargerDraft> chargers() { return chargers; }

    /** The site's meters (contract 9.1), each on the grid connection or a circuit. */
    public ObservableList<MeterDraft> meters() { return meters; }

    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    /** Counts stored definitions, so other screens can reload the site. */
    public ReadOnlyIntegerProperty appliedCountProperty() { return appliedCount.getReadOnlyProperty(); }

    public String siteId() { return site == null ? null : site.siteId(); }

    /** The site as the engine stored it at the last successful apply. */
    public Site storedSite() { return loaded; }

    public void attach(ConnectedSite connectedSite) {
        site = connectedSite;
        reload();
    }

    public void reload() {
        if (site == null) return;
        var current = site;
        busy.set(true);
        background.submit(_ -> current.api().site(current.siteId()), fetched -> {
            busy.set(false);
            if (current != site) return;
            show(fetched);
            status.set("Loaded " + fetched.chargers().size() + " chargers, " + fetched.circuits().size() + " circuits");
        }, this::failed);
    }

    private void show(Site fetched) {
        loaded = fetched;
        clearErrors();
        name.set(fetched.name());
        capacityKw.set(CircuitDraft.number(fetched.gridConnectionCapacityKw()));
        gridCurrentA.set(fetched.gridConnectionCurrentA() == null ? "" : CircuitDraft.number(fetched.gridConnectionCurrentA()));
        circuits.setAll(fetched.circuits().stream().map(CircuitDraft::of).map(this::followRenames).toList());
        chargers.setAll(fetched.chargers().stream().map(ChargerDraft::of).toList());
        meters.setAll(fetched.meters().stream().map(MeterDraft::of).toList());
    }

    /** A new 22 kW 3-phase charger under {@code circuitId} (null: the grid connection). */
    public ChargerDraft addCharger(String circuitId) {
        var draft = new ChargerDraft(freeId("CP-NEW-", chargers.stream().map(c -> c.chargePointIdProperty().get()).toList()),
                "22", circuitId);
        chargers.add(draft);
        return draft;
    }

    /** A new 32 A circuit under {@code parentId} (null: the grid connection). */
    public CircuitDraft addCircuit(String parentId) {
        var draft = followRenames(new CircuitDraft(freeId("circuit-", circuits.stream().map(c -> c.circuitIdProperty().get()).toList()),
                parentId, "32"));
        circuits.add(draft);
        return draft;
    }

    public void removeCharger(ChargerDraft draft) { chargers.remove(draft); }

    /** A new API meter on {@code node} (null: the grid connection); its fallback load is left to fill in. */
    public MeterDraft addMeter(String node) {
        var draft = new MeterDraft(freeId("meter-", meters.stream().map(m -> m.meterIdProperty().get()).toList()), node);
        meters.add(draft);
        return draft;
    }

    public void removeMeter(MeterDraft draft) { meters.remove(draft); }

    /** A renamed circuit keeps its chargers and sub-circuits: they follow the new id. */
    private CircuitDraft followRenames(CircuitDraft draft) {
        draft.circuitIdProperty().addListener((_, before, after) -> {
            if (before == null || before.equals(after)) return;
            chargers.stream().filter(c -> before.equals(c.circuitIdProperty().get())).forEach(c -> c.circuitIdProperty().set(after));
            circuits.stream().filter(c -> before.equals(c.parentIdProperty().get())).forEach(c -> c.parentIdProperty().set(after));
            meters.stream().filter(m -> before.equals(m.nodeProperty().get())).forEach(m -> m.nodeProperty().set(after));
        });
        return draft;
    }

    /** Removes a circuit whose subtree is empty; otherwise says what is still under it. */
    public boolean removeCircuit(CircuitDraft draft) {
        var id = draft.circuitIdProperty().get();
        var children = circuits.stream().filter(c -> id != null && id.equals(c.parentIdProperty().get())).count();
        var below = chargers.stream().filter(c -> id != null && id.equals(c.circuitIdProperty().get())).count();
        if (children + below > 0) {
            error.set("Circuit " + id + " still has " + below + " chargers and " + children
                    + " circuits under it: move or remove them first");
            return false;
        }
        circuits.remove(draft);
        return true;
    }

    /** Stores the site as edited; the engine checks every rule and names the field it refuses. */
    public void apply() {
        if (site == null || loaded == null) return;
        clearErrors();
        var request = request();
        if (request == null) return;
        var current = site;
        busy.set(true);
        background.submit(_ -> current.api().putSite(current.siteId(), request), stored -> {
            busy.set(false);
            show(stored);
            status.set("Stored: " + stored.chargers().size() + " chargers, " + stored.circuits().size() + " circuits");
            appliedCount.set(appliedCount.get() + 1);
        }, this::failed);
    }

    private SiteRequest request() {
        var capacity = number(capacityKw.get(), siteErrors, "grid_connection_capacity_kw", false);
        var gridCurrent = number(gridCurrentA.get(), siteErrors, "grid_connection_current_a", true);
        var circuitSpecs = new ArrayList<SiteRequest.CircuitSpec>();
        for (var c : circuits) {
            var rating = number(c.maxCurrentAProperty().get(), c.errors(), "max_current_a", false);
            circuitSpecs.add(new SiteRequest.CircuitSpec(blankToNull(c.circuitIdProperty().get()),
                    c.parentIdProperty().get(), rating == null ? 0 : rating));
        }
        var chargerSpecs = new ArrayList<SiteRequest.ChargerSpec>();
        for (var c : chargers) {
            var rating = number(c.maxPowerKwProperty().get(), c.errors(), "max_power_kw", false);
            var voltage = number(c.voltageVProperty().get(), c.errors(), "voltage_v", true);
            var phases = c.phasesProperty().get() == null ? 3 : c.phasesProperty().get();
            chargerSpecs.add(new SiteRequest.ChargerSpec(blankToNull(c.chargePointIdProperty().get()),
                    rating == null ? 0 : rating, phases, voltage, c.unitProperty().get(), c.circuitIdProperty().get(),
                    c.phaseProperty().get(), blankToNull(c.passwordProperty().get())));
        }
        var meterSpecs = meters.stream().map(SiteEditorViewModel::meter).toList();
        var invalid = !siteErrors.isEmpty() || circuits.stream().anyMatch(c -> !c.errors().isEmpty())
                || chargers.stream().anyMatch(c -> !c.errors().isEmpty()) || meters.stream().anyMatch(m -> !m.errors().isEmpty());
        if (invalid || capacity == null) {
            error.set("Some fields need fixing");
            return null;
        }
        return new SiteRequest(loaded.siteId(), blankToNull(name.get()), loaded.timezone(), capacity, gridCurrent,
                circuitSpecs, chargerSpecs, meterSpecs, loaded.vehicles());
    }

    private static Meter meter(MeterDraft m) {
        var errors = m.errors();
        Meter.Modbus modbus = null;
        if ("modbus".equals(m.sourceProperty().get())) {
            modbus = new Meter.Modbus(blankToNull(m.hostProperty().get()), whole(m.portProperty().get(), errors, "modbus"),
                    whole(m.unitIdProperty().get(), errors, "modbus"), whole(m.pollIntervalMsProperty().get(), errors, "modbus"),
                    m.map());
        }
        return new Meter(blankToNull(m.meterIdProperty().get()), m.nodeProperty().get(), m.sourceProperty().get(),
                whole(m.staleAfterSProperty().get(), errors, "stale_after_s"),
                number(m.fallbackLoadKwProperty().get(), errors, "fallback_load_kw", true),
                number(m.bufferKwProperty().get(), errors, "buffer_kw", true), modbus);
    }

    private static Integer whole(String text, ObservableMap<String, String> errors, String field) {
        if (text == null || text.isBlank()) return null;
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            errors.put(field, "enter a whole number");
            return null;
        }
    }

    private void failed(Throwable failure) {
        busy.set(false);
        error.set(EngineException.describe(failure));
        if (failure instanceof EngineException e) e.fieldErrors().forEach(this::place);
    }

    /** Puts an engine field error next to the field it names; what has no place goes to the screen's error line. */
    void place(FieldError fieldError) {
        var matcher = INDEXED.matcher(fieldError.field());
        if (matcher.matches()) {
            var index = Integer.parseInt(matcher.group(2));
            var kind = matcher.group(1);
            // an error on the element as a whole goes next to its id
            var field = !matcher.group(3).isEmpty() ? matcher.group(3)
                    : kind.equals("chargers") ? "charge_point_id" : kind.equals("circuits") ? "circuit_id" : "meter_id";
            var size = kind.equals("chargers") ? chargers.size() : kind.equals("circuits") ? circuits.size() : meters.size();
            if (index < size) {
                var errors = kind.equals("chargers") ? chargers.get(index).errors()
                        : kind.equals("circuits") ? circuits.get(index).errors() : meters.get(index).errors();
                errors.merge(field.contains(".") ? field.substring(0, field.indexOf('.')) : field,
                        fieldError.message(), (a, b) -> a + "; " + b);
                return;
            }
        }
        siteErrors.merge(fieldError.field(), fieldError.message(), (a, b) -> a + "; " + b);
    }

    private void clearErrors() {
        error.set(null);
        siteErrors.clear();
        circuits.forEach(c -> c.errors().clear());
        chargers.forEach(c -> c.errors().clear());
        meters.forEach(m -> m.errors().clear());
    }

    private static Double number(String text, ObservableMap<String, String> errors, String field, boolean optional) {
        if (text == null || text.isBlank()) {
            if (!optional) errors.put(field, "required: enter a number");
            return null;
        }
        try {
            return Double.parseDouble(text.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            errors.put(field, "enter a number");
            return null;
        }
    }

    private static String blankToNull(String text) { return text == null || text.isBlank() ? null : text.strip(); }

    private String freeId(String prefix, List<String> taken) {
        String id;
        do id = prefix + (++added); while (taken.contains(id));
        return id;
    }
}
