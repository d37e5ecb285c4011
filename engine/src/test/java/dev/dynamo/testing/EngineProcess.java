package dev.dynamo.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The engine's command line ({@code dev.dynamo.cli.Main serve}) in a separate JVM on a free loopback port. */
public final class EngineProcess implements AutoCloseable {
    public final Process process;
    public final int port;
    public final URI baseUri;

    private EngineProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        this.baseUri = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts {@code serve --port P} plus {@code args} with extra environment variables; its output goes to {@code log}. */
    public static EngineProcess serve(Map<String, String> environment, Path log, String... args) {
        try {
            var port = freePort();
            var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            var command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "dev.dynamo.cli.Main",
                    "serve", "--port", String.valueOf(port)));
            command.addAll(List.of(args));
            var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new EngineProcess(builder.start(), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code /health} answers 200; fails when the process exits first or after 90 s. */
    public void awaitHealthy() throws InterruptedException {
        var client = new HttpTestClient(baseUri);
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new AssertionError("engine process exited early with " + process.exitValue());
            try {
                if (client.get("/health").status() == 200) return;
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("engine did not become healthy");
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("engine process did not die");
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
