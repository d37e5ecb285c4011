package dev.dynamo.console.ui;

import dev.dynamo.console.client.ConfigRequest;
import dev.dynamo.console.client.EngineApi;
import dev.dynamo.console.client.EngineException;
import dev.dynamo.console.live.ChargerTile;
import dev.dynamo.console.shell.Console;
import dev.dynamo.console.shell.PngWriter;
import dev.dynamo.console.shell.Screen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The steps the UI tests against a real engine share: reading the window on the FX thread, waiting, clicking. */
final class UiSteps {
    private UiSteps() {}

    /** Stops every session of the site, stores {@code config} and starts sessions on {@code charging}. */
    static void prepare(EngineApi api, String site, ConfigRequest config, String... charging) {
        for (var charger : api.site(site).chargers()) {
            if (charger.session() != null) api.stopSession(site, charger.chargePointId());
        }
        api.putConfig(site, config);
        for (var chargePointId : charging) api.startSession(site, chargePointId, null);
    }

    static void connect(FxRobot robot, Console console) {
        robot.interact(() -> console.connect().connect());
        waitUntil(console, () -> console.connect().connectedProperty().get() != null
                && console.window().current() == Screen.LIVE);
    }

    /** The visible tile of a charger; a hidden tile of an empty grid cell may still carry an id it showed before. */
    static ChargerTile tile(FxRobot robot, String chargePointId) {
        return robot.lookup("#tile-" + chargePointId).queryAll().stream()
                .filter(n -> n instanceof ChargerTile && n.isVisible() && n.getScene() != null)
                .map(n -> (ChargerTile) n).findFirst().orElse(null);
    }

    /** Clicks the charger's tile; the virtualised grid may replace its cell between the lookup and the click. */
    static void clickTile(FxRobot robot, Console console, String chargePointId) {
        for (int attempt = 1; ; attempt++) {
            waitUntil(console, () -> tile(robot, chargePointId) != null);
            try {
                robot.clickOn(tile(robot, chargePointId));
                return;
            } catch (RuntimeException replaced) {
                if (attempt == 3) throw replaced;
            }
        }
    }

    static ListCell<?> cell(FxRobot robot, String chargePointId) {
        return robot.lookup(".list-cell").queryAll().stream()
                .filter(n -> n instanceof ListCell<?> c && chargePointId.equals(c.getItem()))
                .map(n -> (ListCell<?>) n).findFirst().orElse(null);
    }

    /** The text of a field or label, {@code ""} when there is none. */
    static String text(FxRobot robot, String query) {
        var value = fx(() -> robot.lookup(query).tryQuery().map(node -> node instanceof TextField field ? field.getText()
                : node instanceof Labeled label ? label.getText() : "").orElse(""));
        return value == null ? "" : value;
    }

    /** Reads the window on the FX thread. */
    static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void picture(Console console, String name) {
        try {
            PngWriter.write(fx(() -> console.window().snapshot(null, null)), Path.of("target", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits up to 30 s for the condition (read on the FX thread); on a time-out the window is saved beside the error. */
    static void waitUntil(Console console, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
                try {
                    return fx(condition);
                } catch (EngineException | IllegalStateException | NullPointerException e) {
                    return false;
                }
            });
        } catch (TimeoutException e) {
            var picture = Path.of("target", "ui-failure-" + System.nanoTime() + ".png");
            try {
                PngWriter.write(fx(() -> console.window().snapshot(null, null)), picture);
            } catch (Exception ignored) {
                // the assertion below is what matters
            }
            throw new AssertionError("condition not met within 30 s; window: " + picture.toAbsolutePath(), e);
        }
    }
}
