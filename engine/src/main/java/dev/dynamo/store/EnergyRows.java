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
                var energy = stored.energy();
                setNumber(statement, 1, energy.registerStartKwh());
                setNumber(statement, 2, energy.registerKwh());
                statement.setDouble(3, energy.integralKwh());
                statement.setLong(4, energy.integralAt().toEpochMilli());
                statement.setDouble(5, energy.rateKw());
                statement.setString(6, stored.siteId());
                statement.setString(7, stored.chargePointId());
                statement.addBatch();
            }
            statement.executeBatch();
        }
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
