package dev.dynamo.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@link Store} over plain JDBC; the SQL is common to SQLite and PostgreSQL. Times are stored as
 * epoch milliseconds; the decision's {@code seq} column is its append order.
 */
final class JdbcStore implements Store, DecisionScanner {
    private static final String DECISION_COLUMNS =
            "site_id, decided_at, trigger_name, strategy, total_budget_kw, total_allocated_kw, allocations, budget_json";
    /** A replaced session keeps its rotation columns: only {@link #writeRotation} changes them. */
    private static final String PUT_SESSION = """
            INSERT INTO charging_session (site_id, charge_point_id, session_json) VALUES (?, ?, ?)
            ON CONFLICT (site_id, charge_point_id) DO UPDATE SET session_json = excluded.session_json""";
    private static final String PUT_SITE = """
            INSERT INTO site (site_id, definition_json) VALUES (?, ?)
            ON CONFLICT (site_id) DO UPDATE SET definition_json = excluded.definition_json""";
    private static final String PUT_EXTERNAL_LIMIT = """
            INSERT INTO external_limit (site_id, source, limit_json) VALUES (?, ?, ?)
            ON CONFLICT (site_id, source) DO UPDATE SET limit_json = excluded.limit_json""";
    private static final String DELETE_EXTERNAL_LIMIT = "DELETE FROM external_limit WHERE site_id = ? AND source = ?";
    private static final String DELETE_SESSION = "DELETE FROM charging_session WHERE site_id = ? AND charge_point_id = ?";
    /** Rows fetched per round trip while streaming decisions (PostgreSQL would otherwise load them all). */
    private static final int FETCH_SIZE = 500;

    /** How many rows a history scan reads between two looks at its deadline. */
    private static final int DEADLINE_EVERY_ROWS = 256;

    private final ConnectionSource connections;
    private final ConnectionSource readers;
    private final StoreTimeouts timeouts;
    /** The last write that failed, until a probe write succeeds after it (what /health checks). */
    private volatile String writeFailure;

    JdbcStore(ConnectionSource writers, ConnectionSource readers, StoreTimeouts timeouts) {
        this.connections = writers;
        this.readers = readers;
        this.timeouts = timeouts;
    }

    @Override
    public List<StoredSite> loadSites() {
        return queryAll("load sites",
                "SELECT site_id, definition_json, config_json, config_updated_at FROM site ORDER BY site_id",
                rows -> {
                    var updatedAtMs = rows.getLong(4);
                    var updatedAt = rows.wasNull() ? null : Instant.ofEpochMilli(updatedAtMs);
                    return new StoredSite(rows.getString(1), rows.getString(2), rows.getString(3), updatedAt);
                });
    }

    @Override
    public void putSite(String siteId, String definitionJson) {
        update("store site " + siteId, PUT_SITE,
                statement -> {
                    statement.setString(1, siteId);
                    statement.setString(2, definitionJson);
                });
    }

    @Override
    public void putConfig(String siteId, String configJson, Instant updatedAt) {
        var updated = update("store the config of site " + siteId,
                "UPDATE site SET config_json = ?, config_updated_at = ? WHERE site_id = ?",
                statement -> {
                    statement.setString(1, configJson);
                    statement.setLong(2, updatedAt.toEpochMilli());
                    statement.setString(3, siteId);
                });
        if (updated == 0) throw new IllegalArgumentException("no site " + siteId + " is stored: put the site first");
    }

    @Override
    public void putConfig(String siteId, String configJson, Instant updatedAt, RotationState changes) {
        write("store the config of site " + siteId, connection -> inTransaction(connection, () -> {
            try (var statement = connection.prepareStatement(
                    "UPDATE site SET config_json = ?, config_updated_at = ? WHERE site_id = ?")) {
                statement.setString(1, configJson);
                statement.setLong(2, updatedAt.toEpochMilli());
                statement.setString(3, siteId);
                timed(statement);
                if (statement.executeUpdate() == 0) {
                    throw new IllegalArgumentException("no site " + siteId + " is stored: put the site first");
                }
            }
            RotationRows.write(connection, changes);
            return null;
        }));
    }

