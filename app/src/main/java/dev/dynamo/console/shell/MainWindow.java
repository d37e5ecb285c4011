package dev.dynamo.console.shell;

import java.util.EnumMap;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/** The window's layout: navigation on the left (Ctrl+1…9, Ctrl+0), the current screen, the status bar. */
public final class MainWindow extends BorderPane {
    private final Map<Screen, Node> screens;
    private final Map<Screen, Runnable> focusers;
    private final Map<Screen, ToggleButton> buttons = new EnumMap<>(Screen.class);
    private final ToggleGroup navigation = new ToggleGroup();
    private Screen current;

    private final StatusBarViewModel status;

    MainWindow(Map<Screen, Node> screens, Map<Screen, Runnable> focusers, StatusBarViewModel status) {
        this.status = status;
        this.screens = screens;
        this.focusers = focusers;
        setId("main-window");
        var nav = new VBox();
        nav.getStyleClass().add("nav");
        var brand = new Label("⚡ Dynamo");
        brand.getStyleClass().add("nav-brand");
        nav.getChildren().add(brand);
        for (var screen : Screen.values()) {
            var button = new ToggleButton(screen.title());
            button.setId("nav-" + screen.name().toLowerCase(java.util.Locale.ROOT));
            button.setToggleGroup(navigation);
            button.setTooltip(new Tooltip(screen.title() + " (Ctrl+" + screen.key().getName() + ")"));
            button.setOnAction(_ -> show(screen));
            buttons.put(screen, button);
            nav.getChildren().add(button);
        }
        var spacer = new javafx.scene.layout.Region();
        VBox.setVgrow(spacer, javafx.scene.layout.Priority.ALWAYS);
        var about = new javafx.scene.control.Button("About");
        about.setId("nav-about");
        about.getStyleClass().add("nav-about");
        about.setTooltip(new Tooltip("About Dynamo (F1)"));
        about.setOnAction(_ -> showAbout());
        nav.getChildren().addAll(spacer, about);
        setLeft(nav);
        setBottom(new StatusBar(status));
        show(Screen.CONNECT);
    }

    public void show(Screen screen) {
        current = screen;
        shown.set(screen);
        setCenter(screens.get(screen));
        buttons.get(screen).setSelected(true);
        focusers.getOrDefault(screen, () -> {}).run();
    }

    public Screen current() { return current; }

    private final javafx.beans.property.ReadOnlyObjectWrapper<Screen> shown = new javafx.beans.property.ReadOnlyObjectWrapper<>();

    /** The screen in view; screens that poll only for themselves follow it. */
    public javafx.beans.property.ReadOnlyObjectProperty<Screen> shownProperty() { return shown.getReadOnlyProperty(); }

    /** The About dialog: versions of the console and of the engine it is connected to. */
    public void showAbout() {
        var about = About.of(status.engineVersion());
        var dialog = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION);
        dialog.setTitle("About Dynamo");
        dialog.setHeaderText(about.lines().getFirst());
        dialog.setContentText(String.join("\n", about.lines().subList(1, about.lines().size())));
        if (getScene() != null) dialog.initOwner(getScene().getWindow());
        dialog.show();
    }

    void installShortcuts(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(javafx.scene.input.KeyCode.F1), this::showAbout);
        for (var screen : Screen.values()) {
            scene.getAccelerators().put(new KeyCodeCombination(screen.key(), KeyCombination.SHORTCUT_DOWN),
                    () -> show(screen));
        }
    }
}
