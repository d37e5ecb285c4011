package dev.dynamo.console.shell;

import javafx.scene.input.KeyCode;

/** The console's screens, in navigation order, each with its Ctrl+digit shortcut. */
public enum Screen {
    CONNECT("Connect", KeyCode.DIGIT1),
    LIVE("Live", KeyCode.DIGIT2),
    HISTORY("History", KeyCode.DIGIT3),
    PRIORITY("Priority", KeyCode.DIGIT4),
    CONFIG("Config & schedule", KeyCode.DIGIT5),
    SIMULATION("Simulation", KeyCode.DIGIT6),
    SITES("Sites", KeyCode.DIGIT7),
    ALERTS("Alerts", KeyCode.DIGIT8),
    DECISIONS("Decisions", KeyCode.DIGIT9),
    SITE_EDITOR("Site layout", KeyCode.DIGIT0);

    private final String title;
    private final KeyCode key;

    Screen(String title, KeyCode key) {
        this.title = title;
        this.key = key;
    }

    public String title() { return title; }

    public KeyCode key() { return key; }
}
