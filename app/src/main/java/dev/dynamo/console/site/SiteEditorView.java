package dev.dynamo.console.site;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.Property;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableMap;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Site editor: the grid connection, its circuits and chargers as a tree (a charger under its circuit);
 * the form beside it edits the selected node. Apply stores the site; the engine's field errors show
 * under the fields they name, and the node is marked in the tree.
 */
public final class SiteEditorView extends VBox {
    private static final String SITE = "site";

    private final SiteEditorViewModel model;
    private final TreeView<Object> tree = new TreeView<>();
    private final VBox form = new VBox(10);
    private final Button addCharger = new Button("A_dd charger");
    private final Button addCircuit = new Button("Add circ_uit");
    private final Button addMeter = new Button("Add m_eter");
    private final Button remove = new Button("Re_move");
    private final Button apply = new Button("_Apply site");
    private final Button reload = new Button("Re_load");
    private final Label status = new Label();
    private final Label error = new Label();
    private final java.util.Set<Object> watched = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    public SiteEditorView(SiteEditorViewModel model) {
        this.model = model;
        createView();
        initListeners();
    }

    private void createView() {
        setId("site-screen");
        getStyleClass().add("screen");
        setSpacing(12);
        var title = new Label("Site layout");
        title.getStyleClass().add("screen-title");
        var hint = new Label("Chargers and circuits as a tree: select a node to edit it. New chargers and circuits go "
                + "under the selected circuit. Apply stores the whole site; the engine checks every rule. Passwords are "
                + "write-only: the engine never shows them, and a charger saved with an empty password has none.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        tree.setId("site-tree");
        tree.setShowRoot(true);
        tree.setPrefWidth(340);
        tree.setCellFactory(_ -> new javafx.scene.control.TreeCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("invalid-node");
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                setText(item == SITE ? model.siteId() + " (grid connection)" : item.toString());
                if (errorsOf(item).map(e -> !e.isEmpty()).orElse(false)) getStyleClass().add("invalid-node");
            }
        });
        form.setId("site-form");
        form.getStyleClass().add("panel");
        form.setMinWidth(460);
        var split = new SplitPane(tree, form);
        split.setDividerPositions(0.38);
        VBox.setVgrow(split, Priority.ALWAYS);
        addCharger.setId("add-charger");
        addCircuit.setId("add-circuit");
        remove.setId("remove-node");
        apply.setId("apply-site");
        reload.setId("reload-site");
        status.setId("site-status");
        status.getStyleClass().add("ok-text");
        error.setId("site-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        addMeter.setId("add-meter");
        var actions = new HBox(10, addCharger, addCircuit, addMeter, remove, apply, reload, status);
        actions.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, hint, actions, error, split);
    }

    private java.util.Optional<ObservableMap<String, String>> errorsOf(Object item) {
        if (item instanceof ChargerDraft c) return java.util.Optional.of(c.errors());
        if (item instanceof CircuitDraft c) return java.util.Optional.of(c.errors());
        if (item instanceof MeterDraft m) return java.util.Optional.of(m.errors());
        if (item == SITE) return java.util.Optional.of(model.siteErrors());
        return java.util.Optional.empty();
    }

    private void initListeners() {
        ListChangeListener<Object> rebuild = _ -> rebuild();
        model.chargers().addListener(rebuild);
        model.circuits().addListener(rebuild);
        model.meters().addListener(rebuild);
        tree.getSelectionModel().selectedItemProperty().addListener((_, _, item) -> showForm(item == null ? null : item.getValue()));
        addCharger.setOnAction(_ -> select(model.addCharger(selectedCircuit())));
        addCircuit.setOnAction(_ -> select(model.addCircuit(selectedCircuit())));
        addMeter.setOnAction(_ -> select(model.addMeter(selectedCircuit())));
        remove.setOnAction(_ -> {
            var item = tree.getSelectionModel().getSelectedItem();
            if (item == null) return;
            if (item.getValue() instanceof ChargerDraft c) model.removeCharger(c);
            if (item.getValue() instanceof CircuitDraft c) model.removeCircuit(c);
            if (item.getValue() instanceof MeterDraft m) model.removeMeter(m);
        });
        remove.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            var item = tree.getSelectionModel().getSelectedItem();
            return item == null || item.getValue() == SITE;
        }, tree.getSelectionModel().selectedItemProperty()));
        apply.setOnAction(_ -> model.apply());
        apply.disableProperty().bind(model.busyProperty());
        reload.setOnAction(_ -> model.reload());
        status.textProperty().bind(model.statusProperty());
        error.textProperty().bind(model.errorProperty());
        // a failed apply marks nodes: redraw the tree's cells
        model.errorProperty().addListener((_, _, _) -> tree.refresh());
        rebuild();
    }

    private String selectedCircuit() {
        var item = tree.getSelectionModel().getSelectedItem();
        if (item == null) return null;
        if (item.getValue() instanceof CircuitDraft c) return c.circuitIdProperty().get();
        if (item.getValue() instanceof ChargerDraft c) return c.circuitIdProperty().get();
        if (item.getValue() instanceof MeterDraft m && !MeterDraft.GRID.equals(m.nodeProperty().get())) return m.nodeProperty().get();
        return null;
    }

    private void select(Object draft) {
        rebuild();
        find(tree.getRoot(), draft).ifPresent(item -> {
            tree.getSelectionModel().select(item);
            tree.scrollTo(tree.getRow(item));
        });
    }

    private java.util.Optional<TreeItem<Object>> find(TreeItem<Object> item, Object value) {
        if (item == null) return java.util.Optional.empty();
        if (item.getValue() == value) return java.util.Optional.of(item);
        for (var child : item.getChildren()) {
            var found = find(child, value);
            if (found.isPresent()) return found;
        }
        return java.util.Optional.empty();
    }

    /** The tree from the drafts: circuits under their parents, chargers under their circuits; selection kept. */
    private void rebuild() {
        // a charger moved to another circuit, or a circuit to another parent, moves in the tree
        for (var c : model.chargers()) {
            if (watched.add(c)) c.circuitIdProperty().addListener((_, _, _) -> javafx.application.Platform.runLater(this::rebuild));
        }
        for (var c : model.circuits()) {
            if (watched.add(c)) c.parentIdProperty().addListener((_, _, _) -> javafx.application.Platform.runLater(this::rebuild));
        }
        for (var m : model.meters()) {
            if (watched.add(m)) m.nodeProperty().addListener((_, _, _) -> javafx.application.Platform.runLater(this::rebuild));
        }
        var selected = tree.getSelectionModel().getSelectedItem() == null ? null : tree.getSelectionModel().getSelectedItem().getValue();
        var root = new TreeItem<Object>(SITE);
        root.setExpanded(true);
        Map<String, TreeItem<Object>> circuitItems = new HashMap<>();
        for (var c : model.circuits()) {
            var item = new TreeItem<Object>(c);
            item.setExpanded(true);
            circuitItems.put(c.circuitIdProperty().get(), item);
        }
        for (var c : model.circuits()) {
            var parent = circuitItems.getOrDefault(c.parentIdProperty().get(), root);
            parent.getChildren().add(circuitItems.get(c.circuitIdProperty().get()));
        }
        for (var c : model.chargers()) {
            circuitItems.getOrDefault(c.circuitIdProperty().get(), root).getChildren().add(new TreeItem<>(c));
        }
        for (var m : model.meters()) {
            // a meter measures everything behind its node: listed first under it
            circuitItems.getOrDefault(m.nodeProperty().get(), root).getChildren().addFirst(new TreeItem<>(m));
        }
        tree.setRoot(root);
        var again = find(root, selected == null ? SITE : selected).orElse(root);
        tree.getSelectionModel().select(again);
    }

    private void showForm(Object value) {
        var grid = new GridPane(10, 6);
        List<Node> header = new ArrayList<>();
        if (value == SITE) {
            header.add(heading("Site " + model.siteId()));
            row(grid, 0, "_Name", text(model.nameProperty(), "site-name"), model.siteErrors(), "name");
            row(grid, 1, "Grid _capacity (kW)", text(model.capacityKwProperty(), "site-capacity"), model.siteErrors(),
                    "grid_connection_capacity_kw");
            row(grid, 2, "Grid current limi_t (A)", text(model.gridCurrentAProperty(), "site-grid-current"),
                    model.siteErrors(), "grid_connection_current_a");
        } else if (value instanceof CircuitDraft c) {
            header.add(heading("Circuit"));
            row(grid, 0, "Circuit _id", text(c.circuitIdProperty(), "circuit-id"), c.errors(), "circuit_id");
            row(grid, 1, "_Parent", choice(c.parentIdProperty(), parentChoices(c), "circuit-parent"), c.errors(), "parent_id");
            row(grid, 2, "_Rating per phase (A)", text(c.maxCurrentAProperty(), "circuit-rating"), c.errors(), "max_current_a");
        } else if (value instanceof ChargerDraft c) {
            header.add(heading("Charger"));
            row(grid, 0, "Charge point _id", text(c.chargePointIdProperty(), "charger-id"), c.errors(), "charge_point_id");
            row(grid, 1, "_Rating (kW)", text(c.maxPowerKwProperty(), "charger-rating"), c.errors(), "max_power_kw");
            row(grid, 2, "P_hases", choice(c.phasesProperty(), List.of(1, 3), "charger-phases"), c.errors(), "phases");
            row(grid, 3, "Pha_se (1-phase)", choice(c.phaseProperty(), SiteEditorViewModel.PHASES, "charger-phase"), c.errors(), "phase");
            row(grid, 4, "_Circuit", choice(c.circuitIdProperty(), circuitChoices(), "charger-circuit"), c.errors(), "circuit_id");
            row(grid, 5, "U_nit of limits", choice(c.unitProperty(), SiteEditorViewModel.UNITS, "charger-unit"), c.errors(),
                    "charging_rate_unit");
            row(grid, 6, "_Voltage (V)", text(c.voltageVProperty(), "charger-voltage"), c.errors(), "voltage_v");
            var password = new PasswordField();
            password.setId("charger-password");
            password.setPromptText("write-only: never shown");
            password.textProperty().bindBidirectional(c.passwordProperty());
            row(grid, 7, "OCPP _password", password, c.errors(), "ocpp_password");
        }
        if (value instanceof MeterDraft m) {
            header.add(heading("Meter (contract 9)"));
            row(grid, 0, "Meter _id", text(m.meterIdProperty(), "meter-id"), m.errors(), "meter_id");
            row(grid, 1, "_Node", choice(m.nodeProperty(), meterNodes(), "meter-node"), m.errors(), "node");
            row(grid, 2, "_Source", choice(m.sourceProperty(), SiteEditorViewModel.METER_SOURCES, "meter-source"), m.errors(), "source");
            row(grid, 3, "_Fallback load (kW)", text(m.fallbackLoadKwProperty(), "meter-fallback"), m.errors(), "fallback_load_kw");
            row(grid, 4, "S_tale after (s)", text(m.staleAfterSProperty(), "meter-stale"), m.errors(), "stale_after_s");
            row(grid, 5, "_Buffer (kW)", text(m.bufferKwProperty(), "meter-buffer"), m.errors(), "buffer_kw");
            var modbus = new GridPane(10, 6);
            row(modbus, 0, "Modbus _host", text(m.hostProperty(), "meter-host"), m.errors(), "modbus");
            row(modbus, 1, "_Port", text(m.portProperty(), "meter-port"), m.errors(), "modbus.port");
            row(modbus, 2, "Unit id", text(m.unitIdProperty(), "meter-unit"), m.errors(), "modbus.unit_id");
            row(modbus, 3, "Poll e_very (ms)", text(m.pollIntervalMsProperty(), "meter-poll"), m.errors(), "modbus.poll_interval_ms");
            var mapLine = new Label("Register map: " + m.mapDescription());
            mapLine.getStyleClass().add("hint");
            var modbusBox = new VBox(6, heading("Modbus TCP"), modbus, mapLine);
            modbusBox.visibleProperty().bind(m.sourceProperty().isEqualTo("modbus"));
            modbusBox.managedProperty().bind(modbusBox.visibleProperty());
            form.getChildren().setAll(header);
            form.getChildren().addAll(grid, modbusBox);
            return;
        }
        form.getChildren().setAll(header);
        form.getChildren().add(grid);
    }

    private List<String> parentChoices(CircuitDraft self) {
        var choices = new ArrayList<String>();
        choices.add(null);
        model.circuits().stream().filter(c -> c != self).map(c -> c.circuitIdProperty().get()).forEach(choices::add);
        return choices;
    }

    private List<String> meterNodes() {
        var choices = new ArrayList<String>();
        choices.add(MeterDraft.GRID);
        model.circuits().stream().map(c -> c.circuitIdProperty().get()).forEach(choices::add);
        return choices;
    }

    private List<String> circuitChoices() {
        var choices = new ArrayList<String>();
        choices.add(null);
        model.circuits().stream().map(c -> c.circuitIdProperty().get()).forEach(choices::add);
        return choices;
    }

    private static Label heading(String text) {
        var label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    private static TextField text(javafx.beans.property.StringProperty property, String id) {
        var field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(14);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private static <T> ComboBox<T> choice(Property<T> property, List<T> items, String id) {
        var box = new ComboBox<T>();
        box.setId(id);
        box.getItems().setAll(items);
        box.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(T value) { return value == null ? "(grid connection)" : value.toString(); }

            @Override
            public T fromString(String text) { return null; }
        });
        box.valueProperty().bindBidirectional(property);
        return box;
    }

    private void row(GridPane grid, int row, String label, javafx.scene.control.Control field,
                     ObservableMap<String, String> errors, String errorField) {
        var name = new Label(label);
        name.setMnemonicParsing(true);
        name.setLabelFor(field);
        var message = new Label();
        message.setId("error-" + field.getId());
        message.getStyleClass().add("field-error");
        message.setWrapText(true);
        message.setMaxWidth(360);
        message.textProperty().bind(Bindings.valueAt(errors, errorField));
        Runnable mark = () -> {
            var invalid = errors.containsKey(errorField);
            if (invalid && !field.getStyleClass().contains("invalid")) field.getStyleClass().add("invalid");
            if (!invalid) field.getStyleClass().remove("invalid");
        };
        // the form is rebuilt on every selection: a weak listener, held by the field, goes with it
        javafx.collections.MapChangeListener<String, String> marker = _ -> mark.run();
        field.getProperties().put("error-marker", marker);
        errors.addListener(new javafx.collections.WeakMapChangeListener<>(marker));
        mark.run();
        grid.add(name, 0, row * 2);
        grid.add(field, 1, row * 2);
        grid.add(message, 1, row * 2 + 1);
    }

    public void focusDefault() { tree.requestFocus(); }
}
