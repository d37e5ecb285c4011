package dev.dynamo.console.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * {@code --measure-seconds=N}: on the live screen, records for N seconds how long the FX thread spends
 * per pulse (CSS, layout, value updates) and the interval between frames while an animation timer keeps
 * pulses running at the display rate, then the heap after GC; prints a report and exits.
 */
final class FrameProbe {
    private final Console console;
    private final Stage stage;
    private final int seconds;
    private final List<Double> pulseMs = new ArrayList<>();
    private final List<Double> frameGapMs = new ArrayList<>();
    private long pulseStart;
    private long lastFrame;
    private int refreshes;

    FrameProbe(Console console, Stage stage, int seconds) {
        this.console = console;
        this.stage = stage;
        this.seconds = seconds;
    }

    void start() {
        waitForLive(0);
    }

    private void waitForLive(int waitedMs) {
        if (console.live().gauges().isEmpty() && waitedMs < 120_000) {
            later(500, () -> waitForLive(waitedMs + 500));
            return;
        }
        console.window().show(Screen.LIVE);
        console.live().calculatedAtProperty().addListener((_, _, _) -> refreshes++);
        console.live().totalAllocatedKwProperty().addListener((_, _, _) -> refreshes++);
        // warm-up: let the first tiles be built and JIT settle before measuring
        later(5000, this::measure);
    }

    private void measure() {
        var scene = stage.getScene();
        Runnable before = () -> pulseStart = System.nanoTime();
        Runnable after = () -> pulseMs.add((System.nanoTime() - pulseStart) / 1e6);
        scene.addPreLayoutPulseListener(before);
        scene.addPostLayoutPulseListener(after);
        var timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (lastFrame != 0) frameGapMs.add((now - lastFrame) / 1e6);
                lastFrame = now;
            }
        };
        timer.start();
        refreshes = 0;
        later(seconds * 1000, () -> {
            timer.stop();
            scene.removePreLayoutPulseListener(before);
            scene.removePostLayoutPulseListener(after);
            report();
            Platform.exit();
        });
    }

    private void report() {
        System.gc();
        var runtime = Runtime.getRuntime();
        var heapMb = (runtime.totalMemory() - runtime.freeMemory()) / 1024.0 / 1024.0;
        System.out.println("## frame probe");
        System.out.printf(Locale.ROOT, "active chargers: %d, measured for %d s, value updates seen: %d%n",
                console.live().gauges().size(), seconds, refreshes);
        System.out.printf(Locale.ROOT, "FX thread per pulse (ms): %s%n", stats(pulseMs));
        System.out.printf(Locale.ROOT, "frame interval (ms):      %s%n", stats(frameGapMs));
        System.out.printf(Locale.ROOT, "heap used after GC: %.0f MB (max %d MB)%n", heapMb, runtime.maxMemory() >> 20);
    }

    static String stats(List<Double> values) {
        if (values.isEmpty()) return "no samples";
        var sorted = values.stream().sorted().toList();
        return String.format(Locale.ROOT, "n=%d p50=%.2f p95=%.2f p99=%.2f max=%.2f", sorted.size(),
                sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.95)),
                sorted.get((int) (sorted.size() * 0.99)), sorted.getLast());
    }

    private static void later(int ms, Runnable action) {
        var pause = new PauseTransition(Duration.millis(ms));
        pause.setOnFinished(_ -> action.run());
        pause.play();
    }
}
