package dev.dynamo.console.live;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The side panel of a selected charger: why it gets what it gets. Escape or Close hides it. */
final class WhyPanel extends VBox {
    private final SessionPanel sessionPanel;

    WhyPanel(WhyViewModel model) {
        sessionPanel = new SessionPanel(model.sessionEditor());
        setId("why-panel");
        getStyleClass().addAll("panel", "why-panel");
        setSpacing(8);
        setPrefWidth(370);
        setPadding(new Insets(12));
        var title = new Label();
        title.setId("why-title");
        title.getStyleClass().add("section-title");
        var headline = wrapped("why-headline", "why-headline");
        var share = wrapped("why-share", "hint");
        var error = wrapped("why-error", "error-text");
        // a few breakers at most: wrapped lines, so a long load reads in full at any width
        var path = new VBox(4);
        path.setId("why-path");
        model.path().subscribe(() -> path.getChildren().setAll(model.path().stream().map(step -> {
            var line = wrapped(null, "why-step");
            line.setText(step);
            return line;
        }).toList()));
        var decisions = new ListView<>(model.decisions());
        decisions.setId("why-decisions");
        decisions.setPlaceholder(new Label("No decision in the last hour"));
        decisions.getStyleClass().add("mono-list");
        decisions.setMinHeight(90);
        decisions.setPrefHeight(200);
        VBox.setVgrow(decisions, Priority.ALWAYS);
        var close = new Button("Close");
        close.setId("why-close");
        close.setCancelButton(false);
        close.setOnAction(_ -> model.close());
        // the session first: a depot operator opens a van's tile to see and set its need and departure
        getChildren().addAll(sessionPanel, new javafx.scene.control.Separator(), title, headline, share,
                section("Breakers on its path"), path, section("Recent decisions (last hour)"), decisions, error, close);

        title.textProperty().bind(model.selectedProperty().map(id -> "Why " + id + "?"));
        headline.textProperty().bind(model.headlineProperty());
        share.textProperty().bind(model.shareProperty());
        error.textProperty().bind(model.errorProperty());
        visibleProperty().bind(model.selectedProperty().isNotNull());
        managedProperty().bind(visibleProperty());
        // a filter: Escape closes the panel from inside its text fields too, which would otherwise take the key
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                model.close();
                event.consume();
            }
        });
    }

    /** Puts the keyboard in the session form. */
    void focusSession() { sessionPanel.focusForm(); }

    private static Label section(String text) {
        var label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    private static Label wrapped(String id, String style) {
        var label = new Label();
        label.setId(id);
        label.getStyleClass().add(style);
        label.setWrapText(true);
        // a wrapped label in a VBox needs its full height, else it is cut to one line with "…"
        label.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }
}
