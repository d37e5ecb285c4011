package dev.dynamo.console;

import dev.dynamo.console.shell.DynamoConsole;
import javafx.application.Application;

/**
 * The jar's entry point. A plain class, not the {@code Application}: started from the classpath, the
 * JavaFX launcher refuses a main class that extends {@code Application}.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        Application.launch(DynamoConsole.class, args);
    }
}
