package dev.dynamo.console.grid;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Live screen's grid card: per metered node a stacked bar (other load, EV allocation, headroom) against
 * its capacity, the meter's age, a clear stale state, and what binds the budget in words. Hidden for a site
 * without meters.
 */
public final class GridCardView extends VBox {
    private static final double BAR_HEIGHT_PX = 18;
    private final GridCardModel model;
    private final VBox rows = new VBox(6);

    public GridCardView(GridCardModel model) {
        super(6);
        this.model = model;
        getStyleClass().add("grid-card");
        var binding = new Label();
        binding.textProperty().bind(model.bindingProperty());
        binding.getStyleClass().add("grid-binding");
        binding.setWrapText(true);
        var legend = new HBox(12, swatch("other load", "#8a8f98"), swatch("EV allocation", "#2f7ed8"),
                swatch("headroom", "#cfe8cf"));
        getChildren().addAll(binding, rows, legend);
        setPadding(new Insets(8, 0, 0, 0));
        model.bars().addListener((ListChangeListener<MeterBar>) _ -> rebuild());
        rebuild();
    }

    private void rebuild() {
        rows.getChildren().clear();
        for (var bar : model.bars()) rows.getChildren().add(row(bar));
        var shown = !model.bars().isEmpty();
        setVisible(shown);
        setManaged(shown);
    }

    private static HBox row(MeterBar bar) {
        var name = new Label(bar.node() + " (" + bar.meterId() + ")");
        name.setMinWidth(160);
        var fractions = bar.fractions();
        var other = segment("#8a8f98");
        var ev = segment("#2f7ed8");
        var free = segment("#cfe8cf");
        var stack = new HBox(other, ev, free);
        var track = new StackPane(stack);
        track.setStyle("-fx-background-color: #2a2f36; -fx-border-color: #59606a;");
        track.setMinHeight(BAR_HEIGHT_PX);
        track.setPrefWidth(360);
        HBox.setHgrow(track, Priority.ALWAYS);
        track.widthProperty().subscribe(width -> {
            double w = Math.max(0, width.doubleValue() - 2);
            other.setPrefWidth(w * fractions[0]);
            ev.setPrefWidth(w * fractions[1]);
            free.setPrefWidth(w * fractions[2]);
        });
        var numbers = new Label(GridCardModel.kw(bar.otherLoadKw()) + " other + " + GridCardModel.kw(bar.evKw()) + " EV, "
                + GridCardModel.kw(bar.headroomKw()) + " free of " + GridCardModel.kw(bar.capacityKw()));
        var age = new Label(bar.stale() ? "STALE · fallback in use · " + bar.age() : "read " + bar.age());
        age.setStyle(bar.stale() ? "-fx-text-fill: #ff6b6b; -fx-font-weight: bold;" : "-fx-text-fill: #b0b6bf;");
        var text = new VBox(2, numbers, age);
        var row = new HBox(12, name, track, text);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setAccessibleText(bar.node() + ": " + numbers.getText() + ", " + age.getText());
        return row;
    }

    private static Region segment(String color) {
        var region = new Region();
        region.setMinWidth(0);
        region.setMinHeight(BAR_HEIGHT_PX);
        region.setStyle("-fx-background-color: " + color + ";");
        return region;
    }

    private static HBox swatch(String text, String color) {
        var box = new Region();
        box.setMinSize(12, 12);
        box.setMaxSize(12, 12);
        box.setStyle("-fx-background-color: " + color + ";");
        var row = new HBox(4, box, new Label(text));
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
