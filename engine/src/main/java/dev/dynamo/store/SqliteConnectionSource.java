package dev.dynamo.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The one SQLite connection that writes, guarded by a lock (SQLite serialises writers anyway); a caller
 * waits at most {@code wait} for it, and the writes that queue meanwhile are committed as a group (one
 * fsync for all, each caller answered after it: see {@link #writeGroup()}). Reads go through connections of their own ({@link #readerConfig()}):
 * in WAL mode they read beside the writer, so a long history query holds up no write.
 */
final class SqliteConnectionSource implements ConnectionSource {
    /** Writes in one group at most (a site's decision write is a few rows). */
    static final int MOST_IN_A_GROUP = 64;
    private final ReentrantLock lock = new ReentrantLock();
    /** Writes waiting for the writer; the one holding {@link #lock} makes them as a group. */
    private final Queue<Job<?>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicLong groupsCommitted = new AtomicLong();
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
        var job = new Job<>(work);
        waiting.add(job);
        try {
            if (!lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                if (waiting.remove(job)) {
                    throw new SQLTransientConnectionException("the SQLite writer was busy for " + wait.toMillis() + " ms");
                }
                // a writer took it into its group meanwhile: its outcome comes with that group's commit
                lock.lock();
            }
        } catch (InterruptedException e) {
            if (waiting.remove(job)) {
                Thread.currentThread().interrupt();
                throw new SQLTransientConnectionException("interrupted while waiting for the SQLite writer", e);
            }
            Thread.currentThread().interrupt();
            lock.lock();
        }
        try {
            while (!job.done) writeGroup(); // a group takes the oldest writes first: ours comes
        } finally {
            lock.unlock();
        }
        return job.outcome();
    }

    /**
     * Group commit: the writes that queued while the writer was busy (sites write concurrently, each its own
     * start, stop or decision) are made in one transaction, each in a savepoint of its own, and committed
     * together: one fsync for the group instead of one each. Each caller still returns only after the commit
     * that made its write durable; a write that fails is rolled back to its savepoint alone and fails its own
     * caller; a commit that fails fails them all. Held under {@link #lock}.
     */
    private void writeGroup() {
        var group = new ArrayList<Job<?>>();
        for (Job<?> job; group.size() < MOST_IN_A_GROUP && (job = waiting.poll()) != null; ) group.add(job);
        if (group.isEmpty()) return;
        if (group.size() == 1) {
            group.getFirst().run(connection); // alone: as it is, its own transaction if it makes one
            return;
        }
        var inGroup = nested(connection);
        try {
            connection.setAutoCommit(false);
            for (var job : group) {
                var savepoint = connection.setSavepoint();
                if (job.run(inGroup)) {
                    connection.releaseSavepoint(savepoint);
                } else {
                    connection.rollback(savepoint);
                    connection.releaseSavepoint(savepoint);
                }
            }
            connection.commit();
            groupsCommitted.incrementAndGet();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            for (var job : group) job.failAll(e);
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                // the next write finds the connection as it is; SQLite ends the transaction with the rollback above
            }
        }
    }

    /** Writes waiting for the writer now (tests). */
    int waitingCount() {
        return waiting.size();
    }

    /** Groups of more than one write committed so far (tests and benchmarks). */
    long groupsCommitted() {
        return groupsCommitted.get();
    }

    /**
     * The connection as a write in a group sees it: the group's transaction is the group's to commit or roll
     * back, so the write's own {@code setAutoCommit}, {@code commit} and {@code rollback} change nothing (a failed
     * write is rolled back to its savepoint by the group).
     */
    private static Connection nested(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setAutoCommit", "close" -> { return null; }
                        case "commit" -> { return null; }
                        case "rollback" -> {
                            if (args == null || args.length == 0) return null;
                        }
                        case "getAutoCommit" -> { return false; }
                        default -> { }
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** One caller's write and, once made, its outcome. */
    private static final class Job<T> {
        private final SqlWork<T> work;
        private volatile boolean done;
        private T value;
        private Throwable failure;

        Job(SqlWork<T> work) { this.work = work; }

        /** Runs the write; true when it succeeded (its outcome is final unless the group's commit fails). */
        boolean run(Connection connection) {
            try {
                value = work.run(connection);
                done = true;
                return true;
            } catch (SQLException | RuntimeException | Error e) {
                failure = e;
                done = true;
                return false;
            }
        }

        void failAll(Throwable commitFailure) {
            if (failure == null) failure = commitFailure;
            value = null;
            done = true;
        }

        T outcome() throws SQLException {
            if (failure == null) return value;
            if (failure instanceof SQLException e) throw e;
            if (failure instanceof RuntimeException e) throw e;
            if (failure instanceof Error e) throw e;
            throw new IllegalStateException(failure);
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
