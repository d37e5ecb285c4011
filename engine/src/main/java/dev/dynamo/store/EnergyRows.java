package dev.dynamo.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of the sessions' energy (the {@code session_energy} table of {@code V41}), common to SQLite and
 * PostgreSQL. A session's row goes with its session: {@link #delete} in the transaction that deletes it.
 */
final class EnergyRows {
    private EnergyRows() {}

    static List<StoredEnergy> load(Connection connection) throws SQLException {
        var stored = new ArrayList<StoredEnergy>();
        try (var statement = connection.prepareStatement("""
                SELECT e.site_id, e.charge_point_id, e.energy_start_kwh, e.energy_register_kwh, e.energy_integral_kwh,
                       e.energy_integral_at, e.energy_rate_kw
                FROM session_energy e JOIN charging_session s
                     ON s.site_id = e.site_id AND s.charge_point_id = e.charge_point_id
                ORDER BY e.site_id, e.charge_point_id""");
             var rows = statement.executeQuery()) {
            while (rows.next()) {
                var energy = new SessionEnergy(number(rows, 3), number(rows, 4), rows.getDouble(5),
                        Instant.ofEpochMilli(rows.getLong(6)), rows.getDouble(7));
                stored.add(new StoredEnergy(rows.getString(1), rows.getString(2), energy));
            }
        }
        return stored;
    }

    /** Writes every row on {@code connection}; a session with no row (none in progress) is skipped. */
    static void write(Connection connection, List<StoredEnergy> energies) throws SQLException {
        // a session's row is there from its start to its end (deleted with it): a decision that changes the rates
        // of a site's sessions only updates their rows, which costs SQLite about a third less than the upsert
        // (no read of the session, no insert attempt); the rows not there yet (a new session) are upserted. One
        // row alone is most often a new session's (a start that changes no other rate): upserted at once
        if (energies.size() == 1) {
            upsert(connection, energies);
            return;
        }
        List<StoredEnergy> missing;
        try (var statement = connection.prepareStatement("""
                UPDATE session_energy SET energy_start_kwh = ?, energy_register_kwh = ?, energy_integral_kwh = ?,
                       energy_integral_at = ?, energy_rate_kw = ?
                WHERE site_id = ? AND charge_point_id = ?""")) {
            for (var stored : energies) {
                bind(statement, stored);
                statement.addBatch();
            }
            var updated = statement.executeBatch();
            missing = new ArrayList<>();
            for (int i = 0; i < updated.length; i++) {
                // 0: no row; SUCCESS_NO_INFO (a driver that does not tell): upserted to be sure
                if (updated[i] <= 0) missing.add(energies.get(i));
            }
        }
        if (!missing.isEmpty()) upsert(connection, missing);
    }

    private static void upsert(Connection connection, List<StoredEnergy> energies) throws SQLException {
        // inserted or replaced only while its session is in progress (WHERE: also what SQLite's upsert after a
        // SELECT needs to parse)
        try (var statement = connection.prepareStatement("""
                INSERT INTO session_energy (energy_start_kwh, energy_register_kwh, energy_integral_kwh,
                       energy_integral_at, energy_rate_kw, site_id, charge_point_id)
                SELECT ?, ?, ?, ?, ?, s.site_id, s.charge_point_id FROM charging_session s
                WHERE s.site_id = ? AND s.charge_point_id = ?
                ON CONFLICT (site_id, charge_point_id) DO UPDATE SET energy_start_kwh = excluded.energy_start_kwh,
                       energy_register_kwh = excluded.energy_register_kwh,
                       energy_integral_kwh = excluded.energy_integral_kwh,
                       energy_integral_at = excluded.energy_integral_at, energy_rate_kw = excluded.energy_rate_kw""")) {
            for (var stored : energies) {
                bind(statement, stored);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** The five energy columns, then the site and the charger: both statements take them in this order. */
    private static void bind(PreparedStatement statement, StoredEnergy stored) throws SQLException {
        var energy = stored.energy();
        setNumber(statement, 1, energy.registerStartKwh());
        setNumber(statement, 2, energy.registerKwh());
        statement.setDouble(3, energy.integralKwh());
        statement.setLong(4, energy.integralAt().toEpochMilli());
        statement.setDouble(5, energy.rateKw());
        statement.setString(6, stored.siteId());
        statement.setString(7, stored.chargePointId());
    }

    /** Deletes the energy of the session on the charger (its session is deleted in the same transaction). */
    static void delete(Connection connection, String siteId, String chargePointId) throws SQLException {
        try (var statement = connection.prepareStatement(
                "DELETE FROM session_energy WHERE site_id = ? AND charge_point_id = ?")) {
            statement.setString(1, siteId);
            statement.setString(2, chargePointId);
            statement.executeUpdate();
        }
    }

    private static Double number(ResultSet rows, int column) throws SQLException {
        var value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }

    private static void setNumber(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) statement.setNull(index, Types.DOUBLE);
        else statement.setDouble(index, value);
    }
}
