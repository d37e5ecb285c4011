package dev.dynamo.console.embedded;

import dev.dynamo.console.client.EngineStarter;
import dev.dynamo.console.client.RunningEngine;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Starts the engine in this process on a random loopback port with a random API key; the only class
 * of the console that touches {@code dev.dynamo.server}.
 * <p>
 * The engine's {@code EngineServer.start(EngineOptions)} is reached by reflection, with the options
 * record filled by component name, so the console builds and runs before and after the server lands.
 */
public final class EmbeddedEngineStarter implements EngineStarter {
    private static final String SERVER = "dev.dynamo.server.EngineServer";
    private static final String OPTIONS = "dev.dynamo.server.EngineOptions";

    private final Path sitesFile;

    /** @param sitesFile a sites file, or null for the engine's built-in demo site */
    public EmbeddedEngineStarter(Path sitesFile) { this.sitesFile = sitesFile; }

    @Override
    public RunningEngine start() throws Exception {
        Class<?> serverType;
        Class<?> optionsType;
        try {
            serverType = Class.forName(SERVER);
            optionsType = Class.forName(OPTIONS);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("This build has no embedded engine yet (" + SERVER
                    + " is missing): connect to an engine by URL instead", e);
        }
        var apiKey = randomKey();
        var dataDir = Files.createTempDirectory("dynamo-console-engine");
        var components = optionsType.getRecordComponents();
        var values = new Object[components.length];
        var types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = valueFor(components[i], apiKey, dataDir);
        }
        var options = optionsType.getDeclaredConstructor(types).newInstance(values);
        var server = serverType.getMethod("start", optionsType).invoke(null, options);
        var baseUri = (URI) serverType.getMethod("baseUri").invoke(server);
        return new RunningEngine() {
            @Override
            public URI baseUri() { return baseUri; }

            @Override
            public String apiKey() { return apiKey; }

            @Override
            public void close() {
                try {
                    serverType.getMethod("close").invoke(server);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("could not stop the embedded engine", e);
                }
            }
        };
    }

    private Object valueFor(RecordComponent component, String apiKey, Path dataDir) throws Exception {
        var type = component.getType();
        return switch (component.getName()) {
            case "bind", "bindAddress", "host" -> type == String.class ? "127.0.0.1" : InetAddress.getLoopbackAddress();
            case "port" -> 0;
            case "sitesFile" -> sitesFile == null ? null : type == String.class ? sitesFile.toString() : sitesFile;
            case "dataDir" -> type == String.class ? dataDir.toString() : dataDir;
            case "apiKey" -> apiKey;
            case "clock" -> Clock.systemUTC();
            default -> type == boolean.class ? false : type == int.class ? 0 : type == long.class ? 0L
                    : type == double.class ? 0.0 : null;
        };
    }

    private static String randomKey() {
        var bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
