package dev.dynamo.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory made before the energy had a table of its own (schema V40: on the session rows) keeps every
 * session's energy when the engine upgrades it, and the old columns go.
 */
class EnergyTableUpgradeTest {
    @TempDir
    Path dataDir;

    @Test
    void energy_stored_on_the_session_rows_moves_to_its_own_table() throws Exception {
        Files.createDirectories(dataDir);
        var url = "jdbc:sqlite:" + dataDir.resolve(Stores.SQLITE_FILE_NAME);
        Flyway.configure().dataSource(url, null, null)
                .locations("classpath:db/migration/common", "classpath:db/migration/sqlite")
                .target("40").load().migrate();
        try (var connection = DriverManager.getConnection(url); var statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO charging_session (site_id, charge_point_id, session_json, energy_start_kwh,"
                    + " energy_register_kwh, energy_integral_kwh, energy_integral_at, energy_rate_kw)"
                    + " VALUES ('depot', 'CP-1', '{}', 100.5, 112.25, 11.5, 1764576000000, 7.4),"
                    + " ('depot', 'CP-2', '{}', NULL, NULL, 3.0, 1764576060000, 11.0),"
                    + " ('depot', 'CP-3', '{}', NULL, NULL, NULL, NULL, NULL)");
        }

        try (var store = Stores.open(null, dataDir)) {
            assertThat(store.loadEnergy()).containsExactly(
                    new StoredEnergy("depot", "CP-1", new SessionEnergy(100.5, 112.25, 11.5,
                            Instant.ofEpochMilli(1764576000000L), 7.4)),
                    new StoredEnergy("depot", "CP-2", new SessionEnergy(null, null, 3.0,
                            Instant.ofEpochMilli(1764576060000L), 11.0)));
        }
        try (var connection = DriverManager.getConnection(url);
             var columns = connection.getMetaData().getColumns(null, null, "charging_session", "energy%")) {
            assertThat(columns.next()).as("an energy column left on charging_session").isFalse();
        }
    }
}
