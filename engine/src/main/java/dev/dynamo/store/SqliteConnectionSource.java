package dev.dynamo.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.sqlite.SQLiteConfig;

/**
 * The one SQLite connection that writes, on a writer thread of its own (SQLite serialises writers anyway); a
 * caller waits at most {@code wait} for its write to start, and the writes that queue meanwhile are committed
 * as a group (one fsync for all, each caller answered after it: see {@link #writeGroup}). Reads go through connections of their own ({@link #readerConfig()}):
 * in WAL mode they read beside the writer, so a long history query holds up no write.
 */
final class SqliteConnectionSource implements ConnectionSource {
    /** Writes in one group at most (a site's decision write is a few rows). */
    static final int MOST_IN_A_GROUP = 64;
    /** Ends the writer's loop once what was queued before it is written. */
    private static final Job<Void> CLOSE = new Job<>(_ -> null);
    /** Writes waiting for the writer, oldest first. */
    private final BlockingQueue<Job<?>> waiting = new LinkedBlockingQueue<>();
    private final AtomicLong groupsCommitted = new AtomicLong();
    private final Connection connection;
    private final Duration wait;
    private final Thread writer;
    private volatile boolean closed;

    SqliteConnectionSource(String jdbcUrl, Duration wait) throws SQLException {
        this.connection = writerConfig().createConnection(jdbcUrl);
        this.wait = wait;
        this.writer = Thread.ofPlatform().name("sqlite-writer").daemon().start(this::write);
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
        // no caller asks for generated keys: without this the driver runs a query of its own after every INSERT
        config.setGetGeneratedKeys(false);
        return config;
    }

    /**
     * The writer's connection: also its temp files in memory. The group commit's savepoints make a statement
     * journal that otherwise spills to a file in /var/tmp past 64 KB, made and deleted per group: thousands of writes
     * per burst of starts on the one thread every commit waits for (docs/benchmarks.md, "… the writer's temp files").
     * Only a statement's or a savepoint's rollback reads that journal, never crash recovery (the WAL's). Not for the
     * migrations: an index built over a long history would sort in memory.
     */
    static SQLiteConfig writerConfig() {
        var config = config();
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
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
        if (Thread.currentThread() == writer) return work.run(connection); // a write within a write
        var job = new Job<>(work);
        synchronized (this) {
            if (closed) throw new SQLTransientConnectionException("the SQLite database is closed");
            waiting.add(job);
        }
        try {
            if (!job.started.await(wait.toMillis(), TimeUnit.MILLISECONDS) && waiting.remove(job)) {
                throw new SQLTransientConnectionException("the SQLite writer was busy for " + wait.toMillis() + " ms");
            }
            // started: its outcome comes with its group's commit, which the statements' time-outs bound
            job.finished.await();
        } catch (InterruptedException e) {
            if (waiting.remove(job)) {
                Thread.currentThread().interrupt();
                throw new SQLTransientConnectionException("interrupted while waiting for the SQLite writer", e);
            }
            while (true) {
                try {
                    job.finished.await();
                    break;
                } catch (InterruptedException again) {
                    // its write is under way: its outcome is waited for, the interrupt kept
                }
            }
            Thread.currentThread().interrupt();
        }
        return job.outcome();
    }

    /** The writer's loop: takes the oldest write and those queued behind it, and makes them as a group. */
    private void write() {
        while (true) {
            Job<?> first;
            try {
                first = waiting.take();
            } catch (InterruptedException e) {
                if (closed && waiting.isEmpty()) return;
                continue;
            }
            if (first == CLOSE) return;
            var group = new ArrayList<Job<?>>();
            group.add(first);
            var closing = false;
            for (Job<?> job; group.size() < MOST_IN_A_GROUP && (job = waiting.poll()) != null; ) {
                if (job == CLOSE) {
                    closing = true;
                    break;
                }
                group.add(job);
            }
            group.forEach(job -> job.started.countDown());
            try {
                writeGroup(group);
            } catch (Throwable e) {
                group.forEach(job -> job.failAll(e)); // the writer goes on for the next writes
            }
            group.forEach(job -> job.finished.countDown());
            if (closing) return;
        }
    }

    /**
     * Group commit: the writes that queued while the writer was busy (sites write concurrently, each its own
     * start, stop or decision) are made in one transaction, each in a savepoint of its own, and committed
     * together: one fsync for the group instead of one each. Each caller still returns only after the commit
     * that made its write durable; a write that fails is rolled back to its savepoint alone and fails its own
     * caller; a commit that fails fails them all. On the writer's own platform thread: the sites' virtual
     * threads wait for it parked, instead of holding their carrier through SQLite's native write and fsync.
     */
    private void writeGroup(List<Job<?>> group) {
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
                // the next write finds the connection as it is; the rollback above ended the transaction
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
        /** Taken by the writer (no longer withdrawn), and made (its outcome is final). */
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch finished = new CountDownLatch(1);
        private T value;
        private Throwable failure;

        Job(SqlWork<T> work) { this.work = work; }

        /** Runs the write; true when it succeeded (its outcome is final unless the group's commit fails). */
        boolean run(Connection connection) {
            try {
                value = work.run(connection);
                return true;
            } catch (SQLException | RuntimeException | Error e) {
                failure = e;
                return false;
            }
        }

        void failAll(Throwable commitFailure) {
            if (failure == null) failure = commitFailure;
            value = null;
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
        synchronized (this) {
            if (closed) return;
            closed = true;
            waiting.add(CLOSE);
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("could not close the SQLite database", e);
        }
    }
}
