package dev.dynamo.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteDataSource;

/** Opens the durable store: SQLite in the data directory by default, or PostgreSQL from a JDBC URL. */
public final class Stores {
    public static final String SQLITE_FILE_NAME = "dynamo.db";
    private static final int POSTGRES_POOL_SIZE = 4;

    private Stores() {}

    /**
     * Opens and migrates the store.
     *
     * @param dbUrlOrNull a {@code jdbc:postgresql://...} URL (credentials as URL parameters), a
     *                    {@code jdbc:sqlite:...} URL, or null for SQLite in {@code dataDir}
     * @param dataDir     where the SQLite file lives; created when missing
     */
    public static Store open(String dbUrlOrNull, Path dataDir) {
        return open(dbUrlOrNull, null, null, dataDir);
    }

    /** As {@link #open(String, Path)}, with the PostgreSQL user and password given apart from the URL. */
    public static Store open(String dbUrlOrNull, String user, String password, Path dataDir) {
        if (dbUrlOrNull == null || dbUrlOrNull.isBlank()) return openSqlite(sqliteUrl(dataDir));
        if (dbUrlOrNull.startsWith("jdbc:sqlite:")) return openSqlite(dbUrlOrNull);
        if (dbUrlOrNull.startsWith("jdbc:postgresql:")) return openPostgres(dbUrlOrNull, user, password);
        throw new IllegalArgumentException(
                "unsupported database URL " + dbUrlOrNull + ": use jdbc:postgresql://host/db or leave it out for SQLite");
    }

    private static String sqliteUrl(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the data directory " + dataDir, e);
        }
        return "jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE_NAME).toAbsolutePath();
    }

    private static Store openSqlite(String jdbcUrl) {
        var dataSource = new SQLiteDataSource(SqliteConnectionSource.config());
        dataSource.setUrl(jdbcUrl);
        migrate(Flyway.configure().dataSource(dataSource), "sqlite");
        try {
            return new JdbcStore(new SqliteConnectionSource(jdbcUrl));
        } catch (SQLException e) {
            throw new StoreException("could not open the SQLite database " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    private static Store openPostgres(String jdbcUrl, String user, String password) {
        migrate(Flyway.configure().dataSource(jdbcUrl, user, password), "postgresql");
        var credentials = new Properties();
        if (user != null) credentials.setProperty("user", user);
        if (password != null) credentials.setProperty("password", password);
        return new JdbcStore(new PooledConnectionSource(jdbcUrl, credentials, POSTGRES_POOL_SIZE));
    }

    /** One schema: the common migrations plus the vendor's folder where the SQL must differ. */
    private static void migrate(org.flywaydb.core.api.configuration.FluentConfiguration flyway, String vendor) {
        flyway.locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
