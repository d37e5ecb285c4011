package dev.dynamo.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite connection guarded by a lock: SQLite serialises writers anyway, and a single connection
 * keeps its page cache warm for the history queries.
 */
final class SqliteConnectionSource implements ConnectionSource {
    private final ReentrantLock lock = new ReentrantLock();
    private final Connection connection;

    SqliteConnectionSource(String jdbcUrl) throws SQLException {
        this.connection = config().createConnection(jdbcUrl);
    }

    /** WAL with synchronous=FULL: a commit that returned is on disk and survives kill -9 or power loss. */
    static SQLiteConfig config() {
        var config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        return config;
    }

    @Override
    public <T> T withConnection(SqlWork<T> work) throws SQLException {
        lock.lock();
        try {
            return work.run(connection);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("could not close the SQLite database", e);
        } finally {
            lock.unlock();
        }
    }
}
