package dev.dynamo.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The SQL of the sessions' energy (the {@code V40} columns), common to SQLite and PostgreSQL. */
final class EnergyRows {
    private EnergyRows() {}

    static List<StoredEnergy> load(Connection connection) throws SQLException {
        var stored = new ArrayList<StoredEnergy>();
        try (var statement = connection.prepareStatement("""
                SELECT site_id, charge_point_id, energy_start_kwh, energy_register_kwh, energy_integral_kwh,
                       energy_integral_at, energy_rate_kw
                FROM charging_session WHERE energy_integral_at IS NOT NULL ORDER BY site_id, charge_point_id""");
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
        try (var statement = connection.prepareStatement("""
                UPDATE charging_session SET energy_start_kwh = ?, energy_register_kwh = ?, energy_integral_kwh = ?,
                       energy_integral_at = ?, energy_rate_kw = ?
                WHERE site_id = ? AND charge_point_id = ?""")) {
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

    private static Double number(ResultSet rows, int column) throws SQLException {
        var value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }

    private static void setNumber(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) statement.setNull(index, Types.DOUBLE);
        else statement.setDouble(index, value);
    }
}
