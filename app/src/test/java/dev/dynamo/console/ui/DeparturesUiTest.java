package dev.dynamo.console.ui;

import static dev.dynamo.console.ui.UiSteps.cell;
import static dev.dynamo.console.ui.UiSteps.fx;
import static dev.dynamo.console.ui.UiSteps.text;
import static dev.dynamo.console.ui.UiSteps.tile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.ConfigRequest;
import dev.dynamo.console.client.EngineException;
import dev.dynamo.console.client.SessionChange;
import dev.dynamo.console.client.SessionInfo;
import dev.dynamo.console.live.ChargerTile;
import dev.dynamo.console.shell.Console;
import dev.dynamo.console.shell.Screen;
import dev.dynamo.console.task.FxBackground;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.GridCell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Departures (contract 10) in a real window against a real engine in-process: the session panel opened from a
 * Live tile with the keyboard, a departure saved through {@code PATCH …/session}, the engine's 422 beside its
 * field, the at-risk tile, and the Config screen's {@code departure_aware} switch.
 */
@ExtendWith(ApplicationExtension.class)
class DeparturesUiTest {
    private static final String SITE = "ops";
    private static final ZoneId SITE_ZONE = ZoneId.of("Europe/Amsterdam");
    @RegisterExtension
    static final EngineForUi ENGINE = new EngineForUi("ui-operator-sites.json", SITE);

    private final FxBackground background = new FxBackground();
    private Console console;

    @Start
    void start(Stage stage) {
        console = ENGINE.show(stage, background, 1280, 800);
    }

    @AfterEach
    void closeConsole() throws Exception {
        EngineForUi.close(console, background);
    }

    @Test
    void enter_on_a_focused_tile_opens_its_session_panel_and_a_departure_typed_there_is_patched_to_the_engine(FxRobot robot) {
        prepare("O-4", "O-5");
        connect(robot);
        waitUntil(() -> tile(robot, "O-5") != null);

        // Tab from the charger chooser reaches the tiles; Enter opens the focused one
        robot.interact(() -> robot.lookup("#why-choice").query().requestFocus());
        for (int presses = 0; presses < 8 && fx(() -> focusedCell(robot)) == null; presses++) {
            robot.press(KeyCode.TAB).release(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(focusedCell(robot)).as("a tile reached with Tab").isNotNull();
        var firstTile = fx(() -> ((ChargerTile) focusedCell(robot).getGraphic()).getTitle());
        assertThat(firstTile).isEqualTo("O-4");
        robot.press(KeyCode.TAB).release(KeyCode.TAB);
        waitUntil(() -> focusedCell(robot) != null && ((ChargerTile) focusedCell(robot).getGraphic()).getTitle().equals("O-5"));
        picture("live-tile-focus-1280x800.png"); // for a look at the focus ring (target/, not part of the docs)
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);

        waitUntil(() -> visible(robot, "#session-form") && text(robot, "#session-title").equals("Session on O-5"));
        assertThat(text(robot, "#session-needed")).isEqualTo("not set");
        // the keyboard went into the form with the panel
        waitUntil(() -> focused(robot) == robot.lookup("#session-needed-input").query());

        var leaves = Instant.now().plus(Duration.ofHours(3)).atZone(SITE_ZONE).truncatedTo(ChronoUnit.MINUTES);
        var hhmm = DateTimeFormatter.ofPattern("HH:mm").format(leaves);
        robot.write("30");
        robot.clickOn("#session-departure-time").write(hhmm);
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);

        waitUntil(() -> text(robot, "#session-status").startsWith("Saved"));
        var stored = session("O-5");
        assertThat(stored.energyNeededKwh()).isEqualTo(30.0);
        assertThat(stored.departureAt()).isEqualTo(leaves.toInstant());
        assertThat(text(robot, "#session-departure-in")).matches("in (2 h 59 min|3 h)");
        assertThat(text(robot, "#session-risk")).startsWith("✓ On track");
        // the tile follows: delivered over needed and the departure in site time, with its weekday when the
        // departure is not today (3 h from now is tomorrow after 21:00 site time)
        var withDay = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH).format(leaves);
        waitUntil(() -> tile(robot, "O-5").getProgressText().endsWith(" / 30 kWh · by "
                + (leaves.toLocalDate().equals(LocalDate.now(SITE_ZONE)) ? hhmm : withDay)));
        assertThat(tile(robot, "O-4").getProgressText()).isEmpty();

