package dev.dynamo.console.theme;

import java.util.Objects;
import javafx.scene.Scene;
import javafx.scene.paint.Color;

/**
 * The console's colours for code that cannot use CSS (TilesFX paints in Java); they match the
 * {@code -dyn-*} names in {@code dynamo.css}.
 */
public final class Theme {
    public static final Color BACKGROUND = Color.web("#0d1117");
    public static final Color SURFACE = Color.web("#161b22");
    public static final Color SURFACE_RAISED = Color.web("#1f2630");
    public static final Color BORDER = Color.web("#30363d");
    public static final Color TEXT = Color.web("#e6edf3");
    public static final Color TEXT_DIM = Color.web("#8b949e");
    public static final Color ACCENT = Color.web("#3fa7ff");
    public static final Color CHARGING = Color.web("#3fb950");
    public static final Color QUEUED = Color.web("#d29922");
    public static final Color OFFLINE = Color.web("#f85149");
    public static final Color BUDGET = Color.web("#e3b341");

    /** What a status looks like; screens map their own states to these. */
    public enum Tone {
        GOOD(CHARGING), WAITING(QUEUED), BAD(OFFLINE), NEUTRAL(ACCENT);

        private final Color color;

        Tone(Color color) { this.color = color; }

        public Color color() { return color; }
    }

    private Theme() {}

    public static String stylesheet() {
        return Objects.requireNonNull(Theme.class.getResource("dynamo.css")).toExternalForm();
    }

    public static void apply(Scene scene) {
        scene.getStylesheets().add(stylesheet());
        scene.setFill(BACKGROUND);
    }
}
