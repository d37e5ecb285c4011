package dev.dynamo.console.embedded;

import dev.dynamo.console.client.EngineStarter;
import dev.dynamo.console.client.RunningEngine;
import dev.dynamo.server.EngineOptions;
import dev.dynamo.server.EngineServer;
import dev.dynamo.simulation.Playback;
import dev.dynamo.simulation.ScenarioReader;
import dev.dynamo.simulation.Simulator;
import dev.dynamo.simulation.StrategyChoice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

/**
 * Starts the engine in this process on a random loopback port with a random API key and a throw-away
 * data directory. Without a sites file it is the demo: the built-in demo depot, driven by the looping
 * {@code demo-loop} scenario: its last pass played at once, then at 1× from now, so its gauges move at once. The only classes of the console
 * that touch {@code dev.dynamo.server} are in this package: everything else talks to the engine over HTTP.
 */
public final class EmbeddedEngineStarter implements EngineStarter {
    static final String DEMO_SCENARIO = "/dynamo/scenarios/demo-loop.dynamo-scenario.json";

    private final Path sitesFile;

    /** @param sitesFile a sites file, or null for the demo */
    public EmbeddedEngineStarter(Path sitesFile) { this.sitesFile = sitesFile; }

    @Override
    public RunningEngine start() throws IOException {
        // on a sites file real chargers may connect: the OCPP connector listens on the same loopback port
        if (sitesFile != null) {
            return start(options -> options.withSitesFile(sitesFile).withPlugin(new dev.dynamo.ocpp.OcppPlugin()), null);
        }
        // one pass of the loop ends now: it is played at once, so History has the last hours from the start
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var scenario = demoScenario();
        var demo = Playback.shifted(scenario, now.minus(Duration.between(scenario.start(), scenario.end())));
        var playback = new Playback(demo, List.of(StrategyChoice.scenario()), 1, true, System::nanoTime,
                new Playback.Listener() {
                    @Override
                    public void failed(RuntimeException failure) {
                        LoggerFactory.getLogger(EmbeddedEngineStarter.class).warn("the demo loop stopped", failure);
                    }
                });
        playback.playFastUntil(now);
        return start(options -> options.withClock(playback.clock()).withTimers(playback.timers()), playback);
    }

    /** An engine with {@code customize}'s options; it plays {@code playback} (or null) until closed. */
    static RunningEngine start(UnaryOperator<EngineOptions> customize, Playback playback) throws IOException {
        var apiKey = randomKey();
        var dataDir = Files.createTempDirectory("dynamo-console-engine");
        EngineServer server;
        try {
            server = EngineServer.start(customize.apply(EngineOptions.defaults()
                    .withBindAddress(EngineOptions.LOOPBACK)
                    .withPort(0)
                    .withDataDir(dataDir)
                    .withApiKey(apiKey)));
            if (playback != null) playback.start(server.sites());
        } catch (RuntimeException e) {
            deleteQuietly(dataDir);
            throw e;
        }
        return new RunningEngine() {
            @Override
            public URI baseUri() { return server.baseUri(); }

            @Override
            public String apiKey() { return apiKey; }

            @Override
            public String version() {
                var version = engineVersion();
                return version == null ? "dev build" : version;
            }

            @Override
            public boolean simulated() { return playback != null; }

            @Override
            public void close() {
                if (playback != null) playback.close();
                server.close();
                deleteQuietly(dataDir);
            }
        };
    }

    /** The engine's version from its jar manifest, or null when run from classes. */
    public static String engineVersion() {
        return EngineServer.class.getPackage().getImplementationVersion();
    }

    private static dev.dynamo.simulation.Scenario demoScenario() {
        try (var in = Simulator.class.getResourceAsStream(DEMO_SCENARIO)) {
            if (in == null) throw new IllegalStateException("the engine has no " + DEMO_SCENARIO);
            return ScenarioReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomKey() {
        var bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is not worth failing a shutdown for
        }
    }
}