        // Escape from a field of the form closes the panel
        assertThat(focused(robot)).isSameAs(robot.lookup("#session-departure-time").query());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(() -> !visible(robot, "#why-panel"));
    }

    @Test
    void a_need_the_engine_refuses_shows_its_422_beside_the_field_and_changes_nothing(FxRobot robot) {
        prepare("O-4");
        connect(robot);
        clickTile(robot, "O-4");
        waitUntil(() -> visible(robot, "#session-form"));

        robot.interact(() -> robot.lookup("#session-needed-input").queryAs(TextField.class).setText("-5"));
        robot.clickOn("#session-save");

        waitUntil(() -> !text(robot, "#session-error-energy-needed-kwh").isEmpty());
        assertThat(text(robot, "#session-error")).contains("422");
        assertThat(fx(() -> robot.lookup("#session-needed-input").query().getStyleClass())).contains("invalid");
        assertThat(session("O-4").energyNeededKwh()).isNull();
        assertThat(ENGINE.api().site(SITE).chargers().stream().filter(c -> c.chargePointId().equals("O-4")).findFirst()
                .orElseThrow().session()).isNotNull();
    }

    @Test
    void a_session_that_cannot_be_full_by_its_departure_is_marked_at_risk_on_its_tile_in_colour_and_words(FxRobot robot) {
        prepare("O-4", "O-5");
        // 11 kW for an hour cannot give 200 kWh
        ENGINE.api().changeSession(SITE, "O-4", SessionChange.NONE.withEnergyNeeded(200.0)
                .withDeparture(Instant.now().plus(Duration.ofHours(1))));
        connect(robot);

        waitUntil(() -> tile(robot, "O-4") != null && tile(robot, "O-4").isAtRisk());
        assertThat(tile(robot, "O-4").getText()).startsWith("Charging · cap 11.0 kW");
        assertThat(tile(robot, "O-4").getProgressText()).contains("/ 200 kWh · by ");
        assertThat(tile(robot, "O-5").isAtRisk()).isFalse();
        picture("live-at-risk-1280x800.png");

        clickTile(robot, "O-4");
        waitUntil(() -> text(robot, "#session-risk").startsWith("⚠ At risk"));
    }

    @Test
    void the_config_switch_sends_departure_aware_and_is_disabled_with_its_reason_under_priority(FxRobot robot) {
        prepare();
        connect(robot);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        waitUntil(() -> visible(robot, "#departure-aware") && text(robot, "#config-status").startsWith("Stored"));
        assertThat(text(robot, "#departure-aware-hint")).contains("least time to spare");

        robot.clickOn("#departure-aware");
        robot.clickOn("#apply-config");

        waitUntil(() -> ENGINE.api().config(SITE).orElseThrow().departureAware());
        robot.interact(() -> console.config().strategyProperty().set("priority"));
        waitUntil(() -> fx(() -> robot.lookup("#departure-aware").queryAs(CheckBox.class).isDisabled()));
        assertThat(fx(() -> robot.lookup("#departure-aware").queryAs(CheckBox.class).isSelected())).isFalse();
        assertThat(visible(robot, "#departure-aware-blocked")).isTrue();
        assertThat(text(robot, "#departure-aware-blocked")).startsWith("Not with priority");
    }

    private static SessionInfo session(String chargePointId) {
        return ENGINE.api().site(SITE).chargers().stream().filter(c -> c.chargePointId().equals(chargePointId))
                .findFirst().orElseThrow().session();
    }

    private static Node focused(FxRobot robot) {
        return fx(() -> robot.lookup("#charger-grid").query().getScene().getFocusOwner());
    }

    private static GridCell<?> focusedCell(FxRobot robot) {
        return focused(robot) instanceof GridCell<?> cell && cell.getGraphic() instanceof ChargerTile ? cell : null;
    }

    private static boolean visible(FxRobot robot, String query) {
        return fx(() -> robot.lookup(query).tryQuery().map(n -> {
            for (Node at = n; at != null; at = at.getParent()) if (!at.isVisible()) return false;
            return n.getScene() != null;
        }).orElse(false));
    }

    private void waitUntil(Callable<Boolean> condition) {
        UiSteps.waitUntil(console, condition);
    }

    private void connect(FxRobot robot) {
        UiSteps.connect(robot, console);
    }

    private static void prepare(String... charging) {
        UiSteps.prepare(ENGINE.api(), SITE, new ConfigRequest(100, "equal", null, List.of(), List.of(), null, null), charging);
    }

    private void clickTile(FxRobot robot, String chargePointId) {
        UiSteps.clickTile(robot, console, chargePointId);
    }

    private void picture(String name) {
        UiSteps.picture(console, name);
    }
}
