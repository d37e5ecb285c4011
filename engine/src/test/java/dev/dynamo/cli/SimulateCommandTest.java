package dev.dynamo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int simulate(String... args) {
        var commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        var all = new String[args.length + 1];
        all[0] = "simulate";
        System.arraycopy(args, 0, all, 1, args.length);
        return commandLine.execute(all);
    }

    private static String scenarioFile() throws Exception {
        return Path.of(Objects.requireNonNull(SimulateCommandTest.class.getResource("/scenarios/two-chargers.dynamo-scenario.json")).toURI()).toString();
    }

    @Test
    void compares_strategies_in_a_table_and_writes_json_and_csv(@TempDir Path dir) throws Exception {
        var json = dir.resolve("report.json");
        var csv = dir.resolve("csv");
        var code = simulate("--scenario", scenarioFile(), "--strategy", "equal", "--strategy", "priority",
                "--out", json.toString(), "--csv", csv.toString());
        assertThat(code).as(err.toString()).isZero();
        var table = out.toString();
        assertThat(table).contains("equal").contains("priority").contains("delivered kWh").contains("fairness (Jain)");
        assertThat(table.lines().filter(l -> l.startsWith("fully served")).findFirst().orElseThrow()).contains("2 / 3");
        assertThat(Files.readString(json)).contains("\"strategy\" : \"equal\"").contains("\"upper_bound_kwh\" : 31");
        assertThat(csv.resolve("summary.csv")).exists();
        assertThat(Files.readAllLines(csv.resolve("summary.csv"))).hasSize(3);
        assertThat(Files.readAllLines(csv.resolve("equal-vehicles.csv"))).hasSize(4).element(1).asString().startsWith("A,CP-1,");
        assertThat(csv.resolve("priority-timeline.csv")).exists();
    }

    @Test
    void a_report_that_cannot_be_written_is_one_clear_line_and_exit_code_1(@TempDir Path dir) throws Exception {
        var file = dir.resolve("a-file");
        Files.writeString(file, "not a directory");
        var report = file.resolve("report.json");
        assertThat(simulate("--scenario", scenarioFile(), "--out", report.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("simulate: cannot write the report to " + report + ": Not a directory");
        // the table was printed before: the run is not lost
        assertThat(out.toString()).contains("delivered kWh").doesNotContain("report:");
    }

    @Test
    void a_full_disk_is_one_clear_line_exit_code_1_and_no_stack_trace() {
        // /dev/full: every write fails with ENOSPC, as on a full disk (Linux)
        var full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full here");
        assertThat(simulate("--scenario", "public-hub", "--lp-slot-min", "15", "--out", full.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("simulate: cannot write the report to /dev/full: No space left on device");
        assertThat(Files.exists(full)).isTrue();
    }

    @Test
    void csv_files_that_cannot_be_written_are_one_clear_line_and_exit_code_1(@TempDir Path dir) throws Exception {
        var file = dir.resolve("a-file");
        Files.writeString(file, "not a directory");
        assertThat(simulate("--scenario", scenarioFile(), "--csv", file.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("simulate: cannot write the CSV files to " + file + ": exists and is not a directory");
    }

    @Test
    void runs_a_bundled_scenario_by_name() {
        assertThat(simulate("--scenario", "overnight-depot", "--lp-slot-min", "15")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Overnight depot");
        assertThat(out.toString().lines().filter(l -> l.startsWith("vehicles")).findFirst().orElseThrow()).endsWith(" 12");
    }

    @Test
    void days_run_a_scenario_for_that_many_days_with_progress_on_stderr() {
        assertThat(simulate("--scenario", "public-hub", "--lp-slot-min", "15")).as(err.toString()).isZero();
        var oneDay = vehicles(out.toString());
        out.getBuffer().setLength(0);
        assertThat(simulate("--scenario", "public-hub", "--days", "2", "--lp-slot-min", "15")).as(err.toString()).isZero();
        // the vehicle model generates the second day too
        assertThat(vehicles(out.toString())).isGreaterThan(oneDay * 3 / 2);
        assertThat(err.toString()).contains("simulate: scenario 50% (day 1.0 of 2)").contains("simulate: scenario 100% (day 2.0 of 2)");
    }

    @Test
    void days_outside_1_to_366_are_refused() throws Exception {
        assertThat(simulate("--scenario", scenarioFile(), "--days", "367")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("simulate: --days: must be 1 to 366, was 367");
        assertThat(out.toString()).isEmpty();
    }

    private static int vehicles(String table) {
        return Integer.parseInt(table.lines().filter(l -> l.startsWith("vehicles")).findFirst().orElseThrow().split("\\s+")[1]);
    }

    @Test
    void a_broken_scenario_is_one_clear_line_and_exit_code_2(@TempDir Path dir) throws Exception {
        var file = dir.resolve("broken.json");
        Files.writeString(file, Files.readString(Path.of(scenarioFile())).replace("\"energy_needed_kwh\": 15", "\"energy_needed_kwh\": -1"));
        assertThat(simulate("--scenario", file.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("simulate: vehicles[0].energy_needed_kwh: must be > 0, was -1.0");
    }

    @Test
    void an_unknown_strategy_is_refused() throws Exception {
        assertThat(simulate("--scenario", scenarioFile(), "--strategy", "fastest")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown strategy fastest");
    }

    @Test
    void scheduled_without_a_schedule_is_refused_before_anything_runs() throws Exception {
        assertThat(simulate("--scenario", scenarioFile(), "--strategy", "equal", "--strategy", "scheduled")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("simulate: strategy scheduled needs a schedule in the scenario's config");
        assertThat(out.toString()).isEmpty();
    }
}
