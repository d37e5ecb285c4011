package dev.dynamo.console.shell;

import dev.dynamo.console.history.RangeChoice;
import dev.dynamo.console.simulation.Speed;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * {@code --screenshots=DIR}: once the console is live, shows each screen, waits for its data and
 * writes a PNG of the window, then exits. The config screen is also shown with a rejected value to
 * show how engine validation errors look; three demo sessions get a need and a departure through the session
 * panel (one at risk) for the Live, session panel and departure switch pictures; the Simulation screen is shown after a run of the first
 * bundled scenario, then while it plays at 600× (with the Live screen on the played site) and at its end.
 */
final class ScreenshotTour {
    private record Step(Runnable action, BooleanSupplier ready, String file) {}

    private final Console console;
    private final Stage stage;
    private final Path dir;
    private final Deque<Step> steps = new ArrayDeque<>();

    ScreenshotTour(Console console, Stage stage, Path dir) {
        this.console = console;
        this.stage = stage;
        this.dir = dir;
    }

    void start() {
        var window = console.window();
        steps.add(new Step(() -> {}, () -> !console.live().gauges().isEmpty(), null));
        steps.add(new Step(() -> window.show(Screen.LIVE), () -> true, "live.png"));
        var why = console.live().why();
        steps.add(new Step(() -> why.select(console.live().gauges().getFirst().chargePointId()),
                () -> why.headlineProperty().get() != null && !why.decisions().isEmpty(), null));
        // the session comes first in the panel: scrolled down to the Why part for this picture
        steps.add(new Step(this::scrollToWhy, () -> true, "live-why.png"));
        steps.add(new Step(why::close, () -> true, null));
        departures(why);
        steps.add(new Step(() -> window.show(Screen.CONNECT), () -> true, "connect.png"));
        steps.add(new Step(() -> {
            window.show(Screen.HISTORY);
            console.history().rangeProperty().set(RangeChoice.LAST_HOUR);
            console.history().load();
        }, () -> console.history().tableProperty().get() != null, "history.png"));
        var priority = console.priority();
        steps.add(new Step(() -> {
            window.show(Screen.PRIORITY);
            priority.refreshLive();
        }, () -> !priority.order().isEmpty(), "priority.png"));
        // a reorder, not applied: each row shows the previewed kW beside the live one
        steps.add(new Step(() -> priority.move(priority.order().size() - 1, 0),
                () -> priority.previewSummaryProperty().get() != null, "priority-preview.png"));
        steps.add(new Step(priority::reload, () -> true, null));
        steps.add(new Step(() -> {
            window.show(Screen.CONFIG);
            console.config().maxPowerKwProperty().set("60");
            console.config().preview();
        }, () -> console.config().previewSummaryProperty().get() != null, "config-preview.png"));
        steps.add(new Step(() -> {
            // sample windows drawn in the editor (not applied) so the timeline shows what it does
            console.config().addWindow(DayOfWeek.MONDAY, 7 * 60, 18 * 60);
            console.config().addWindow(DayOfWeek.WEDNESDAY, 22 * 60, 6 * 60);
            var weekend = console.config().addWindow(DayOfWeek.SATURDAY, 9 * 60, 21 * 60);
            if (weekend != null) weekend.strategyProperty().set("priority");
        }, () -> true, "config-schedule.png"));
        steps.add(new Step(() -> {
            console.config().maxPowerKwProperty().set("99999");
            console.config().apply();
        }, () -> console.config().errorProperty().get() != null, "config-validation-error.png"));
        steps.add(new Step(() -> {
            console.config().reload();
            window.show(Screen.SITES);
        }, () -> !console.sites().summaries().isEmpty(), "sites.png"));
        steps.add(new Step(() -> window.show(Screen.ALERTS), () -> true, "alerts.png"));
        var decisions = console.decisions();
        steps.add(new Step(() -> window.show(Screen.DECISIONS), () -> !decisions.rows().isEmpty(), "decisions.png"));
        steps.add(new Step(() -> decisions.triggerProperty().set("session_start"),
                () -> decisions.rows().stream().allMatch(r -> r.trigger().equals("session_start")), "decisions-filtered.png"));
        var editor = console.siteEditor();
        steps.add(new Step(() -> window.show(Screen.SITE_EDITOR), () -> !editor.chargers().isEmpty(), "site-editor.png"));
        // a rating the engine refuses, with its field error beside the field (nothing is stored)
        steps.add(new Step(() -> {
            var charger = editor.chargers().getFirst();
            selectInTree(charger);
            charger.maxPowerKwProperty().set("-5");
            editor.apply();
        }, () -> editor.errorProperty().get() != null && !editor.chargers().getFirst().errors().isEmpty(),
                "site-editor-error.png"));
        steps.add(new Step(editor::reload, () -> true, null));
        steps.add(new Step(() -> {
            window.show(Screen.SIMULATION);
            console.status().clearError(); // the rejected config and site of the steps before are not this screen's
            console.simulation().run();
        }, () -> !console.simulation().rows().isEmpty(), "simulation.png"));
        var simulation = console.simulation();
        steps.add(new Step(() -> {
            simulation.speedProperty().set(Speed.X600);
            simulation.playOrPause();
        }, () -> simulation.playingProperty().get() != null && simulation.progressProperty().get() >= 0.38,
                "simulation-playing.png"));
        steps.add(new Step(() -> window.show(Screen.LIVE), () -> !console.live().gauges().isEmpty(), "simulation-live.png"));
        steps.add(new Step(() -> {
            window.show(Screen.SIMULATION);
            simulation.speedProperty().set(Speed.MAX);
        }, () -> !simulation.runningProperty().get(), "simulation-played.png"));
        steps.add(new Step(simulation::stop, () -> true, null));
        next(0);
    }

