package dev.dynamo.console.live;

import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The circuit tree: one line per limit, indented under its parent, with a load bar per phase. */
final class CircuitPanel extends VBox {
    static final String NEAR_LIMIT = "near-limit";
    private static final double INDENT = 18;

    private final ObservableList<CircuitRow> rows;
    private final VBox lines = new VBox(4);

    CircuitPanel(ObservableList<CircuitRow> rows) {
        super(6);
        this.rows = rows;
        setId("circuit-tree");
        getStyleClass().addAll("panel", "circuit-tree");
        var caption = new Label("Circuits (per-phase current against the breaker rating)");
        caption.getStyleClass().add("section-title");
        getChildren().addAll(caption, lines);
        rows.addListener((ListChangeListener<CircuitRow>) _ -> rebuild());
        rebuild();
    }

    private void rebuild() {
        // a handful of circuits, replaced only when a value changed: rebuilding is cheaper than diffing
        lines.getChildren().setAll(rows.stream().map(CircuitPanel::line).toList());
        setVisible(!rows.isEmpty());
        setManaged(!rows.isEmpty());
    }

    private static HBox line(CircuitRow row) {
        var name = new Label((row.depth() == 0 ? "" : "└ ") + row.circuitId() + "  " + amps(row.maxCurrentA()));
        name.getStyleClass().add("circuit-name");
        name.setMinWidth(Region.USE_PREF_SIZE);
        var indent = new Region();
        indent.setMinWidth(row.depth() * INDENT);
        var nameBox = new HBox(indent, name);
        nameBox.setPrefWidth(260);
        nameBox.setMinWidth(260);
        var line = new HBox(12, nameBox);
        line.setAlignment(Pos.CENTER_LEFT);
        line.setId("circuit-" + row.circuitId());
        line.getStyleClass().add("circuit-row");
        if (row.nearLimit()) line.getStyleClass().add(NEAR_LIMIT);
        for (var phase : row.phases()) {
            var bar = new ProgressBar(Math.min(1, phase.share()));
            bar.setPrefWidth(150);
            bar.getStyleClass().add("circuit-bar");
            if (phase.nearLimit()) bar.getStyleClass().add(NEAR_LIMIT);
            var value = new Label(phase.phase() + " " + amps(phase.currentA()));
            value.getStyleClass().add("circuit-value");
            value.setMinWidth(96);
            value.setPrefWidth(96);
            line.getChildren().add(new HBox(6, bar, value));
        }
        return line;
    }

    static String amps(double currentA) { return String.format(Locale.ROOT, "%.1f A", currentA); }
}
