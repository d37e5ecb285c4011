package dev.dynamo.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes that returned survive the writing process being killed with SIGKILL (no close, no shutdown hook). */
class SqliteCrashTest {
    private static final Instant UPDATED_AT = Instant.parse("2026-11-24T10:15:30.123Z");

    @TempDir
    Path dataDir;

    @Test
    void writes_that_returned_survive_kill_minus_9() throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var writer = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Writer.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        try (var output = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = output.readLine();
            } while (line != null && !line.equals("written"));
            assertThat(line).as("the writer reported its writes").isEqualTo("written");
        } finally {
            writer.destroyForcibly();
            writer.waitFor(30, TimeUnit.SECONDS);
        }

        try (var store = Stores.open(null, dataDir)) {
            assertThat(store.loadSites()).containsExactly(new StoredSite("depot", "{}", "{\"c\":1}", UPDATED_AT));
            assertThat(store.loadSessions()).containsExactly(new StoredSession("depot", "CP-1", "{}"));
            assertThat(store.loadRotation()).containsExactly(new RotationState("depot", UPDATED_AT,
                    Map.of("CP-1", new SessionRotation(UPDATED_AT, null, 0))));
            assertThat(store.decisionBefore("depot", UPDATED_AT.plusSeconds(1))).isPresent();
        }
    }

    /** The process to kill: writes, says so, then waits to be killed. */
    public static final class Writer {
        public static void main(String[] args) throws InterruptedException {
            var store = Stores.open(null, Path.of(args[0]));
            store.putSite("depot", "{}");
            store.putConfig("depot", "{\"c\":1}", UPDATED_AT);
            store.putSession(new StoredSession("depot", "CP-1", "{}"), new RotationState("depot", UPDATED_AT,
                    Map.of("CP-1", new SessionRotation(UPDATED_AT, null, 0))));
            store.appendDecisions(List.of(new DecisionRecord("depot", UPDATED_AT, "config", "equal", 50, 0, List.of())));
            System.out.println("written");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
