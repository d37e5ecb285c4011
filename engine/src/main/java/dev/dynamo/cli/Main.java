package dev.dynamo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dynamo-engine} command line: {@code serve} now, room for {@code simulate}. */
@Command(name = "dynamo-engine", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Dynamo: smart charging for EV charging sites.",
        subcommands = {ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        var commandLine = new CommandLine(new Main());
        // a failure is one clear line, never a stack trace
        commandLine.setExecutionExceptionHandler((e, cmd, _) -> {
            cmd.getErr().println(cmd.getColorScheme().errorText("dynamo-engine: " + message(e)));
            return 1;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static String message(Throwable e) {
        var message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** The Maven project version, from the jar's manifest or Maven's properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dynamo-engine " + version()};
        }

        static String version() {
            var fromManifest = Main.class.getPackage().getImplementationVersion();
            if (fromManifest != null) return fromManifest;
            try (InputStream in = Main.class.getResourceAsStream("/META-INF/maven/dev.dynamo/dynamo-engine/pom.properties")) {
                if (in != null) {
                    var properties = new Properties();
                    properties.load(in);
                    return properties.getProperty("version", "unknown");
                }
            } catch (IOException e) {
                // fall through: no version known
            }
            return "development";
        }
    }
}
