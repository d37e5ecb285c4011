package dev.dynamo.console.history;

import javafx.scene.paint.Color;

/**
 * Ten distinct hues for the top ten chargers (a qualitative palette readable on the dark theme), and
 * muted ones for "Others" and the other load, so no two series share a colour.
 */
final class HistoryPalette {
    static final int OTHERS = 10;
    static final int OTHER_LOAD = 11;
    private static final Color[] COLOURS = {
            Color.web("#4e79a7"), Color.web("#f28e2b"), Color.web("#e15759"), Color.web("#76b7b2"),
            Color.web("#59a14f"), Color.web("#edc948"), Color.web("#b07aa1"), Color.web("#ff9da7"),
            Color.web("#9c755f"), Color.web("#bab0ac"), Color.web("#5a6270"), Color.web("#3b3f46")};
    static final Color TOTAL = Color.web("#e6edf3");
    static final Color BUDGET = Color.web("#e3b341");

    private HistoryPalette() {}

    static Color of(int index) { return COLOURS[index]; }
}
