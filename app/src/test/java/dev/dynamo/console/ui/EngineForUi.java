package dev.dynamo.console.ui;

import dev.dynamo.console.client.EngineApi;
import dev.dynamo.console.client.HttpEngineClient;
import dev.dynamo.console.client.RunningEngine;
import dev.dynamo.console.connect.ConnectionSettings;
import dev.dynamo.console.embedded.EmbeddedEngineStarter;
import dev.dynamo.console.embedded.EmbeddedSimulationRunner;
import dev.dynamo.console.shell.Console;
import dev.dynamo.console.task.FxBackground;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A real engine started in-process for one UI test class, on a sites file beside the tests, and the console
 * opened against it: what every UI test against a real engine sets up the same way.
 * Registered as a static {@code @RegisterExtension} field, so the engine lives as long as the class's tests.
 */
final class EngineForUi implements BeforeAllCallback, AfterAllCallback {
    private final String sitesResource;
    private final String site;
    private RunningEngine engine;
    private EngineApi api;

    EngineForUi(String sitesResource, String site) {
        this.sitesResource = sitesResource;
        this.site = site;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        engine = new EmbeddedEngineStarter(sitesFile()).start();
        api = new HttpEngineClient(engine.baseUri(), engine.apiKey());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (engine != null) engine.close();
    }

    RunningEngine engine() {
        return engine;
    }

    EngineApi api() {
        return api;
    }

    /** A console in {@code stage}, its connection saved for this engine and site (not yet connected). */
    Console show(Stage stage, FxBackground background, int width, int height) {
        var settings = ConnectionSettings.inMemory(
                new ConnectionSettings.Saved(engine.baseUri().toString(), engine.apiKey(), false, site));
        var console = new Console(background, settings, () -> engine, new EmbeddedSimulationRunner(), Clock.systemUTC());
        stage.setScene(console.scene(width, height));
        stage.show();
        return console;
    }

    /** Stops the console's polling and background work after a test, so the next test starts from nothing. */
    static void close(Console console, FxBackground background) throws Exception {
        WaitForAsyncUtils.asyncFx(console::shutdown).get(15, TimeUnit.SECONDS);
        background.close();
    }

    private Path sitesFile() throws URISyntaxException {
        var url = EngineForUi.class.getResource(sitesResource);
        if (url == null) throw new IllegalArgumentException("no test resource " + sitesResource);
        return Path.of(url.toURI());
    }
}
