package dev.dynamo.cli;

import ch.qos.logback.classic.Level;
import dev.dynamo.simulation.ComparisonTable;
import dev.dynamo.simulation.ReportCsv;
import dev.dynamo.simulation.ReportJson;
import dev.dynamo.simulation.Scenario;
import dev.dynamo.simulation.ScenarioException;
import dev.dynamo.simulation.ScenarioReader;
import dev.dynamo.simulation.Simulator;
import dev.dynamo.simulation.StrategyChoice;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code simulate}: runs a scenario offline under one or several strategies and compares them. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Runs a scenario on a simulated clock with the engine's own site layer and allocation core,"
                + " once per strategy on the same vehicles, and prints a comparison table.")
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", required = true, paramLabel = "FILE",
            description = "Scenario file, or the name of a bundled one (office-car-park, overnight-depot, public-hub, demo-loop, office-pv, van-depot, hundred-chargers).")
    String scenario;

    @Option(names = "--strategy", paramLabel = "S",
            description = "equal, priority, scheduled or scenario, optionally with :rotation=N or :rotation=off and"
                    + " :departure_aware (or :departure_aware=off);"
                    + " repeat to compare. Default: the scenario's.")
    List<String> strategies = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Write the full report as JSON.")
    Path out;

    @Option(names = "--csv", paramLabel = "DIR", description = "Write summary.csv and per-strategy vehicles and timeline CSV files.")
    Path csv;

    @Option(names = "--seed", description = "Seed for generated vehicles instead of the scenario's.")
    Long seed;

    @Option(names = "--days", paramLabel = "N",
            description = "Run N days (1 to 366) from the scenario's start instead of its duration_hours: a scenario with a"
                    + " vehicle_model generates arrivals for every day from its seed (365 for a year).")
    Integer days;

    @Option(names = "--lp-slot-min", defaultValue = "1", paramLabel = "MIN",
            description = "Slot length of the upper-bound linear program, minutes (default ${DEFAULT-VALUE}); longer slots solve faster and still bound.")
    int lpSlotMin;

    @Option(names = "--planner",
            description = "Also compute the planner bound (contract 10): the most vehicles a planner knowing every arrival"
                    + " could fill by their departures (a mixed-integer program with ojAlgo) and the least energy short.")
    boolean planner;

    @Override
    public Integer call() throws IOException {
        var err = spec.commandLine().getErr();
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.dynamo")).setLevel(Level.WARN);
        Scenario loaded;
        List<StrategyChoice> choices;
        try {
            loaded = ScenarioReader.read(readScenario(scenario));
            choices = strategies.isEmpty() ? List.of(StrategyChoice.scenario())
                    : strategies.stream().map(StrategyChoice::parse).toList();
            for (var choice : choices) choice.check(loaded);
        } catch (ScenarioException | IllegalArgumentException e) {
            err.println("simulate: " + e.getMessage());
            return 2;
        }
        if (days != null && (days < 1 || days > 366)) {
            err.println("simulate: --days: must be 1 to 366, was " + days);
            return 2;
        }
        var run = seed == null ? loaded : loaded.withSeed(seed);
        if (days != null) run = run.withDuration(java.time.Duration.ofDays(days));
        var console = System.console();
        var days = run.duration().toMillis() / 86_400_000.0;
        // a bar on a terminal; elsewhere (a log, a pipe) a line every 10% of a run longer than a day
        Simulator.Progress progress = console != null && console.isTerminal() ? new ProgressBar(System.err, days)
                : days > 1 ? new ProgressLines(err, days) : Simulator.Progress.NONE;
        var startedNs = System.nanoTime();
        var simulator = new Simulator(dev.dynamo.allocation.Allocator::allocate, lpSlotMin);
        if (planner) simulator.withPlanner();
        // the table needs the KPIs only: without --out or --csv no run keeps its vehicles and timeline
        if (this.out == null && csv == null) simulator.withoutDetails();
        var report = simulator.compare(run, choices, progress);
        if (progress instanceof ProgressBar bar) bar.finish();
        var out = spec.commandLine().getOut();
        out.print(ComparisonTable.format(report));
        out.printf(Locale.ROOT, "%d vehicles, %d run(s) in %.2f s%n", report.vehicles(), report.runs().size(),
                (System.nanoTime() - startedNs) / 1e9);
        if (this.out != null) {
            var existed = Files.exists(this.out);
            try {
                ReportJson.write(report, this.out);
            } catch (IOException e) {
                // a half-written report of ours is not left behind to be read as a whole one
                if (!existed) deletePartial(this.out);
                out.flush();
                err.println("simulate: cannot write the report to " + this.out + ": " + reason(e));
                return 1;
            }
            out.println("report: " + this.out);
        }
        if (csv != null) {
            try {
                ReportCsv.write(report, csv);
            } catch (IOException e) {
                out.flush();
                err.println("simulate: cannot write the CSV files to " + csv + ": " + reason(e));
                return 1;
            }
            out.println("csv: " + csv);
        }
        out.flush();
        return 0;
    }

    /** Why a file could not be written, in one line: the system's reason without the path (the caller names it). */
    static String reason(IOException e) {
        String reason;
        if (e instanceof AccessDeniedException) reason = "permission denied";
        else if (e instanceof NoSuchFileException) reason = "no such file or directory";
        else if (e instanceof FileAlreadyExistsException) reason = "exists and is not a directory";
        else if (e instanceof FileSystemException f && f.getReason() != null) reason = f.getReason();
        else reason = e.getMessage();
        if (reason == null || reason.isBlank()) reason = e.getClass().getSimpleName();
        return reason.replaceAll("\\s+", " ").strip();
    }

    private static void deletePartial(Path file) {
        try {
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) Files.delete(file);
        } catch (IOException e) {
            // nothing more to do: the error about the write is the one that matters
        }
    }

    static String readScenario(String nameOrFile) throws IOException {
        var file = Path.of(nameOrFile);
        if (Files.exists(file)) return Files.readString(file);
        try (InputStream in = SimulateCommand.class.getResourceAsStream("/dynamo/scenarios/" + nameOrFile + ".dynamo-scenario.json")) {
            if (in == null) throw new ScenarioException("no scenario file " + nameOrFile + " (and no bundled scenario of that name)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A one-line bar redrawn in place: only on a terminal. The loop calls it at most once per percent. */
    private static final class ProgressBar implements Simulator.Progress {
        private final PrintStream err;
        private final double days;

        ProgressBar(PrintStream err, double days) {
            this.err = err;
            this.days = days;
        }

        @Override
        public void update(String run, double done) {
            var filled = (int) Math.round(done * 30);
            var day = days > 1 ? String.format(Locale.ROOT, " day %d of %d", (long) Math.min(Math.ceil(days), Math.floor(done * days) + 1),
                    (long) Math.ceil(days)) : "";
            err.printf(Locale.ROOT, "\r%-24s [%s%s] %3d%%%s", run, "#".repeat(filled), " ".repeat(30 - filled), Math.round(done * 100), day);
            err.flush();
        }

        void finish() {
            err.print("\r" + " ".repeat(80) + "\r");
            err.flush();
        }
    }

    /** Not on a terminal: one line per 10% of each run, so that a long run in a log shows it is alive. */
    private static final class ProgressLines implements Simulator.Progress {
        private final java.io.PrintWriter err;
        private final double days;
        private String run;
        private int shownTenths = -1;

        ProgressLines(java.io.PrintWriter err, double days) {
            this.err = err;
            this.days = days;
        }

        @Override
        public void update(String label, double done) {
            if (!label.equals(run)) {
                run = label;
                shownTenths = -1;
            }
            var tenths = (int) Math.floor(done * 10 + 1e-9);
            if (tenths <= shownTenths) return;
            shownTenths = tenths;
            err.printf(Locale.ROOT, "simulate: %s %d%% (day %.1f of %.0f)%n", label, tenths * 10, done * days, days);
            err.flush();
        }
    }
}
