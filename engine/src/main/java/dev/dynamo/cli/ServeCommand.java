package dev.dynamo.cli;

import dev.dynamo.meter.ModbusPolling;
import dev.dynamo.ocpp.OcppPlugin;
import dev.dynamo.server.BenchEndpointsPlugin;
import dev.dynamo.server.EngineOptions;
import dev.dynamo.server.EngineServer;
import dev.dynamo.server.TlsPlugin;
import dev.dynamo.simulation.Playback;
import dev.dynamo.simulation.ScenarioException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** {@code serve}: runs the engine until it is stopped (Ctrl-C or SIGTERM). */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the engine: the HTTP API on /api/v1 and /health, OCPP 1.6J on /ocpp/{charge_point_id}.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", showDefaultValue = Visibility.ALWAYS,
            description = "HTTP port (0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = EngineOptions.LOOPBACK, showDefaultValue = Visibility.ALWAYS,
            description = "Address to listen on; anything but loopback needs an API key.")
    String bind;

    @Option(names = "--sites", paramLabel = "FILE",
            description = "Sites file (JSON, {\"sites\": [...]}); its sites replace stored ones of the same id. "
                    + "Without it the built-in demo site is served.")
    Path sites;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./dynamo-data", showDefaultValue = Visibility.ALWAYS,
            description = "Where the SQLite database is kept.")
    Path dataDir;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:DYNAMO_API_KEY}",
            showDefaultValue = Visibility.NEVER,
            description = "Require Authorization: Bearer KEY on /api/v1 (default: the DYNAMO_API_KEY environment variable).")
    String apiKey;

    @Option(names = "--db-url", paramLabel = "URL",
            description = "JDBC URL of a PostgreSQL database (jdbc:postgresql://host/db?user=...&password=...); "
                    + "default: SQLite in the data directory.")
    String dbUrl;

    @Option(names = "--comm-loss-grace", paramLabel = "DURATION", defaultValue = "5m",
            showDefaultValue = Visibility.ALWAYS, converter = DurationConverter.class,
            description = "How long a charger that lost its connection keeps its limit (e.g. 90s, 5m, PT5M).")
    Duration commLossGrace;

    @Option(names = "--retain-decisions", paramLabel = "DURATION", defaultValue = "400d",
            showDefaultValue = Visibility.ALWAYS, converter = DurationConverter.class,
            description = "How long allocation decisions are kept (e.g. 400d, 90d); older ones are deleted in the "
                    + "background, in small batches, once an hour.")
    Duration retainDecisions;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "Serve HTTPS and wss:// (OCPP) with this keystore (PKCS12 or JKS) instead of plain HTTP.")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password", paramLabel = "PASSWORD", defaultValue = "${env:DYNAMO_TLS_KEYSTORE_PASSWORD}",
            showDefaultValue = Visibility.NEVER,
            description = "The keystore's password (default: the DYNAMO_TLS_KEYSTORE_PASSWORD environment variable).")
    String tlsKeystorePassword;

    @Option(names = "--allow-chargers-without-password",
            description = "Listen on an address other than loopback although some chargers have no ocpp_password "
                    + "(anyone who reaches the engine could pose as them): only on a network closed to others.")
    boolean allowChargersWithoutPassword;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "Play a simulation scenario (a file, or a bundled one's name) on this engine's own sites, "
                    + "one per --strategy, on the scenario's simulated clock; the API shows it as it plays.")
    String scenario;

    @Option(names = "--speed", paramLabel = "N", defaultValue = "1", showDefaultValue = Visibility.ALWAYS,
            description = "With --scenario: simulated seconds per wall second, or max.")
    String speed;

    @Option(names = "--strategy", paramLabel = "S",
            description = "With --scenario (repeatable): equal, priority, scheduled or scenario, optionally :rotation=N "
                    + "or :rotation=off. Default: scenario.")
    java.util.List<String> strategies;

    @Option(names = "--loop",
            description = "With --scenario: start it now and play it over and over, each pass where the last ended.")
    boolean loop;

    @Option(names = "--bench-endpoints", hidden = true,
            description = "Also serve GET /bench/trivial, the baseline of the HTTP benchmark.")
    boolean benchEndpoints;

    @Override
    public Integer call() throws Exception {
        if (scenario == null) return serve(null);
        Playback playback;
        try {
            playback = ScenarioPlayback.of(scenario, speed, strategies, loop);
        } catch (ScenarioException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        return serve(playback);
    }

    private int serve(Playback playback) throws Exception {
        var options = EngineOptions.defaults().withPort(port).withBindAddress(bind).withSitesFile(sites)
                .withDataDir(dataDir).withDbUrl(dbUrl).withApiKey(apiKey == null || apiKey.isBlank() ? null : apiKey)
                .withCommLossGrace(commLossGrace).withRetainDecisions(retainDecisions)
                .withPlugin(new OcppPlugin(allowChargersWithoutPassword))
                .withPlugin(new ModbusPolling());
        if (tlsKeystore != null) {
            options = options.withPlugin(new TlsPlugin(tlsKeystore, tlsKeystorePassword == null ? "" : tlsKeystorePassword));
        }
        if (benchEndpoints) {
            options = options.withPlugin(new BenchEndpointsPlugin());
        }
        Path noSites = null;
        if (playback != null) {
            options = options.withClock(playback.clock()).withTimers(playback.timers());
            // the scenario's sites, not the demo's
            if (sites == null) {
                noSites = java.nio.file.Files.writeString(java.nio.file.Files.createTempFile("dynamo-no-sites", ".json"), "{\"sites\": []}");
                options = options.withSitesFile(noSites);
            }
        }
        EngineServer server;
        try {
            server = EngineServer.start(options);
        } finally {
            if (noSites != null) java.nio.file.Files.deleteIfExists(noSites);
        }
        if (playback != null) {
            playback.start(server.sites());
            System.out.println("playing " + scenario + " on " + String.join(", ", playback.siteIds()) + " at " + speed + "x");
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (playback != null) playback.close();
            server.close();
            stopped.countDown();
        }, "dynamo-shutdown"));
        stopped.await();
        return 0;
    }
}
