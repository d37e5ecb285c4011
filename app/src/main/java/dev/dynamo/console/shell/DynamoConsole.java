package dev.dynamo.console.shell;

import dev.dynamo.console.connect.ConnectionSettings;
import dev.dynamo.console.connect.PreferencesSettings;
import dev.dynamo.console.embedded.EmbeddedEngineStarter;
import dev.dynamo.console.embedded.EmbeddedSimulationRunner;
import dev.dynamo.console.task.FxBackground;
import java.time.Clock;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: builds the console, connects at once (the embedded demo by default). */
public final class DynamoConsole extends Application {
    private final FxBackground background = new FxBackground();
    private Console console;

    @Override
    public void start(Stage stage) {
        var options = ConsoleOptions.parse(getParameters().getRaw());
        var defaults = new ConnectionSettings.Saved("http://127.0.0.1:8080", "", true, null);
        ConnectionSettings settings = options.freshSettings() ? ConnectionSettings.inMemory(defaults)
                : PreferencesSettings.forUser();
        console = new Console(background, settings, new EmbeddedEngineStarter(options.sitesFile()),
                new EmbeddedSimulationRunner(), Clock.systemUTC());
        var connect = console.connect();
        connect.demoSessions(options.demoSessions());
        if (options.url() != null) {
            connect.embeddedProperty().set(false);
            connect.engineUrlProperty().set(options.url());
            if (options.apiKey() != null) connect.apiKeyProperty().set(options.apiKey());
        }
        if (options.embedded()) connect.embeddedProperty().set(true);

        stage.setTitle("Dynamo console");
        stage.setScene(console.scene(1500, 940));
        stage.show();
        // a new user sees the demo site live at once; a remembered engine is reconnected the same way
        if (connect.embeddedProperty().get() || options.url() != null) connect.connect();

        if (options.screenshotsDir() != null) {
            new ScreenshotTour(console, stage, options.screenshotsDir()).start();
        } else if (options.measureSeconds() > 0) {
            new FrameProbe(console, stage, options.measureSeconds(), options.churnSessions()).start();
        }
    }

    @Override
    public void stop() {
        if (console != null) console.shutdown();
        background.close();
    }
}
