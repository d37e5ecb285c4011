package dev.dynamo.console.shell;

import java.nio.file.Path;
import java.util.List;

/**
 * Command-line options. No options: the embedded demo engine (or what the user chose last time).
 *
 * @param url            connect to this engine instead of the remembered choice
 * @param sitesFile      sites file for the embedded engine (e.g. a generated 500-charger site)
 * @param demoSessions   sessions the embedded demo starts
 * @param screenshotsDir write a PNG of each screen there, then exit
 * @param measureSeconds measure frame times and memory on the live screen for this long, then exit
 * @param freshSettings  do not read or write the user's remembered settings
 */
public record ConsoleOptions(String url, String apiKey, boolean embedded, Path sitesFile, int demoSessions,
                             Path screenshotsDir, int measureSeconds, boolean freshSettings) {

    public static ConsoleOptions parse(List<String> args) {
        String url = null;
        String key = null;
        var embedded = false;
        Path sites = null;
        var sessions = 8;
        Path shots = null;
        var measure = 0;
        var fresh = false;
        for (var arg : args) {
            var value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            switch (arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg) {
                case "--url" -> url = value;
                case "--api-key" -> key = value;
                case "--embedded" -> embedded = true;
                case "--sites-file" -> sites = Path.of(value);
                case "--demo-sessions" -> sessions = Integer.parseInt(value);
                case "--screenshots" -> shots = Path.of(value);
                case "--measure-seconds" -> measure = Integer.parseInt(value);
                case "--fresh-settings" -> fresh = true;
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + usage());
            }
        }
        return new ConsoleOptions(url, key, embedded, sites, sessions, shots, measure, fresh);
    }

    static String usage() {
        return """
                dynamo-console [--embedded] [--url=http://HOST:PORT --api-key=KEY] [--sites-file=FILE]
                               [--demo-sessions=N] [--screenshots=DIR] [--measure-seconds=N] [--fresh-settings]""";
    }
}
