package dev.dynamo.console.shell;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The bottom line: a coloured dot with the connection state, the engine, its health when degraded, the last error. */
final class StatusBar extends HBox {
    StatusBar(StatusBarViewModel model) {
        setId("status-bar");
        getStyleClass().add("status-bar");
        var dot = new Label("●");
        dot.getStyleClass().add("status-dot");
        var connection = new Label();
        connection.setId("status-connection");
        var engine = new Label();
        engine.setId("status-engine");
        engine.getStyleClass().add("dim");
        var health = new Label();
        health.setId("status-health");
        health.getStyleClass().add("error-text");
        health.visibleProperty().bind(model.healthProperty().isNotNull());
        health.managedProperty().bind(health.visibleProperty());
        health.textProperty().bind(model.healthProperty());
        var error = new Label();
        error.setId("status-error");
        error.getStyleClass().add("error-text");
        var clear = new Button("Clear");
        clear.setFocusTraversable(false);
        clear.visibleProperty().bind(model.lastErrorProperty().isNotNull());
        clear.setOnAction(_ -> model.clearError());
        connection.setMinWidth(Region.USE_PREF_SIZE);
        engine.setMinWidth(Region.USE_PREF_SIZE);
        clear.setMinWidth(Region.USE_PREF_SIZE);
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var alerts = new Button();
        alerts.setId("status-alerts");
        alerts.getStyleClass().add("status-alerts");
        alerts.setFocusTraversable(false);
        alerts.setMinWidth(Region.USE_PREF_SIZE);
        alerts.textProperty().bind(model.openAlertsProperty().map(n -> n.intValue() == 0 ? "No alerts"
                : "⚠ " + n + (n.intValue() == 1 ? " alert" : " alerts")));
        model.openAlertsProperty().subscribe(n -> {
            if (n.intValue() > 0 && !alerts.getStyleClass().contains("alerting")) alerts.getStyleClass().add("alerting");
            if (n.intValue() == 0) alerts.getStyleClass().remove("alerting");
        });
        alerts.setOnAction(_ -> model.showAlerts());
        getChildren().addAll(dot, connection, engine, health, alerts, spacer, error, clear);

        connection.textProperty().bind(model.connectionProperty());
        engine.textProperty().bind(model.engineProperty());
        error.textProperty().bind(model.lastErrorProperty());
        model.connectionToneProperty().addListener((_, old, tone) -> {
            if (old != null) dot.getStyleClass().remove(old);
            dot.getStyleClass().add(tone);
        });
        dot.getStyleClass().add(model.connectionToneProperty().get());
    }
}
