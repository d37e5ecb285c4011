package dev.dynamo.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The one SQLite connection that writes, guarded by a lock (SQLite serialises writers anyway); a caller
 * waits at most {@code wait} for it. Reads go through connections of their own ({@link #readerConfig()}):
 * in WAL mode they read beside the writer, so a long history query holds up no write.
 */
final class SqliteConnectionSource implements ConnectionSource {
    private final ReentrantLock lock = new ReentrantLock();
    private final Connection connection;
    private final Duration wait;

    SqliteConnectionSource(String jdbcUrl, Duration wait) throws SQLException {
        this.connection = config().createConnection(jdbcUrl);
        this.wait = wait;
    }

    /** WAL with synchronous=FULL: a commit that returned is on disk and survives kill -9 or power loss. */
    static SQLiteConfig config() {
        var config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        // history queries read tens of MB of decisions: memory-mapped reads (256 MB) and a 64 MB page cache
        config.setCacheSize(-65_536);
        config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, String.valueOf(256L << 20));
        return config;
    }

    /**
     * A reading connection: the database is already in WAL mode (set by the writer's migration), so a
     * reader sets no journal mode and reads the last committed state while the writer goes on.
     */
    static SQLiteConfig readerConfig() {
        var config = new SQLiteConfig();
        config.setBusyTimeout(10_000);
        config.setCacheSize(-32_768);
        config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, String.valueOf(256L << 20));
        return config;
    }

    @Override
    public <T> T withConnection(SqlWork<T> work) throws SQLException {
        try {
            if (!lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SQLTransientConnectionException("the SQLite writer was busy for " + wait.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while waiting for the SQLite writer", e);
        }
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
