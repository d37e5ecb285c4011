package dev.dynamo.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynamo.server.EngineOptions;
import dev.dynamo.server.EngineServer;
import dev.dynamo.server.EngineStartException;
import dev.dynamo.testing.TestEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract 8.1: beyond loopback, every charger needs a password unless the operator explicitly allows it. */
class OcppPasswordRuleTest {
    @TempDir
    Path dir;

    private static final String SITES = """
            {"sites": [{"site_id": "yard", "timezone": "UTC", "grid_connection_capacity_kw": 100, "chargers": [
              {"charge_point_id": "Y-1", "max_power_kw": 22, "ocpp_password": "a-long-random-secret"},
              {"charge_point_id": "Y-2", "max_power_kw": 22},
              {"charge_point_id": "Y-3", "max_power_kw": 22}]}]}""";

    private EngineOptions options(String bind, OcppPlugin plugin, String sites) {
        return EngineOptions.defaults().withPort(0).withBindAddress(bind).withApiKey("key-key-key-key")
                .withDataDir(dir.resolve("data-" + System.nanoTime())).withSitesFile(TestEngine.sitesFile(dir, sites))
                .withPlugin(plugin);
    }

    @Test
    void the_engine_refuses_to_listen_beyond_loopback_naming_the_chargers_without_a_password() {
        assertThatThrownBy(() -> EngineServer.start(options("0.0.0.0", new OcppPlugin(), SITES)).close())
                .isInstanceOf(EngineStartException.class)
                .hasMessageContaining("2 charger(s) have no ocpp_password")
                .hasMessageContaining("yard/Y-2, yard/Y-3")
                .hasMessageContaining("--allow-chargers-without-password")
                .hasMessageNotContaining("Y-1");
    }

    @Test
    void it_listens_beyond_loopback_when_allowed_explicitly_or_when_every_charger_has_a_password() {
        try (var allowed = EngineServer.start(options("0.0.0.0", new OcppPlugin(true), SITES))) {
            assertThat(allowed.port()).isPositive();
        }
        var allWithPasswords = SITES.replace("\"max_power_kw\": 22}", "\"max_power_kw\": 22, \"ocpp_password\": \"another-long-secret\"}");
        try (var protectedSite = EngineServer.start(options("0.0.0.0", new OcppPlugin(), allWithPasswords))) {
            assertThat(protectedSite.port()).isPositive();
        }
    }

    @Test
    void on_loopback_chargers_without_a_password_are_fine() {
        try (var local = EngineServer.start(options("127.0.0.1", new OcppPlugin(), SITES))) {
            assertThat(local.port()).isPositive();
        }
    }
}
