package dev.dynamo.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The SQL of the rotation state (the {@code V3} columns), common to SQLite and PostgreSQL. */
final class RotationRows {
    private RotationRows() {}

    static List<RotationState> load(Connection connection) throws SQLException {
        var clocks = new TreeMap<String, Instant>();
        var sessions = new TreeMap<String, Map<String, SessionRotation>>();
        try (var statement = connection.prepareStatement(
                "SELECT site_id, rotation_clock_at FROM site WHERE rotation_clock_at IS NOT NULL");
             var rows = statement.executeQuery()) {
            while (rows.next()) clocks.put(rows.getString(1), instant(rows, 2));
        }
        try (var statement = connection.prepareStatement("""
                SELECT site_id, charge_point_id, queued_since, admitted_at, admission_rank FROM charging_session
                WHERE queued_since IS NOT NULL OR admitted_at IS NOT NULL OR admission_rank IS NOT NULL""");
             var rows = statement.executeQuery()) {
            while (rows.next()) {
                var rankValue = rows.getInt(5);
                var rank = rows.wasNull() ? null : rankValue;
                var rotation = new SessionRotation(instant(rows, 3), instant(rows, 4), rank);
                sessions.computeIfAbsent(rows.getString(1), _ -> new HashMap<>()).put(rows.getString(2), rotation);
            }
        }
        var siteIds = new TreeMap<String, Boolean>();
        clocks.keySet().forEach(id -> siteIds.put(id, true));
        sessions.keySet().forEach(id -> siteIds.put(id, true));
        var states = new ArrayList<RotationState>();
        for (var siteId : siteIds.keySet()) {
            states.add(new RotationState(siteId, clocks.get(siteId), sessions.getOrDefault(siteId, Map.of())));
        }
        return states;
    }

    /** Writes the changes on {@code connection}; the caller owns the transaction. */
    static void write(Connection connection, RotationState changes) throws SQLException {
        if (!changes.energy().isEmpty()) {
            EnergyRows.write(connection, changes.energy().entrySet().stream()
                    .map(e -> new StoredEnergy(changes.siteId(), e.getKey(), e.getValue())).toList());
        }
        if (changes.clockAt() != null) {
            try (var statement = connection.prepareStatement("UPDATE site SET rotation_clock_at = ? WHERE site_id = ?")) {
                statement.setLong(1, changes.clockAt().toEpochMilli());
                statement.setString(2, changes.siteId());
                statement.executeUpdate();
            }
        }
        if (changes.sessions().isEmpty()) return;
        try (var statement = connection.prepareStatement("""
                UPDATE charging_session SET queued_since = ?, admitted_at = ?, admission_rank = ?
                WHERE site_id = ? AND charge_point_id = ?""")) {
            for (var entry : changes.sessions().entrySet()) {
                var rotation = entry.getValue();
                setInstant(statement, 1, rotation.queuedSince());
                setInstant(statement, 2, rotation.admittedAt());
                if (rotation.admissionRank() == null) statement.setNull(3, Types.INTEGER);
                else statement.setInt(3, rotation.admissionRank());
                statement.setString(4, changes.siteId());
                statement.setString(5, entry.getKey());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        var ms = rows.getLong(column);
        return rows.wasNull() ? null : Instant.ofEpochMilli(ms);
    }

    private static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) statement.setNull(index, Types.BIGINT);
        else statement.setLong(index, instant.toEpochMilli());
    }
}
