package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.server.TlsPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wss:// with a keystore given to the engine: a self-signed certificate made here with keytool. */
class OcppTlsTest {

    @Test
    void a_charger_connects_over_wss_when_the_engine_has_a_keystore(@TempDir Path dir) throws Exception {
        var keystore = dir.resolve("engine.p12");
        var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        var process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "dynamo", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "test-pass", "-keypass", "test-pass")
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
        assertThat(Files.exists(keystore)).isTrue();

        try (var engine = new OcppEngine(Duration.ofMinutes(5), OcppInteropTest.SITES,
                options -> options.withPlugin(new TlsPlugin(keystore, "test-pass")))) {
            var events = NodePlan.run("""
                    {"url": "wss://127.0.0.1:%d/ocpp", "insecureTls": true, "steps": [
                      {"connect": "CP-SECRET", "password": "s3cret-pass-0123"},
                      %s
                    ]}""".formatted(engine.port(), OcppInteropTest.boot("CP-SECRET")));

            assertThat(OcppInteropTest.events(events, "CP-SECRET", "connected")).hasSize(1);
            assertThat(OcppInteropTest.events(events, "CP-SECRET", "result"))
                    .extracting(e -> e.at("/result/status").asText()).containsExactly("Accepted");
            OcppInteropTest.assertNoSchemaViolations(events);
        }
    }
}
