package dev.dynamo.console.embedded;

import dev.dynamo.console.client.EngineStarter;
import dev.dynamo.console.client.RunningEngine;
import dev.dynamo.server.EngineOptions;
import dev.dynamo.server.EngineServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;

/**
 * Starts the engine in this process on a random loopback port with a random API key and a throw-away
 * data directory. The only class of the console that touches {@code dev.dynamo.server}: everything
 * else talks to the engine over HTTP like any other client.
 */
public final class EmbeddedEngineStarter implements EngineStarter {
    private final Path sitesFile;

    /** @param sitesFile a sites file, or null for the engine's built-in demo site */
    public EmbeddedEngineStarter(Path sitesFile) { this.sitesFile = sitesFile; }

    @Override
    public RunningEngine start() throws IOException {
        var apiKey = randomKey();
        var dataDir = Files.createTempDirectory("dynamo-console-engine");
        var options = EngineOptions.defaults()
                .withBindAddress(EngineOptions.LOOPBACK)
                .withPort(0)
                .withSitesFile(sitesFile)
                .withDataDir(dataDir)
                .withApiKey(apiKey);
        var server = EngineServer.start(options);
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
            public void close() {
                server.close();
                deleteQuietly(dataDir);
            }
        };
    }

    /** The engine's version from its jar manifest, or null when run from classes. */
    public static String engineVersion() {
        return EngineServer.class.getPackage().getImplementationVersion();
    }

    private static String randomKey() {
        var bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is not worth failing a shutdown for
        }
    }
}
