package dev.dynamo.console.shell;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;

/** Status bar: connection state, engine version, and the last error any screen reported, with its time. */
public final class StatusBarViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Clock clock;
    private final ReadOnlyStringWrapper connection = new ReadOnlyStringWrapper("Not connected");
    private final ReadOnlyStringWrapper connectionTone = new ReadOnlyStringWrapper("disconnected");
    private final ReadOnlyStringWrapper engine = new ReadOnlyStringWrapper("engine –");
    private final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper health = new ReadOnlyStringWrapper();

    public StatusBarViewModel(Clock clock) { this.clock = clock; }

    public ReadOnlyStringProperty connectionProperty() { return connection.getReadOnlyProperty(); }

    /** A style name for the state: connected, connecting, failed or disconnected. */
    public ReadOnlyStringProperty connectionToneProperty() { return connectionTone.getReadOnlyProperty(); }

    public ReadOnlyStringProperty engineProperty() { return engine.getReadOnlyProperty(); }

    public ReadOnlyStringProperty lastErrorProperty() { return lastError.getReadOnlyProperty(); }

    /** What the engine's {@code /health} says fails ("Engine degraded – store: …"), or null while it is ok. */
    public ReadOnlyStringProperty healthProperty() { return health.getReadOnlyProperty(); }

    public void health(dev.dynamo.console.client.Health answer) {
        health.set(answer == null || !answer.degraded() ? null : "Engine degraded – " + answer.problem());
    }

    public void connection(String text, String tone) {
        connection.set(text);
        connectionTone.set(tone);
    }

    private String engineVersion;

    /** The connected engine's version, or null when unknown. */
    public String engineVersion() { return engineVersion; }

    public void engine(String version, String where) {
        engineVersion = version;
        engine.set("engine " + (version == null ? "–" : version) + (where == null ? "" : " · " + where));
    }

    /** Every new non-empty error of the source becomes the last error. */
    public void watch(String screen, ObservableValue<String> errors) {
        errors.addListener((_, _, message) -> {
            if (message != null && !message.isBlank()) {
                lastError.set(TIME.format(clock.instant().atZone(ZoneId.systemDefault())) + " " + screen + ": " + message);
            }
        });
    }

    public void clearError() { lastError.set(null); }

    private final javafx.beans.property.ReadOnlyIntegerWrapper openAlerts = new javafx.beans.property.ReadOnlyIntegerWrapper();
    private Runnable showAlerts = () -> {};

    /** Open alerts nobody acknowledged yet (the Alerts screen's count). */
    public javafx.beans.property.ReadOnlyIntegerProperty openAlertsProperty() { return openAlerts.getReadOnlyProperty(); }

    public void openAlerts(int count) { openAlerts.set(count); }

    /** What clicking the alert count does. */
    public void onShowAlerts(Runnable show) { showAlerts = show; }

    public void showAlerts() { showAlerts.run(); }
}
