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
import java.nio.file.Files;
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
            description = "Scenario file, or the name of a bundled one (office-car-park, overnight-depot, public-hub, demo-loop, office-pv).")
    String scenario;

    @Option(names = "--strategy", paramLabel = "S",
            description = "equal, priority, scheduled or scenario, optionally with :rotation=N or :rotation=off;"
                    + " repeat to compare. Default: the scenario's.")
    List<String> strategies = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Write the full report as JSON.")
    Path out;

    @Option(names = "--csv", paramLabel = "DIR", description = "Write summary.csv and per-strategy vehicles and timeline CSV files.")
    Path csv;

    @Option(names = "--seed", description = "Seed for generated vehicles instead of the scenario's.")
    Long seed;

    @Option(names = "--lp-slot-min", defaultValue = "1", paramLabel = "MIN",
            description = "Slot length of the upper-bound linear program, minutes (default ${DEFAULT-VALUE}); longer slots solve faster and still bound.")
    int lpSlotMin;

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
        var run = seed == null ? loaded : new Scenario(loaded.name(), loaded.description(), loaded.site(), loaded.config(),
                loaded.configChanges(), loaded.start(), loaded.duration(), seed, loaded.vehicles(), loaded.model(),
                loaded.buildingLoads());
        var console = System.console();
        var progress = console != null && console.isTerminal() ? new ProgressBar(System.err) : Simulator.Progress.NONE;
        var startedNs = System.nanoTime();
        var report = new Simulator(dev.dynamo.allocation.Allocator::allocate, lpSlotMin).compare(run, choices, progress);
        if (progress instanceof ProgressBar bar) bar.finish();
        var out = spec.commandLine().getOut();
        out.print(ComparisonTable.format(report));
        out.printf(Locale.ROOT, "%d vehicles, %d run(s) in %.2f s%n", report.vehicles(), report.runs().size(),
                (System.nanoTime() - startedNs) / 1e9);
        if (this.out != null) {
            Files.writeString(this.out, ReportJson.write(report));
            out.println("report: " + this.out);
        }
        if (csv != null) {
            ReportCsv.write(report, csv);
            out.println("csv: " + csv);
        }
        out.flush();
        return 0;
    }

    static String readScenario(String nameOrFile) throws IOException {
        var file = Path.of(nameOrFile);
        if (Files.exists(file)) return Files.readString(file);
        try (InputStream in = SimulateCommand.class.getResourceAsStream("/dynamo/scenarios/" + nameOrFile + ".dynamo-scenario.json")) {
            if (in == null) throw new ScenarioException("no scenario file " + nameOrFile + " (and no bundled scenario of that name)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A one-line bar redrawn in place: only on a terminal. */
    private static final class ProgressBar implements Simulator.Progress {
        private final PrintStream err;

        ProgressBar(PrintStream err) { this.err = err; }

        @Override
        public void update(String run, double done) {
            var filled = (int) Math.round(done * 30);
            err.printf(Locale.ROOT, "\r%-24s [%s%s] %3d%%", run, "#".repeat(filled), " ".repeat(30 - filled), Math.round(done * 100));
            err.flush();
        }

        void finish() {
            err.print("\r" + " ".repeat(64) + "\r");
            err.flush();
        }
    }
}
