package dev.dynamo.console.ui;

import static dev.dynamo.console.ui.UiSteps.cell;
import static dev.dynamo.console.ui.UiSteps.fx;
import static dev.dynamo.console.ui.UiSteps.text;
import static dev.dynamo.console.ui.UiSteps.tile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.console.client.Charger;
import dev.dynamo.console.client.ConfigRequest;
import dev.dynamo.console.client.EngineException;
import dev.dynamo.console.client.SiteConfig;
import dev.dynamo.console.client.WindowSpec;
import dev.dynamo.console.live.ChargerTile;
import dev.dynamo.console.shell.Console;
import dev.dynamo.console.shell.Screen;
import dev.dynamo.console.task.FxBackground;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.chart.BarChart;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console in a real window (Xvfb in CI) against a real engine started in-process on a small site
 * (capacity 100 kW; CP-1 and CP-2 22 kW, CP-3 11 kW). Each test sets the engine state it needs.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleUiTest {
    private static final String SITE = "ui-test";
    @RegisterExtension
    static final EngineForUi ENGINE = new EngineForUi("ui-test-sites.json", SITE);

    private final FxBackground background = new FxBackground();
    private Console console;

    @Start
    void start(Stage stage) {
        console = ENGINE.show(stage, background, 1400, 960);
    }

    @AfterEach
    void closeConsole() throws Exception {
        EngineForUi.close(console, background);
    }

    @Test
    void live_view_shows_a_tile_per_active_charger_with_its_allocation(FxRobot robot) {
        prepare(new ConfigRequest(30, "equal", null, List.of(), List.of(), null, null), "CP-1", "CP-3");

        connect(robot);

        waitUntil(() -> tileValue(robot, "CP-1") == 19.0 && tileValue(robot, "CP-3") == 11.0);
        assertThat(fx(() -> robot.lookup(".charger-tile").queryAll().stream().filter(Node::isVisible)
                .map(Node::getId).sorted().toList())).containsExactly("tile-CP-1", "tile-CP-3");
        assertThat(fx(() -> robot.lookup("#tile-CP-1").queryAll().stream().filter(Node::isVisible)
                .map(n -> ((ChargerTile) n).getText()).findFirst().orElse(""))).contains("cap 22.0 kW");
    }

    @Test
    void dragging_a_charger_to_the_top_applies_the_new_priority_and_the_allocation_follows(FxRobot robot) {
        prepare(new ConfigRequest(30, "equal", null, List.of(), List.of(), null, null), "CP-1", "CP-2");
        connect(robot);
        robot.clickOn("#nav-priority");
        waitUntil(() -> cell(robot, "CP-2") != null);

        robot.drag(cell(robot, "CP-2")).dropTo(cell(robot, "CP-1"));
        waitUntil(() -> console.window().lookup("#priority-list") != null
                && firstRanked(robot).equals("CP-2"));
        robot.clickOn("#apply-priority");

        waitUntil(() -> ENGINE.api().config(SITE).map(SiteConfig::strategy).orElse("").equals("priority"));
        assertThat(ENGINE.api().config(SITE).orElseThrow().priorityOrder()).containsExactly("CP-2", "CP-1", "CP-3");
        robot.clickOn("#nav-live");
        waitUntil(() -> tileValue(robot, "CP-2") == 22.0 && tileValue(robot, "CP-1") == 8.0);
    }

    @Test
    void a_window_drawn_on_the_week_is_stored_with_the_config(FxRobot robot) {
        prepare(new ConfigRequest(60, "equal", null, List.of(), List.of(), null, null));
        connect(robot);
        robot.clickOn("#nav-config");
        waitUntil(() -> "60".equals(text(robot, "#max-power")));

        var timeline = robot.lookup("#schedule-timeline").query();
        var bounds = fx(() -> timeline.localToScreen(timeline.getBoundsInLocal()));
        var hourWidth = (bounds.getWidth() - 56 - 8) / 24;
        var rowY = bounds.getMinY() + 26 + 38 + 19; // Tuesday's row
        robot.drag(bounds.getMinX() + 56 + 8 * hourWidth, rowY).moveTo(bounds.getMinX() + 56 + 12 * hourWidth, rowY)
                .drop();
        waitUntil(() -> console.config().windows().size() == 1);
        robot.clickOn("#strategy").clickOn("scheduled");
        robot.clickOn("#apply-config");

        waitUntil(() -> !ENGINE.api().config(SITE).orElseThrow().schedule().isEmpty());
        var stored = ENGINE.api().config(SITE).orElseThrow();
        assertThat(stored.strategy()).isEqualTo("scheduled");
        assertThat(stored.schedule()).containsExactly(new WindowSpec(List.of("TUE"), "08:00", "12:00", 60, "equal"));
    }

    @Test
    void a_config_the_engine_rejects_shows_its_detail_next_to_the_field(FxRobot robot) {
        prepare(new ConfigRequest(60, "equal", null, List.of(), List.of(), null, null));
        connect(robot);
        robot.clickOn("#nav-config");
        waitUntil(() -> "60".equals(text(robot, "#max-power")));

        robot.doubleClickOn("#max-power").eraseText(4).write("300");
        robot.clickOn("#apply-config");

        waitUntil(() -> !text(robot, "#error-max-power-kw").isEmpty());
        assertThat(text(robot, "#error-max-power-kw")).contains("100");
        assertThat(text(robot, "#config-error")).contains("422");
        assertThat(ENGINE.api().config(SITE).orElseThrow().maxPowerKw()).isEqualTo(60.0);
    }

    @Test
    void f1_shows_the_about_dialog_with_the_engine_version(FxRobot robot) {
        prepare(new ConfigRequest(60, "equal", null, List.of(), List.of(), null, null));
        connect(robot);

        robot.press(KeyCode.F1).release(KeyCode.F1);

        waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        var pane = (javafx.scene.control.DialogPane) robot.lookup(".dialog-pane").query();
        assertThat(fx(pane::getHeaderText)).startsWith("Dynamo Console");
        // connected by URL: the contract's /health carries no version, so the engine's is not known
        assertThat(fx(pane::getContentText)).contains("Engine unknown").contains("JavaFX 25");
        WaitForAsyncUtils.asyncFx(() -> ((javafx.stage.Stage) pane.getScene().getWindow()).close());
    }

    @Test
    void ctrl_6_opens_the_simulation_screen_and_a_run_fills_the_kpi_table(FxRobot robot) throws Exception {
        var scenario = Path.of(ConsoleUiTest.class.getResource(
                "/dev/dynamo/console/simulation/small-yard.dynamo-scenario.json").toURI());
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);
        waitUntil(() -> console.window().current() == Screen.SIMULATION);
        // the file chooser is the OS's dialog: the test hands the file over as the chooser would
        robot.interact(() -> console.simulation().addScenarioFile(scenario));
        robot.clickOn("#sim-priority");
        robot.clickOn("#sim-run");

        waitUntil(() -> robot.lookup("#sim-kpis").queryAs(TableView.class).getItems().size() == 14);
        TableView<?> table = robot.lookup("#sim-kpis").queryAs(TableView.class);
        assertThat(fx(() -> table.getColumns().stream().map(TableColumn::getText).toList()))
                .containsExactly("KPI", "equal", "scenario");
        assertThat(text(robot, "#sim-status")).contains("Small test yard");
        assertThat(fx(() -> robot.lookup("#sim-chart").queryAs(BarChart.class).getData().size())).isEqualTo(2);
        assertThat(fx(() -> robot.lookup("#sim-run").query().isDisabled())).isFalse();
    }

    @Test
    void the_simulation_screen_plays_a_scenario_to_the_end_and_stop_goes_back_to_the_engine_before(FxRobot robot)
            throws Exception {
        connect(robot);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);
        waitUntil(() -> console.window().current() == Screen.SIMULATION);
        var yard = smallYard();
        robot.interact(() -> console.simulation().addScenarioFile(yard));
        robot.clickOn("#sim-speed").clickOn("Max");
        robot.clickOn("#sim-play");

        waitUntil(() -> robot.lookup("#sim-kpis").queryAs(TableView.class).getItems().size() == 14);
        TableView<?> table = robot.lookup("#sim-kpis").queryAs(TableView.class);
        assertThat(fx(() -> table.getColumns().stream().map(TableColumn::getText).toList()))
                .containsExactly("KPI", "equal", "priority", "scenario");
        assertThat(fx(() -> robot.lookup("#sim-progress").queryAs(javafx.scene.control.ProgressBar.class).getProgress()))
                .isEqualTo(1.0);
        assertThat(fx(() -> robot.lookup("#sim-draw-chart").queryAs(javafx.scene.chart.LineChart.class).getData().size()))
                .isEqualTo(3);
        // the played sites are the connection's, one per strategy, and the screen stays where it is
        waitUntil(() -> console.connect().simulationProperty().get());
        assertThat(fx(() -> console.connect().sites().stream().map(s -> s.siteId()).toList()))
                .containsExactly("small-equal", "small-priority", "small-scenario");
        assertThat(console.window().current()).isEqualTo(Screen.SIMULATION);

        robot.clickOn("#sim-stop");
        waitUntil(() -> !console.connect().simulationProperty().get()
                && console.connect().connectedProperty().get() != null
                && console.connect().connectedProperty().get().siteId().equals(SITE));
        assertThat(console.simulation().rows()).hasSize(14);
    }

    @Test
    void while_a_paused_playback_is_loaded_the_live_view_shows_the_simulated_sites_tiles(FxRobot robot) throws Exception {
        var yard = smallYard();
        robot.interact(() -> {
            console.window().show(Screen.SIMULATION);
            console.simulation().addScenarioFile(yard);
            console.simulation().priorityProperty().set(false);
            console.simulation().scenarioStrategyProperty().set(false);
            console.simulation().speedProperty().set(dev.dynamo.console.simulation.Speed.X600);
        });
        robot.clickOn("#sim-play");
        // the third van arrives at 18:25 local time, 25 simulated minutes in
        waitUntil(() -> console.simulation().simulatedAtProperty().get() != null
                && !console.simulation().simulatedAtProperty().get().isBefore(java.time.Instant.parse("2026-11-24T17:26:00Z")));
        robot.clickOn("#sim-play");
        waitUntil(() -> console.simulation().pausedProperty().get());
        assertThat(text(robot, "#sim-clock")).startsWith("Simulated 2026-11-24 17:");

        robot.clickOn("#nav-live");
        waitUntil(() -> tileValue(robot, "DEP-01") > 0 && tileValue(robot, "DEP-02") > 0 && tileValue(robot, "DEP-03") > 0);
        assertThat(console.connect().connectedProperty().get().siteId()).isEqualTo("small");
        // paused, simulated time stands still
        var pausedAt = fx(() -> console.simulation().simulatedAtProperty().get());
        Thread.sleep(300);
        assertThat(fx(() -> console.simulation().simulatedAtProperty().get())).isEqualTo(pausedAt);
        robot.interact(() -> console.simulation().stop());
    }

    private static Path smallYard() throws java.net.URISyntaxException {
        return Path.of(ConsoleUiTest.class.getResource("/dev/dynamo/console/simulation/small-yard.dynamo-scenario.json").toURI());
    }

    private static double tileValue(FxRobot robot, String chargePointId) {
        // a hidden tile of an empty grid cell may still carry an id it showed before
        return robot.lookup("#tile-" + chargePointId).queryAll().stream()
                .filter(n -> n instanceof ChargerTile && n.isVisible()).mapToDouble(n -> ((ChargerTile) n).getValue())
                .findFirst().orElse(-1);
    }

    private String firstRanked(FxRobot robot) {
        return console.window().lookup("#priority-list") instanceof javafx.scene.control.ListView<?> list
                && !list.getItems().isEmpty() ? String.valueOf(list.getItems().getFirst()) : "";
    }

    private void waitUntil(Callable<Boolean> condition) {
        UiSteps.waitUntil(console, condition);
    }

    private void connect(FxRobot robot) {
        UiSteps.connect(robot, console);
    }

    private static void prepare(ConfigRequest config, String... charging) {
        UiSteps.prepare(ENGINE.api(), SITE, config, charging);
    }
}
