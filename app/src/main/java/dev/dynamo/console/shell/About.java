package dev.dynamo.console.shell;

import java.util.List;

/** What the About dialog says: the console's own version, the engine it talks to, and the runtime. */
record About(String consoleVersion, String engineVersion, String javaVersion, String javafxVersion) {

    static About of(String engineVersion) {
        return new About(About.class.getPackage().getImplementationVersion(), engineVersion,
                System.getProperty("java.version"), System.getProperty("javafx.runtime.version"));
    }

    List<String> lines() {
        return List.of(
                "Dynamo Console " + orUnknown(consoleVersion, "development build"),
                "Engine " + orUnknown(engineVersion, "not connected"),
                "Java " + orUnknown(javaVersion, "unknown") + " · JavaFX " + orUnknown(javafxVersion, "unknown"),
                "Smart charging for EV charging sites");
    }

    private static String orUnknown(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
