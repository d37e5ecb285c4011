package dev.dynamo.console.live;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The session part of a charger's side panel (contract 10): need, delivered, departure and at-risk state,
 * and a form to change the need and departure. Enter in a field saves; the engine's field errors appear
 * under their field; a spinner shows while the change is on its way.
 */
final class SessionPanel extends VBox {
    private final TextField needed = new TextField();
    private boolean focusWhenShown;
    private VBox withSession;

    SessionPanel(SessionViewModel model) {
        setId("session-panel");
        setSpacing(6);
        var title = new Label();
        title.setId("session-title");
        title.getStyleClass().add("section-title");
        title.textProperty().bind(model.chargePointIdProperty().map(id -> "Session on " + id));

        var none = wrapped("session-none", "hint");
        none.setText("No session: nothing to plan");
        var risk = wrapped("session-risk", "session-risk");
        risk.textProperty().bind(model.riskTextProperty());
        risk.visibleProperty().bind(model.riskTextProperty().isNotNull());
        risk.managedProperty().bind(risk.visibleProperty());
        model.atRiskProperty().subscribe(at -> {
            risk.getStyleClass().removeAll("at-risk", "on-track");
            risk.getStyleClass().add(at ? "at-risk" : "on-track");
        });

        // one line a fact, labels in a column: the whole panel fits beside the tiles at 1280×800
        var facts = new GridPane(10, 2);
        facts.addRow(0, caption("Needed"), value("session-needed", model.neededProperty()));
        facts.addRow(1, caption("Delivered"), value("session-delivered", model.deliveredProperty()));
        var departureIn = value("session-departure-in", model.departureInProperty());
        departureIn.getStyleClass().add("session-countdown");
        departureIn.visibleProperty().bind(model.departureInProperty().isNotNull());
        departureIn.managedProperty().bind(departureIn.visibleProperty());
        facts.addRow(2, caption("Departure"), new VBox(value("session-departure", model.departureProperty()), departureIn));

        needed.setId("session-needed-input");
        needed.setPrefColumnCount(5);
        needed.setPromptText("none");
        needed.textProperty().bindBidirectional(model.neededInputProperty());
        needed.setOnAction(_ -> model.save());
        var clearNeeded = clearButton("session-clear-needed", model::clearNeeded);
        var neededLabel = fieldLabel("_Need (kWh)", needed);
        var neededRow = new HBox(6, needed, clearNeeded);
        neededRow.setAlignment(Pos.CENTER_LEFT);

        var date = new DatePicker();
        date.setId("session-departure-date");
        date.setPrefWidth(132);
        date.setPromptText("next");
        date.valueProperty().bindBidirectional(model.departureDateProperty());
        var time = new TextField();
        time.setId("session-departure-time");
        time.setPrefColumnCount(4);
        time.setPromptText("HH:MM");
        time.textProperty().bindBidirectional(model.departureTimeProperty());
        time.setOnAction(_ -> model.save());
        var clearDeparture = clearButton("session-clear-departure", model::clearDeparture);
        var departureLabel = fieldLabel("_Leaves", time);
        var departureRow = new HBox(6, time, date, clearDeparture);
        departureRow.setAlignment(Pos.CENTER_LEFT);
        var hint = wrapped(null, "hint");
        hint.setText("Site time. A time alone is the next such time; an empty field saved, or Clear, removes it.");

        var save = new Button("_Save session");
        save.setId("session-save");
        save.setOnAction(_ -> model.save());
        var spinner = new ProgressIndicator();
        spinner.setId("session-progress");
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(model.busyProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());
        var status = new Label();
        status.setId("session-status");
        status.getStyleClass().add("ok-text");
        status.textProperty().bind(model.statusProperty());
        var actions = new HBox(8, save, spinner, status);
        actions.setAlignment(Pos.CENTER_LEFT);
        var error = wrapped("session-error", "error-text");
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());

        var fields = new GridPane(8, 4);
        fields.addRow(0, neededLabel, neededRow);
        fields.add(fieldError(model, SessionViewModel.ENERGY, needed), 1, 1);
        fields.addRow(2, departureLabel, departureRow);
        fields.add(fieldError(model, SessionViewModel.DEPARTURE, time, date), 1, 3);
        var form = new VBox(4, fields, hint, actions, error);
        form.setId("session-form");
        // nothing is disabled while a change is on its way (the model ignores a second one): a disabled control
        // would drop the keyboard focus, which then jumps elsewhere in the panel

        withSession = new VBox(6, risk, facts, form);
        withSession.visibleProperty().bind(model.hasSessionProperty());
        withSession.managedProperty().bind(withSession.visibleProperty());
        none.visibleProperty().bind(model.hasSessionProperty().not().and(model.chargePointIdProperty().isNotNull()));
        none.managedProperty().bind(none.visibleProperty());
        getChildren().addAll(title, none, withSession);
        // the session arrives a moment after the panel opens: the keyboard goes to the form once it is shown
        model.hasSessionProperty().subscribe(has -> {
            if (has && focusWhenShown) {
                focusWhenShown = false;
                javafx.application.Platform.runLater(needed::requestFocus);
            }
        });
        model.chargePointIdProperty().subscribe(id -> { if (id == null) focusWhenShown = false; });
    }

    /** Puts the keyboard in the form (the panel was opened from a tile with the keyboard), now or once shown. */
    void focusForm() {
        if (withSession.isVisible() && getScene() != null) {
            needed.requestFocus();
        } else {
            focusWhenShown = true;
            requestFocus();
        }
    }

    private static Label fieldError(SessionViewModel model, String field, javafx.scene.control.Control... controls) {
        var label = wrapped("session-error-" + field.replace('_', '-'), "field-error");
        label.textProperty().bind(Bindings.valueAt(model.fieldErrors(), field));
        label.visibleProperty().bind(label.textProperty().isNotNull());
        label.managedProperty().bind(label.visibleProperty());
        model.fieldErrors().addListener((javafx.collections.MapChangeListener<String, String>) _ -> {
            var invalid = model.fieldErrors().containsKey(field);
            for (var control : controls) {
                if (invalid && !control.getStyleClass().contains("invalid")) control.getStyleClass().add("invalid");
                if (!invalid) control.getStyleClass().remove("invalid");
            }
        });
        return label;
    }

    private static Label caption(String text) {
        var label = new Label(text);
        label.getStyleClass().add("hint");
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static Label value(String id, javafx.beans.value.ObservableValue<String> text) {
        var label = wrapped(id, "session-value");
        label.textProperty().bind(text);
        return label;
    }

    private static Label wrapped(String id, String style) {
        var label = new Label();
        if (id != null) label.setId(id);
        label.getStyleClass().add(style);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }

    private static Button clearButton(String id, Runnable clear) {
        var button = new Button("Clear");
        button.setId(id);
        button.setOnAction(_ -> clear.run());
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }

    /** A field's label with its Alt mnemonic, never squeezed below its text. */
    private static Label fieldLabel(String text, Node field) {
        var label = new Label(text);
        label.setMnemonicParsing(true);
        label.setLabelFor(field);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }
}
