package dev.dynamo.testing;

import dev.dynamo.server.EngineOptions;
import dev.dynamo.server.EngineServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** A real engine on a random port, a temporary data dir, a manual clock and manual timers. */
public final class TestEngine implements AutoCloseable {
    public final ManualClock clock;
    public final ManualTimers timers;
    public final Path dataDir;
    public final EngineServer server;
    public final HttpTestClient client;

    public TestEngine(Instant start, Path dataDir, Path sitesFile, String apiKey) {
        this.clock = new ManualClock(start);
        this.timers = new ManualTimers(clock);
        this.dataDir = dataDir;
        this.server = EngineServer.start(options(dataDir, sitesFile, apiKey, clock, timers));
        this.client = new HttpTestClient(server.baseUri(), apiKey);
    }

    public static EngineOptions options(Path dataDir, Path sitesFile, String apiKey, ManualClock clock, ManualTimers timers) {
        return EngineOptions.defaults().withPort(0).withDataDir(dataDir).withSitesFile(sitesFile).withApiKey(apiKey)
                .withClock(clock).withTimers(timers);
    }

    /** Writes a sites file into {@code dir}. */
    public static Path sitesFile(Path dir, String json) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve("sites-" + System.nanoTime() + ".json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves time on, firing due timers one at a time and letting the sites apply each. */
    public void advanceTo(Instant instant) {
        while (true) {
            var next = timers.next();
            if (next.isEmpty() || next.get().isAfter(instant)) break;
            timers.advanceTo(next.get());
            server.sites().awaitIdle();
        }
        timers.advanceTo(instant);
        server.sites().awaitIdle();
    }

    @Override
    public void close() {
        server.close();
    }
}
