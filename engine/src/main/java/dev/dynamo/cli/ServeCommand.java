package dev.dynamo.cli;

import dev.dynamo.server.EngineOptions;
import dev.dynamo.server.EngineServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** {@code serve}: runs the engine until it is stopped (Ctrl-C or SIGTERM). */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the engine: the HTTP API on /api/v1 and /health.")
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

    @Override
    public Integer call() throws InterruptedException {
        var options = EngineOptions.defaults().withPort(port).withBindAddress(bind).withSitesFile(sites)
                .withDataDir(dataDir).withDbUrl(dbUrl).withApiKey(apiKey == null || apiKey.isBlank() ? null : apiKey)
                .withCommLossGrace(commLossGrace);
        var server = EngineServer.start(options);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "dynamo-shutdown"));
        stopped.await();
        return 0;
    }
}