    /**
     * Contract 10 through the session panel, as an operator would: three vehicles get a need and a departure
     * (the first one more than its charger can give by then, so it is at risk), then the Live screen, the panel of
     * the vehicle at risk, and the Config screen's departure switch.
     */
    private void departures(dev.dynamo.console.live.WhyViewModel why) {
        var editor = why.sessionEditor();
        String[][] plans = {{"90", "2"}, {"25", "5"}, {"30", "3"}};
        for (int i = 0; i < plans.length; i++) {
            var index = i;
            var plan = plans[i];
            steps.add(new Step(() -> why.select(console.live().gauges().get(index).chargePointId()),
                    () -> console.live().gauges().get(index).chargePointId().equals(editor.chargePointIdProperty().get())
                            && editor.hasSessionProperty().get(), null));
            steps.add(new Step(() -> {
                var leaves = java.time.ZonedDateTime.now(java.time.ZoneId.of(console.connect().connectedProperty().get()
                        .site().timezone())).plusHours(Long.parseLong(plan[1]));
                editor.neededInputProperty().set(plan[0]);
                editor.departureDateProperty().set(leaves.toLocalDate());
                editor.departureTimeProperty().set(java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(leaves));
                editor.save();
            }, () -> editor.statusProperty().get() != null && editor.statusProperty().get().startsWith("Saved"), null));
        }
        steps.add(new Step(why::close, () -> console.live().gauges().stream().anyMatch(g -> g.atRiskProperty().get()),
                "live-departures.png"));
        steps.add(new Step(() -> why.select(console.live().gauges().getFirst().chargePointId()),
                () -> editor.hasSessionProperty().get() && editor.atRiskProperty().get()
                        && !why.decisions().isEmpty(), "live-session-panel.png"));
        steps.add(new Step(why::close, () -> true, null));
        var config = console.config();
        steps.add(new Step(() -> {
            window().show(Screen.CONFIG);
            config.reload();
        }, () -> config.statusProperty().get() != null && config.statusProperty().get().startsWith("Stored"), null));
        steps.add(new Step(() -> config.departureAwareProperty().set(true), () -> true, "config-departure-aware.png"));
        steps.add(new Step(() -> config.strategyProperty().set("priority"), () -> true, "config-departure-aware-priority.png"));
        steps.add(new Step(config::reload, () -> !"priority".equals(config.strategyProperty().get()), null));
    }

    private MainWindow window() { return console.window(); }

    private void scrollToWhy() {
        if (!(console.window().lookup("#why-scroll") instanceof javafx.scene.control.ScrollPane scroll)
                || !(console.window().lookup("#why-title") instanceof Node title)
                || !(scroll.getContent() instanceof javafx.scene.layout.Region content)) return;
        var room = content.getHeight() - scroll.getViewportBounds().getHeight();
        var y = content.sceneToLocal(title.localToScene(title.getLayoutBounds())).getMinY();
        if (room > 0) scroll.setVvalue(Math.min(1, Math.max(0, (y - 8) / room)));
    }

    private void selectInTree(Object draft) {
        if (!(console.window().lookup("#site-tree") instanceof javafx.scene.control.TreeView<?> tree)) return;
        for (int row = 0; row < tree.getExpandedItemCount(); row++) {
            if (tree.getTreeItem(row).getValue() == draft) tree.getSelectionModel().select(row);
        }
    }

    private void next(int waitedMs) {
        var step = steps.peek();
        if (step == null) {
            Platform.exit();
            return;
        }
        if (waitedMs == 0) step.action().run();
        if (!step.ready().getAsBoolean() && waitedMs < 120_000) {
            later(250, () -> next(waitedMs + 250));
            return;
        }
        // let the screen settle (layout, a second live refresh) before the picture
        later(waitedMs == 0 && step.file() == null ? 0 : 1500, () -> {
            if (step.file() != null) snapshot(stage.getScene().getRoot(), step.file());
            steps.poll();
            next(0);
        });
    }

    private void snapshot(Node root, String file) {
        try {
            PngWriter.write(root.snapshot(null, null), dir.resolve(file));
            System.out.println("wrote " + dir.resolve(file));
        } catch (java.io.IOException e) {
            System.err.println("could not write " + file + ": " + e.getMessage());
        }
    }

    private static void later(int ms, Runnable action) {
        var pause = new PauseTransition(Duration.millis(Math.max(1, ms)));
        pause.setOnFinished(_ -> action.run());
        pause.play();
    }
}
