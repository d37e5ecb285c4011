package dev.dynamo.console.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.Health;
import dev.dynamo.console.theme.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The status bar says when the engine is degraded, and says nothing once it is well again. */
@ExtendWith(ApplicationExtension.class)
class StatusBarHealthUiTest {
    private final StatusBarViewModel model = new StatusBarViewModel(Clock.systemUTC());
    private Scene scene;

    @Start
    void start(Stage stage) {
        model.connection("Connected · Depot", "connected");
        model.engine("0.1.0", "127.0.0.1:8080");
        var root = new BorderPane();
        root.setBottom(new StatusBar(model));
        scene = new Scene(root, 1100, 80);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void a_degraded_engine_is_shown_with_what_fails(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> model.health(new Health("degraded", null,
                "does not answer within 2000 ms", null))).get();
        WaitForAsyncUtils.waitForFxEvents();

        Label health = robot.lookup("#status-health").queryAs(Label.class);
        assertThat(health.isVisible()).isTrue();
        assertThat(health.getText()).isEqualTo("Engine degraded – store: does not answer within 2000 ms");
        var image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();
        var png = Path.of("target", "status-bar-degraded.png");
        Files.createDirectories(png.getParent());
        PngWriter.write(image, png);

        WaitForAsyncUtils.asyncFx(() -> model.health(new Health("ok", null, null, null))).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(health.isVisible()).isFalse();
    }
}