    @Override
    public void putSite(String siteId, String definitionJson, List<String> endedSessions, RotationState changes) {
        write("store site " + siteId, connection -> inTransaction(connection, () -> {
            try (var statement = connection.prepareStatement(PUT_SITE)) {
                statement.setString(1, siteId);
                statement.setString(2, definitionJson);
                timed(statement);
                statement.executeUpdate();
            }
            try (var statement = connection.prepareStatement(DELETE_SESSION)) {
                for (var chargePointId : endedSessions) {
                    statement.setString(1, siteId);
                    statement.setString(2, chargePointId);
                    timed(statement);
                    statement.executeUpdate();
                    EnergyRows.delete(connection, siteId, chargePointId);
                }
            }
            RotationRows.write(connection, changes);
            return null;
        }));
    }

    @Override
    public List<StoredSession> loadSessions() {
        return queryAll("load sessions",
                "SELECT site_id, charge_point_id, session_json FROM charging_session ORDER BY site_id, charge_point_id",
                rows -> new StoredSession(rows.getString(1), rows.getString(2), rows.getString(3)));
    }

    @Override
    public void putSession(StoredSession session) {
        update("store the session on " + session.chargePointId(), PUT_SESSION, statement -> bindSession(statement, session));
    }

    @Override
    public void deleteSession(String siteId, String chargePointId) {
        write("delete the session on " + chargePointId, connection -> inTransaction(connection, () -> {
            deleteSession(connection, siteId, chargePointId);
            return null;
        }));
    }

    /** The session's row and its energy's. */
    private void deleteSession(Connection connection, String siteId, String chargePointId) throws SQLException {
        try (var statement = connection.prepareStatement(DELETE_SESSION)) {
            statement.setString(1, siteId);
            statement.setString(2, chargePointId);
            timed(statement);
            statement.executeUpdate();
        }
        EnergyRows.delete(connection, siteId, chargePointId);
    }

    @Override
    public List<RotationState> loadRotation() {
        return query("load the rotation state", RotationRows::load);
    }

    @Override
    public void writeRotation(RotationState changes) {
        if (changes.isEmpty()) return;
        write("store the rotation state of site " + changes.siteId(), connection -> inTransaction(connection, () -> {
            RotationRows.write(connection, changes);
            return null;
        }));
    }

    @Override
    public void putSession(StoredSession session, RotationState changes) {
        if (changes.isEmpty()) {
            putSession(session);
            return;
        }
        write("store the session on " + session.chargePointId(), connection -> inTransaction(connection, () -> {
            try (var statement = connection.prepareStatement(PUT_SESSION)) {
                bindSession(statement, session);
                statement.executeUpdate();
            }
            RotationRows.write(connection, changes);
            return null;
        }));
    }

    @Override
    public void deleteSession(String siteId, String chargePointId, RotationState changes) {
        if (changes.isEmpty()) {
            deleteSession(siteId, chargePointId);
            return;
        }
        write("delete the session on " + chargePointId, connection -> inTransaction(connection, () -> {
            deleteSession(connection, siteId, chargePointId);
            RotationRows.write(connection, changes);
            return null;
        }));
    }

    @Override
    public List<StoredEnergy> loadEnergy() {
        return query("load the sessions' energy", EnergyRows::load);
    }

    @Override
    public void writeEnergy(List<StoredEnergy> energies) {
        if (energies.isEmpty()) return;
        query("store the energy of " + energies.size() + " sessions", connection -> inTransaction(connection, () -> {
            EnergyRows.write(connection, energies);
            return null;
        }));
    }

