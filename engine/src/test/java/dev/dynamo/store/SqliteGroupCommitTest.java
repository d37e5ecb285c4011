package dev.dynamo.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes that queue while the SQLite writer is busy are committed as one group: each caller is answered after
 * that commit (its row is in the file for a new connection), a write that fails fails alone, and the group made
 * one commit instead of one each.
 */
class SqliteGroupCommitTest {
    @TempDir
    Path dir;
    private SqliteConnectionSource source;

    @AfterEach
    void close() {
        if (source != null) source.close();
    }

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("group.db");
    }

    /** A write as the store makes them: its own transaction (setAutoCommit false … commit). */
    private static Integer insert(Connection connection, int id) throws SQLException {
        connection.setAutoCommit(false);
        try (var statement = connection.prepareStatement("INSERT INTO t (id) VALUES (?)")) {
            statement.setInt(1, id);
            statement.executeUpdate();
            connection.commit();
            return id;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private List<Integer> rowsSeenByANewConnection() throws SQLException {
        try (var connection = DriverManager.getConnection(url());
             var rows = connection.createStatement().executeQuery("SELECT id FROM t ORDER BY id")) {
            var ids = new ArrayList<Integer>();
            while (rows.next()) ids.add(rows.getInt(1));
            return ids;
        }
    }

    @Test
    void writes_queued_behind_a_busy_writer_are_one_commit_and_a_failing_one_fails_alone() throws Exception {
        Files.createDirectories(dir);
        source = new SqliteConnectionSource(url(), Duration.ofSeconds(10));
        source.withConnection(c -> c.createStatement().executeUpdate("CREATE TABLE t (id INTEGER PRIMARY KEY)"));
        source.withConnection(c -> insert(c, 5));

        var inside = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var busy = CompletableFuture.supplyAsync(() -> {
            try {
                return source.withConnection(c -> {
                    inside.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return insert(c, 100);
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        // ten writes queue behind it; the one with id 5 breaks the primary key
        var writes = IntStream.rangeClosed(1, 10).mapToObj(id -> CompletableFuture.supplyAsync(() -> {
            try {
                return source.withConnection(c -> insert(c, id));
            } catch (SQLException e) {
                return -id;
            }
        }, r -> Thread.ofVirtual().start(r))).toList();
        while (source.waitingCount() < 10) Thread.onSpinWait();
        var groupsBefore = source.groupsCommitted();
        release.countDown();

        assertThat(busy.get(10, TimeUnit.SECONDS)).isEqualTo(100);
        var outcomes = new ArrayList<Integer>();
        for (var write : writes) outcomes.add(write.get(10, TimeUnit.SECONDS));
        assertThat(outcomes).containsExactly(1, 2, 3, 4, -5, 6, 7, 8, 9, 10);
        assertThat(source.groupsCommitted() - groupsBefore).isEqualTo(1);
        assertThat(rowsSeenByANewConnection()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100);
    }

    @Test
    void a_write_alone_is_made_as_before() throws Exception {
        Files.createDirectories(dir);
        source = new SqliteConnectionSource(url(), Duration.ofSeconds(10));
        source.withConnection(c -> c.createStatement().executeUpdate("CREATE TABLE t (id INTEGER PRIMARY KEY)"));
        Integer written = source.withConnection(c -> insert(c, 1));
        assertThat(written).isEqualTo(1);
        assertThat(source.groupsCommitted()).isZero();
        assertThat(rowsSeenByANewConnection()).containsExactly(1);
    }
    /**
     * The group's savepoints journal the pages each write changes; past 64 KB SQLite spills that journal to a temp
     * file (opened and unlinked at once, so seen only among the process's open files) unless temp files are kept in
     * memory: the writer keeps it in memory, no file made and deleted per group.
     */
    @Test
    void a_savepoints_journal_makes_no_temp_file() throws Exception {
        var openFiles = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(openFiles), "needs Linux's /proc to see unlinked open files");
        source = new SqliteConnectionSource(url(), Duration.ofSeconds(10));
        source.withConnection(c -> {
            try (var statement = c.createStatement()) {
                statement.executeUpdate("CREATE TABLE b (id INTEGER PRIMARY KEY, payload BLOB)");
                statement.executeUpdate("""
                        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
                        INSERT INTO b SELECT i, randomblob(1024) FROM n""");
            }
            return null;
        });
        List<String> tempFilesDuringTheWrite = source.withConnection(c -> {
            c.setAutoCommit(false);
            try (var statement = c.createStatement()) {
                var savepoint = c.setSavepoint();
                // ~400 pages changed under a savepoint: far past the 64 KB of journal SQLite keeps in memory by default
                statement.executeUpdate("UPDATE b SET payload = randomblob(1024)");
                var sqliteTempFiles = targets(openFiles).stream().filter(f -> f.contains("etilqs_")).toList();
                c.rollback(savepoint);
                return sqliteTempFiles;
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        });
        assertThat(tempFilesDuringTheWrite).isEmpty();
    }

    /** What the links in the directory point to (an open file's path, " (deleted)" once unlinked). */
    private static List<String> targets(Path links) {
        try (var files = Files.list(links)) {
            return files.map(link -> {
                try {
                    return Files.readSymbolicLink(link).toString();
                } catch (IOException closedMeanwhile) {
                    return "";
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
