package dev.dynamo.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * A small fixed pool for PostgreSQL: at most {@code size} connections, opened on demand and kept
 * while they work; a connection that failed at the network level is dropped, not returned.
 */
final class PooledConnectionSource implements ConnectionSource {
    private final String jdbcUrl;
    private final Properties credentials;
    private final Semaphore permits;
    private final BlockingQueue<Connection> idle;
    private volatile boolean closed;

    PooledConnectionSource(String jdbcUrl, Properties credentials, int size) {
        this.jdbcUrl = jdbcUrl;
        this.credentials = credentials;
        this.permits = new Semaphore(size, true);
        this.idle = new ArrayBlockingQueue<>(size);
    }

    @Override
    public <T> T withConnection(SqlWork<T> work) throws SQLException {
        if (closed) throw new IllegalStateException("store is closed");
        permits.acquireUninterruptibly();
        try {
            var connection = idle.poll();
            if (connection == null) connection = DriverManager.getConnection(jdbcUrl, credentials);
            var reusable = false;
            try {
                var result = work.run(connection);
                reusable = true;
                return result;
            } catch (SQLException e) {
                reusable = !isConnectionFailure(e);
                throw e;
            } finally {
                if (!(reusable && !closed && idle.offer(connection))) closeQuietly(connection);
            }
        } finally {
            permits.release();
        }
    }

    /** SQLSTATE class 08 is a connection exception: the connection is no longer usable. */
    private static boolean isConnectionFailure(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    @Override
    public void close() {
        closed = true;
        Connection connection;
        while ((connection = idle.poll()) != null) closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException _) {
            // dropping it anyway: nothing to do about a connection that will not close
        }
    }
}