    @Override
    public void appendDecisions(List<DecisionRecord> decisions) {
        if (decisions.isEmpty()) return;
        write("append " + decisions.size() + " decisions", connection -> inTransaction(connection, () -> {
            try (var statement = connection.prepareStatement(
                    "INSERT INTO decision (" + DECISION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (var decision : decisions) {
                    statement.setString(1, decision.siteId());
                    statement.setLong(2, decision.decidedAt().toEpochMilli());
                    statement.setString(3, decision.trigger());
                    statement.setString(4, decision.strategy());
                    statement.setDouble(5, decision.totalBudgetKw());
                    statement.setDouble(6, decision.totalAllocatedKw());
                    statement.setBytes(7, AllocationCodec.encode(decision.allocations()));
                    statement.setString(8, decision.budgetJson());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            return null;
        }));
    }

    @Override
    public Optional<DecisionRecord> decisionBefore(String siteId, Instant instant) {
        return read("read the decision before " + instant, connection -> {
            try (var statement = connection.prepareStatement("SELECT " + DECISION_COLUMNS + """
                     FROM decision WHERE site_id = ? AND decided_at < ?
                    ORDER BY decided_at DESC, seq DESC LIMIT 1""")) {
                statement.setString(1, siteId);
                statement.setLong(2, instant.toEpochMilli());
                try (var rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(decision(rows, new AllocationCodec())) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void forEachDecision(String siteId, Instant from, Instant to, Consumer<DecisionRecord> action) {
        read("read decisions", connection -> inTransaction(connection, () -> {
            try (var statement = connection.prepareStatement("SELECT " + DECISION_COLUMNS + """
                     FROM decision WHERE site_id = ? AND decided_at >= ? AND decided_at < ?
                    ORDER BY decided_at, seq""")) {
                bindRange(statement, siteId, from, to);
                statement.setFetchSize(FETCH_SIZE);
                statement.setQueryTimeout(seconds(timeouts.historyQuery()));
                var codec = new AllocationCodec();
                var deadline = new Deadline(timeouts.historyQuery());
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        deadline.check();
                        action.accept(decision(rows, codec));
                    }
                }
            }
            return null;
        }));
    }

    @Override
    public void scanDecisions(String siteId, Instant from, Instant to, Visitor visitor) {
        read("scan decisions", connection -> inTransaction(connection, () -> {
            try (var statement = connection.prepareStatement("""
                    SELECT decided_at, total_budget_kw, total_allocated_kw, allocations
                    FROM decision WHERE site_id = ? AND decided_at >= ? AND decided_at < ?
                    ORDER BY decided_at, seq""")) {
                bindRange(statement, siteId, from, to);
                statement.setFetchSize(FETCH_SIZE);
                statement.setQueryTimeout(seconds(timeouts.historyQuery()));
                var codec = new AllocationCodec();
                var deadline = new Deadline(timeouts.historyQuery());
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        deadline.check();
                        visitor.decision(rows.getLong(1), rows.getDouble(2), rows.getDouble(3),
                                codec.decodeInPlace(rows.getBytes(4)));
                    }
                }
            }
            return null;
        }));
    }

    @Override
    public List<DecisionRecord> latestDecisions(String siteId, Instant from, Instant to, int limit) {
        return read("read the latest decisions", connection -> {
            try (var statement = connection.prepareStatement("SELECT " + DECISION_COLUMNS + """
                     FROM decision WHERE site_id = ? AND decided_at >= ? AND decided_at < ?
                    ORDER BY decided_at DESC, seq DESC LIMIT ?""")) {
                bindRange(statement, siteId, from, to);
                statement.setInt(4, limit);
                statement.setQueryTimeout(seconds(timeouts.historyQuery()));
                var codec = new AllocationCodec();
                var decisions = new ArrayList<DecisionRecord>();
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) decisions.add(decision(rows, codec));
                }
                return decisions;
            }
        });
    }

    @Override
    public int pruneDecisions(String siteId, Instant before, int batch) {
        // the rows are found by the (site_id, decided_at) index on a reader, then deleted by key: short writes
        List<Long> seqs = read("find decisions to prune", connection -> {
            try (var statement = connection.prepareStatement(
                    "SELECT seq FROM decision WHERE site_id = ? AND decided_at < ? ORDER BY decided_at LIMIT ?")) {
                statement.setString(1, siteId);
                statement.setLong(2, before.toEpochMilli());
                statement.setInt(3, batch);
                timed(statement);
                var found = new ArrayList<Long>();
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) found.add(rows.getLong(1));
                }
                return found;
            }
        });
        if (seqs.isEmpty()) return 0;
        write("prune " + seqs.size() + " decisions", connection -> inTransaction(connection, () -> {
            try (var statement = connection.prepareStatement("DELETE FROM decision WHERE seq = ?")) {
                for (var seq : seqs) {
                    statement.setLong(1, seq);
                    statement.addBatch();
                }
                timed(statement);
                statement.executeBatch();
            }
            return null;
        }));
        return seqs.size();
    }

