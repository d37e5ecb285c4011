package dev.dynamo.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A small fixed pool: at most {@code size} connections, opened on demand and kept while they work; a
 * connection that failed at the network level is dropped, not returned. A caller waits at most
 * {@code wait} for a free connection (then an {@link SQLTransientConnectionException}).
 */
final class PooledConnectionSource implements ConnectionSource {
    /** Opens a new connection. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    private final String name;
    private final Opener opener;
    private final Duration wait;
    private final Semaphore permits;
    private final BlockingQueue<Connection> idle;
    private volatile boolean closed;

    PooledConnectionSource(String name, Opener opener, int size, Duration wait) {
        this.name = name;
        this.opener = opener;
        this.wait = wait;
        this.permits = new Semaphore(size, true);
        this.idle = new ArrayBlockingQueue<>(size);
    }

    @Override
    public <T> T withConnection(SqlWork<T> work) throws SQLException {
        if (closed) throw new IllegalStateException("store is closed");
        try {
            if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SQLTransientConnectionException("no " + name + " connection free within " + wait.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while waiting for a " + name + " connection", e);
        }
        try {
            var connection = idle.poll();
            if (connection == null) connection = opener.open();
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
