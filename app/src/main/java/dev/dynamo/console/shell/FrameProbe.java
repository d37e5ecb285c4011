package dev.dynamo.console.shell;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
    private final List<Double> frameCpuMs = new ArrayList<>();
    private final List<Double> pulseCpuMs = new ArrayList<>();
    private final List<Double> frameFxCpuMs = new ArrayList<>();
    private final List<Double> frameRenderCpuMs = new ArrayList<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long pulseCpuStart;
    private long lastFxCpu;
    private long lastRenderCpu;
    private long rendererId = -1;
    private long pulseStart;
    private boolean churnStopped;
    private final boolean churnSessions;
    private long lastFrame;
    private int refreshes;

    FrameProbe(Console console, Stage stage, int seconds, boolean churnSessions) {
        this.churnSessions = churnSessions;
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
        console.live().gauges().get(console.live().gauges().size() - 1).allocatedKwProperty()
                .addListener((_, _, _) -> refreshes++);
        // warm-up: let the first tiles be built and JIT settle before measuring
        later(5000, this::measure);
    }

    private void measure() {
        var scene = stage.getScene();
        // CPU time, not only wall time: on a shared machine the FX thread can wait for a core, which
        // says nothing about the console's own cost
        rendererId = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("QuantumRenderer")).mapToLong(Thread::threadId).findFirst().orElse(-1);
        Runnable before = () -> {
            pulseStart = System.nanoTime();
            pulseCpuStart = threads.getCurrentThreadCpuTime();
        };
        Runnable after = () -> {
            pulseMs.add((System.nanoTime() - pulseStart) / 1e6);
            pulseCpuMs.add((threads.getCurrentThreadCpuTime() - pulseCpuStart) / 1e6);
        };
        scene.addPreLayoutPulseListener(before);
        scene.addPostLayoutPulseListener(after);
        var timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                var fxCpu = threads.getCurrentThreadCpuTime();
                var renderCpu = rendererId < 0 ? 0 : threads.getThreadCpuTime(rendererId);
                if (lastFrame != 0) {
                    frameGapMs.add((now - lastFrame) / 1e6);
                    frameCpuMs.add((fxCpu - lastFxCpu + renderCpu - lastRenderCpu) / 1e6);
                    frameFxCpuMs.add((fxCpu - lastFxCpu) / 1e6);
                    frameRenderCpuMs.add((renderCpu - lastRenderCpu) / 1e6);
                }
                lastFrame = now;
                lastFxCpu = fxCpu;
                lastRenderCpu = renderCpu;
            }
        };
        // the allocation only changes when sessions do: toggling one session each second under equal
        // sharing changes every charger's share, so every 1 Hz refresh updates all 500 values
        var churn = console.background().every(java.time.Duration.ofSeconds(1), this::toggleSession);
        timer.start();
        refreshes = 0;
        later(seconds * 1000, () -> {
            timer.stop();
            churn.cancel();
            scene.removePreLayoutPulseListener(before);
            scene.removePostLayoutPulseListener(after);
            report();
            Platform.exit();
        });
    }

    /**
     * {@code --measure-churn=sessions}: one session stops and starts (the list of active chargers changes);
     * otherwise the budget alternates by 100 kW, so every charger's share changes but the list does not.
     */
    private void toggleSession() {
        var site = console.connect().connectedProperty().get();
        var chargePointId = site.site().chargers().getFirst().chargePointId();
        var flip = !churnStopped;
        churnStopped = flip;
        console.background().submit(_ -> {
            if (churnSessions) {
                if (flip) site.api().stopSession(site.siteId(), chargePointId);
                else site.api().startSession(site.siteId(), chargePointId, null);
            } else {
                var config = site.api().config(site.siteId()).orElseThrow().toRequest();
                var budgetKw = config.maxPowerKw() + (flip ? -100 : 100);
                site.api().putConfig(site.siteId(), new dev.dynamo.console.client.ConfigRequest(budgetKw,
                        config.strategy(), config.minPowerPerChargerKw(), config.priorityOrder(), config.schedule(),
                        config.rotationPeriodMin(), config.redistributeUnused()));
            }
            return chargePointId;
        }, _ -> {}, failure -> System.err.println("churn: " + failure.getMessage()));
    }

    private void report() {
        System.gc();
        var runtime = Runtime.getRuntime();
        var heapMb = (runtime.totalMemory() - runtime.freeMemory()) / 1024.0 / 1024.0;
        System.out.println("## frame probe");
        System.out.printf(Locale.ROOT, "active chargers: %d, measured for %d s, churn: %s, refreshes that changed values: %d%n",
                console.live().gauges().size(), seconds, churnSessions ? "a session stops/starts each second"
                        : "budget changes each second", refreshes);
        System.out.printf(Locale.ROOT, "CPU per frame, FX thread + renderer (ms): %s%n", stats(frameCpuMs));
        System.out.printf(Locale.ROOT, "  of which FX thread (ms):                %s%n", stats(frameFxCpuMs));
        System.out.printf(Locale.ROOT, "  of which renderer (ms):                 %s%n", stats(frameRenderCpuMs));
        System.out.printf(Locale.ROOT, "CPU per pulse, FX thread CSS+layout (ms): %s%n", stats(pulseCpuMs));
        System.out.printf(Locale.ROOT, "wall per pulse, CSS+layout (ms):          %s%n", stats(pulseMs));
        System.out.printf(Locale.ROOT, "wall frame interval (ms):                 %s%n", stats(frameGapMs));
        System.out.printf(Locale.ROOT, "system load average: %.1f on %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "frames whose CPU exceeds 16 ms: %.1f%%; wall intervals over 16.7 ms: %.1f%%%n",
                100.0 * frameCpuMs.stream().filter(ms -> ms > 16).count() / Math.max(1, frameCpuMs.size()),
                100.0 * frameGapMs.stream().filter(ms -> ms > 16.7).count() / Math.max(1, frameGapMs.size()));
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
