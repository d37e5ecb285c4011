package dev.dynamo.server;

import dev.dynamo.site.SiteEnvironment;
import dev.dynamo.site.Timers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start an engine. Start from {@link #defaults()} and change what you need with the withers.
 *
 * @param bindAddress   the interface to listen on (a non-loopback one needs an API key)
 * @param port          the HTTP port, 0 for a free one
 * @param sitesFile     the sites file applied at start-up, or null for the built-in demo site
 * @param dataDir       where the SQLite database lives
 * @param dbUrl         a JDBC URL (PostgreSQL), or null for SQLite in the data directory
 * @param apiKey        the bearer key of {@code /api/v1}, or null for none
 * @param timers        the timers of the sites, or null for real ones on {@code clock}
 * @param plugins       run on the same app and port (the OCPP connector)
 * @param retainDecisions how long decisions are kept; older ones are pruned in the background
 */
public record EngineOptions(String bindAddress, int port, Path sitesFile, Path dataDir, String dbUrl, String apiKey,
                            Clock clock, Duration commLossGrace, Timers timers, List<EnginePlugin> plugins,
                            Duration retainDecisions) {
    public static final String LOOPBACK = "127.0.0.1";
    public static final Duration DEFAULT_RETAIN_DECISIONS = Duration.ofDays(400);

    public EngineOptions {
        plugins = List.copyOf(plugins);
    }

    public static EngineOptions defaults() {
        return new EngineOptions(LOOPBACK, 8080, null, Path.of("dynamo-data"), null, null, Clock.systemUTC(),
                SiteEnvironment.DEFAULT_COMM_LOSS_GRACE, null, List.of(), DEFAULT_RETAIN_DECISIONS);
    }

    public EngineOptions withBindAddress(String value) {
        return new EngineOptions(value, port, sitesFile, dataDir, dbUrl, apiKey, clock, commLossGrace, timers, plugins, retainDecisions);
    }

    public EngineOptions withPort(int value) {
        return new EngineOptions(bindAddress, value, sitesFile, dataDir, dbUrl, apiKey, clock, commLossGrace, timers, plugins, retainDecisions);
    }

    public EngineOptions withSitesFile(Path value) {
        return new EngineOptions(bindAddress, port, value, dataDir, dbUrl, apiKey, clock, commLossGrace, timers, plugins, retainDecisions);
    }

    public EngineOptions withDataDir(Path value) {
        return new EngineOptions(bindAddress, port, sitesFile, value, dbUrl, apiKey, clock, commLossGrace, timers, plugins, retainDecisions);
    }

    public EngineOptions withDbUrl(String value) {
        return new EngineOptions(bindAddress, port, sitesFile, dataDir, value, apiKey, clock, commLossGrace, timers, plugins, retainDecisions);
    }

    public EngineOptions withApiKey(String value) {
        return new EngineOptions(bindAddress, port, sitesFile, dataDir, dbUrl, value, clock, commLossGrace, timers, plugins, retainDecisions);
    }

    public EngineOptions withClock(Clock value) {
        return new EngineOptions(bindAddress, port, sitesFile, dataDir, dbUrl, apiKey, value, commLossGrace, timers, plugins, retainDecisions);
    }

    public EngineOptions withCommLossGrace(Duration value) {
        return new EngineOptions(bindAddress, port, sitesFile, dataDir, dbUrl, apiKey, clock, value, timers, plugins, retainDecisions);
    }

    public EngineOptions withTimers(Timers value) {
        return new EngineOptions(bindAddress, port, sitesFile, dataDir, dbUrl, apiKey, clock, commLossGrace, value, plugins, retainDecisions);
    }

    public EngineOptions withPlugin(EnginePlugin plugin) {
        var all = new ArrayList<>(plugins);
        all.add(plugin);
        return new EngineOptions(bindAddress, port, sitesFile, dataDir, dbUrl, apiKey, clock, commLossGrace, timers, all, retainDecisions);
    }

    public EngineOptions withRetainDecisions(Duration value) {
        return new EngineOptions(bindAddress, port, sitesFile, dataDir, dbUrl, apiKey, clock, commLossGrace, timers, plugins, value);
    }
}
