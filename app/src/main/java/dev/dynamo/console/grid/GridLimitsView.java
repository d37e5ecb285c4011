package dev.dynamo.console.grid;

import dev.dynamo.console.client.ExternalLimit;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** External limits in force with a Lift button each, and a form to set one (collapsed until opened). */
public final class GridLimitsView extends TitledPane {
    private final GridLimitsModel model;
    private final VBox list = new VBox(4);

    public GridLimitsView(GridLimitsModel model) {
        this.model = model;
        setText("External limits");
        setExpanded(false);
        var source = field("source (dso, ems…)", model.sourceProperty(), 140);
        var kw = field("max kW", model.maxPowerKwProperty(), 80);
        var until = field("valid until (optional, 2026-11-24T18:00+01:00)", model.validUntilProperty(), 300);
        var reason = field("reason (optional)", model.reasonProperty(), 200);
        var set = new Button("Set limit");
        set.setDefaultButton(false);
        set.disableProperty().bind(model.busyProperty());
        set.setOnAction(_ -> model.set());
        kw.setOnAction(_ -> model.set());
        var form = new HBox(8, source, kw, until, reason, set);
        form.setAlignment(Pos.CENTER_LEFT);
        var error = new Label();
        error.textProperty().bind(model.errorProperty());
        error.setStyle("-fx-text-fill: #ff6b6b;");
        error.setWrapText(true);
        setContent(new VBox(8, list, form, error));
        model.limits().addListener((ListChangeListener<ExternalLimit>) _ -> rebuild());
        rebuild();
    }

    private static TextField field(String prompt, javafx.beans.property.StringProperty property, double width) {
        var field = new TextField();
        field.setPromptText(prompt);
        field.setAccessibleText(prompt);
        field.setPrefWidth(width);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private void rebuild() {
        list.getChildren().clear();
        if (model.limits().isEmpty()) {
            list.getChildren().add(new Label("No external limit is in force."));
            return;
        }
        for (var limit : model.limits()) {
            var text = new Label(limit.source() + ": " + String.format(Locale.ROOT, "%.1f kW", limit.maxPowerKw())
                    + (limit.validUntil() == null ? ", no end" : ", until " + limit.validUntil())
                    + (limit.reason() == null ? "" : " — " + limit.reason()));
            var lift = new Button("Lift");
            lift.setAccessibleText("Lift the limit from " + limit.source());
            lift.disableProperty().bind(model.busyProperty());
            lift.setOnAction(_ -> model.lift(limit.source()));
            var row = new HBox(12, text, lift);
            row.setAlignment(Pos.CENTER_LEFT);
            list.getChildren().add(row);
        }
    }
}