    @Override
    public java.util.Optional<String> problem() {
        try {
            read("answer a probe", connection -> {
                try (var statement = connection.prepareStatement("SELECT 1")) {
                    timed(statement);
                    try (var rows = statement.executeQuery()) {
                        return rows.next();
                    }
                }
            });
        } catch (RuntimeException e) {
            return Optional.of("does not answer: " + e.getMessage());
        }
        var failure = writeFailure;
        if (failure == null) return Optional.empty();
        // nothing else may write for a while: a probe write tells when writing works again (disk space freed)
        try {
            connections.withConnection(connection -> {
                try (var statement = connection.prepareStatement(
                        "UPDATE site SET site_id = site_id WHERE site_id = (SELECT MIN(site_id) FROM site)")) {
                    timed(statement);
                    return statement.executeUpdate();
                }
            });
            writeFailure = null;
            return Optional.empty();
        } catch (SQLException | RuntimeException e) {
            return Optional.of("writes fail (" + failure + "); a probe write now: " + e.getMessage());
        }
    }

    @Override
    public long reserveTransactionIds(long atLeastAbove, int count) {
        return write("reserve OCPP transaction ids", connection -> inTransaction(connection, () -> {
            long last;
            try (var read = connection.prepareStatement(
                    "SELECT last_reserved FROM transaction_id_sequence WHERE sequence_id = 1");
                 var rows = read.executeQuery()) {
                if (!rows.next()) throw new SQLException("the transaction id sequence row is missing");
                last = rows.getLong(1);
            }
            var reserved = Math.max(last, atLeastAbove) + count;
            try (var write = connection.prepareStatement(
                    "UPDATE transaction_id_sequence SET last_reserved = ? WHERE sequence_id = 1 AND last_reserved = ?")) {
                write.setLong(1, reserved);
                write.setLong(2, last);
                // another engine on the same PostgreSQL database reserved meanwhile: the caller tries again
                if (write.executeUpdate() != 1) throw new SQLException("the transaction id sequence moved meanwhile");
            }
            return reserved;
        }));
    }

    @Override
    public void putExternalLimit(String siteId, String source, String limitJson) {
        update("store the external limit " + source + " of site " + siteId, PUT_EXTERNAL_LIMIT,
                statement -> {
                    statement.setString(1, siteId);
                    statement.setString(2, source);
                    statement.setString(3, limitJson);
                });
    }

    @Override
    public void deleteExternalLimit(String siteId, String source) {
        update("delete the external limit " + source + " of site " + siteId, DELETE_EXTERNAL_LIMIT,
                statement -> {
                    statement.setString(1, siteId);
                    statement.setString(2, source);
                });
    }

    @Override
    public void putExternalLimit(String siteId, String source, String limitJson, RotationState changes) {
        write("store the external limit " + source + " of site " + siteId, connection -> inTransaction(connection, () -> {
            try (var statement = connection.prepareStatement(PUT_EXTERNAL_LIMIT)) {
                statement.setString(1, siteId);
                statement.setString(2, source);
                statement.setString(3, limitJson);
                timed(statement);
                statement.executeUpdate();
            }
            RotationRows.write(connection, changes);
            return null;
        }));
    }

