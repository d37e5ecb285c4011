package dev.dynamo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {
    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        var code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void serve_help_documents_every_option() {
        var help = run("serve", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--port", "--bind", "--sites", "--data-dir", "--api-key", "--db-url",
                "--comm-loss-grace", "DYNAMO_API_KEY", "8080", "127.0.0.1", "./dynamo-data");
        assertThat(help.out()).doesNotContain("--bench-endpoints");
    }

    @Test
    void top_level_help_lists_serve_and_version_prints_the_version() {
        assertThat(run("--help").out()).contains("serve");
        var version = run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("dynamo-engine ");
    }

    @Test
    void a_bad_option_is_one_message_and_exit_code_2() {
        var bad = run("serve", "--comm-loss-grace", "soon");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("'soon' is not a duration").doesNotContain("\tat ");
    }

    @Test
    void a_start_failure_is_one_line_and_exit_code_1() {
        var refused = run("serve", "--bind", "0.0.0.0", "--port", "0");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().strip()).startsWith("dynamo-engine: refusing to listen on 0.0.0.0").doesNotContain("\n\tat ");
    }

    @Test
    void durations_read_units_and_iso_8601() {
        var converter = new DurationConverter();
        assertThat(converter.convert("90s")).hasSeconds(90);
        assertThat(converter.convert("5m")).hasMinutes(5);
        assertThat(converter.convert("1h")).hasHours(1);
        assertThat(converter.convert("250ms")).hasMillis(250);
        assertThat(converter.convert("PT2M")).hasMinutes(2);
    }
}