    @Override
    public void deleteExternalLimit(String siteId, String source, RotationState changes) {
        write("delete the external limit " + source + " of site " + siteId, connection -> inTransaction(connection, () -> {
            try (var statement = connection.prepareStatement(DELETE_EXTERNAL_LIMIT)) {
                statement.setString(1, siteId);
                statement.setString(2, source);
                timed(statement);
                statement.executeUpdate();
            }
            RotationRows.write(connection, changes);
            return null;
        }));
    }

    @Override
    public List<StoredLimit> loadExternalLimits() {
        return queryAll("load external limits", "SELECT site_id, source, limit_json FROM external_limit ORDER BY site_id, source",
                rows -> new StoredLimit(rows.getString(1), rows.getString(2), rows.getString(3)));
    }

    @Override
    public void appendMeterReading(StoredMeterReading reading) {
        update("store a reading of meter " + reading.meterId(), """
                INSERT INTO meter_reading (site_id, meter_id, measured_at, power_kw, l1_a, l2_a, l3_a, other_load_kw)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                statement -> {
                    statement.setString(1, reading.siteId());
                    statement.setString(2, reading.meterId());
                    statement.setLong(3, reading.measuredAt().toEpochMilli());
                    statement.setDouble(4, reading.powerKw());
                    setNullable(statement, 5, reading.l1A());
                    setNullable(statement, 6, reading.l2A());
                    setNullable(statement, 7, reading.l3A());
                    statement.setDouble(8, reading.otherLoadKw());
                });
    }

    @Override
    public List<StoredMeterReading> latestMeterReadings() {
        return queryAll("load the latest meter readings", """
                SELECT r.site_id, r.meter_id, r.measured_at, r.power_kw, r.l1_a, r.l2_a, r.l3_a, r.other_load_kw
                FROM meter_reading r
                JOIN (SELECT site_id, meter_id, MAX(measured_at) AS latest FROM meter_reading GROUP BY site_id, meter_id) m
                  ON r.site_id = m.site_id AND r.meter_id = m.meter_id AND r.measured_at = m.latest
                ORDER BY r.site_id, r.meter_id""", JdbcStore::reading);
    }

    @Override
    public List<StoredMeterReading> meterReadings(String siteId, String meterId, Instant from, Instant to) {
        return read("read the readings of meter " + meterId, connection -> {
            var readings = new ArrayList<StoredMeterReading>();
            try (var before = connection.prepareStatement("""
                    SELECT site_id, meter_id, measured_at, power_kw, l1_a, l2_a, l3_a, other_load_kw FROM meter_reading
                    WHERE site_id = ? AND meter_id = ? AND measured_at < ? ORDER BY measured_at DESC LIMIT 1""")) {
                before.setString(1, siteId);
                before.setString(2, meterId);
                before.setLong(3, from.toEpochMilli());
                try (var rows = before.executeQuery()) {
                    if (rows.next()) readings.add(reading(rows));
                }
            }
            try (var range = connection.prepareStatement("""
                    SELECT site_id, meter_id, measured_at, power_kw, l1_a, l2_a, l3_a, other_load_kw FROM meter_reading
                    WHERE site_id = ? AND meter_id = ? AND measured_at >= ? AND measured_at < ? ORDER BY measured_at""")) {
                range.setString(1, siteId);
                range.setString(2, meterId);
                range.setLong(3, from.toEpochMilli());
                range.setLong(4, to.toEpochMilli());
                try (var rows = range.executeQuery()) {
                    while (rows.next()) readings.add(reading(rows));
                }
            }
            return readings;
        });
    }

    private static StoredMeterReading reading(ResultSet rows) throws SQLException {
        return new StoredMeterReading(rows.getString(1), rows.getString(2), Instant.ofEpochMilli(rows.getLong(3)),
                rows.getDouble(4), nullable(rows, 5), nullable(rows, 6), nullable(rows, 7), rows.getDouble(8));
    }

    private static Double nullable(ResultSet rows, int column) throws SQLException {
        var value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }

    private static void setNullable(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) statement.setNull(index, java.sql.Types.DOUBLE);
        else statement.setDouble(index, value);
    }

    @Override
    public void close() {
        readers.close();
        connections.close();
    }

    private static void bindRange(PreparedStatement statement, String siteId, Instant from, Instant to)
            throws SQLException {
        statement.setString(1, siteId);
        statement.setLong(2, from.toEpochMilli());
        statement.setLong(3, to.toEpochMilli());
    }

    private static void bindSession(PreparedStatement statement, StoredSession session) throws SQLException {
        statement.setString(1, session.siteId());
        statement.setString(2, session.chargePointId());
        statement.setString(3, session.sessionJson());
    }

    private static DecisionRecord decision(ResultSet rows, AllocationCodec codec) throws SQLException {
        return new DecisionRecord(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)), rows.getString(3),
                rows.getString(4), rows.getDouble(5), rows.getDouble(6), codec.decode(rows.getBytes(7)), rows.getString(8));
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private int update(String what, String sql, Binder binder) {
        return write(what, connection -> {
            try (var statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                timed(statement);
                return statement.executeUpdate();
            }
        });
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** Reads every row of a query without parameters, one element a row, in the query's order. */
    private <T> List<T> queryAll(String what, String sql, RowReader<T> reader) {
        return query(what, connection -> {
            try (var statement = connection.prepareStatement(sql);
                 var rows = statement.executeQuery()) {
                var elements = new ArrayList<T>();
                while (rows.next()) elements.add(reader.read(rows));
                return elements;
            }
        });
    }

    private <T> T query(String what, ConnectionSource.SqlWork<T> work) {
        try {
            return connections.withConnection(work);
        } catch (SQLException e) {
            throw new StoreException("could not " + what + ": " + e.getMessage(), e);
        }
    }

    /** A write on the writing connection; its outcome is what {@link #problem()} reports about writes. */
    private <T> T write(String what, ConnectionSource.SqlWork<T> work) {
        try {
            return connections.withConnection(work);
        } catch (SQLException e) {
            writeFailure = "could not " + what + ": " + e.getMessage();
            throw new StoreException(writeFailure, e);
        }
    }

    /** A read on a reading connection, beside the writer. */
    private <T> T read(String what, ConnectionSource.SqlWork<T> work) {
        try {
            return readers.withConnection(work);
        } catch (SQLException e) {
            throw new StoreException("could not " + what + ": " + e.getMessage(), e);
        }
    }

    private void timed(java.sql.Statement statement) throws SQLException {
        statement.setQueryTimeout(timeouts.statementSeconds());
    }

    private static int seconds(java.time.Duration duration) {
        return (int) Math.max(1, duration.toSeconds());
    }

    /** A history query that runs past its time is cancelled (503) rather than holding a reader for long. */
    private static final class Deadline {
        private final long endNanos;
        private final java.time.Duration limit;
        private int rows;

        Deadline(java.time.Duration limit) {
            this.limit = limit;
            this.endNanos = System.nanoTime() + limit.toNanos();
        }

        void check() throws SQLException {
            if (++rows % DEADLINE_EVERY_ROWS == 0 && System.nanoTime() - endNanos > 0) {
                throw new java.sql.SQLTimeoutException("the query ran longer than " + limit.toMillis() + " ms and was cancelled");
            }
        }
    }

    @FunctionalInterface
    private interface TransactionBody<T> {
        T run() throws SQLException;
    }

    /** Runs the body in one transaction; also lets PostgreSQL stream a result set through a cursor. */
    private static <T> T inTransaction(Connection connection, TransactionBody<T> body) throws SQLException {
        connection.setAutoCommit(false);
        try {
            var result = body.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
