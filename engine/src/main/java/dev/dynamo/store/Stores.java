package dev.dynamo.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteDataSource;

/** Opens the durable store: SQLite in the data directory by default, or PostgreSQL from a JDBC URL. */
public final class Stores {
    public static final String SQLITE_FILE_NAME = "dynamo.db";
    /** Connections for writes, and as many again for reads, so that a long query holds up no write. */
    private static final int POSTGRES_POOL_SIZE = 4;
    private static final int SQLITE_READERS = 2;

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
        return open(dbUrlOrNull, user, password, dataDir, StoreTimeouts.DEFAULT);
    }

    /** As {@link #open(String, String, String, Path)}, with other time-outs than the default ones. */
    public static Store open(String dbUrlOrNull, String user, String password, Path dataDir, StoreTimeouts timeouts) {
        if (dbUrlOrNull == null || dbUrlOrNull.isBlank()) return openSqlite(sqliteUrl(dataDir), timeouts);
        if (dbUrlOrNull.startsWith("jdbc:sqlite:")) return openSqlite(dbUrlOrNull, timeouts);
        if (dbUrlOrNull.startsWith("jdbc:postgresql:")) return openPostgres(dbUrlOrNull, user, password, timeouts);
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

    private static Store openSqlite(String jdbcUrl, StoreTimeouts timeouts) {
        var dataSource = new SQLiteDataSource(SqliteConnectionSource.config());
        dataSource.setUrl(jdbcUrl);
        migrate(Flyway.configure().dataSource(dataSource), "sqlite");
        try {
            var readerConfig = SqliteConnectionSource.readerConfig();
            var readers = new PooledConnectionSource("SQLite reader", () -> readerConfig.createConnection(jdbcUrl),
                    SQLITE_READERS, timeouts.connectionWait());
            return new JdbcStore(new SqliteConnectionSource(jdbcUrl, timeouts.connectionWait()), readers, timeouts);
        } catch (SQLException e) {
            throw new StoreException("could not open the SQLite database " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    private static Store openPostgres(String jdbcUrl, String user, String password, StoreTimeouts timeouts) {
        var properties = postgresProperties(user, password, timeouts);
        var flywayUrl = jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "connectTimeout=" + seconds(timeouts.connectionWait());
        migrate(Flyway.configure().dataSource(flywayUrl, user, password), "postgresql");
        PooledConnectionSource.Opener opener = () -> DriverManager.getConnection(jdbcUrl, properties);
        return new JdbcStore(new PooledConnectionSource("PostgreSQL", opener, POSTGRES_POOL_SIZE, timeouts.connectionWait()),
                new PooledConnectionSource("PostgreSQL reading", opener, POSTGRES_POOL_SIZE, timeouts.connectionWait()),
                timeouts);
    }

    /**
     * Every wait of the driver bounded: connect, login and socket reads (a database behind a pulled cable
     * answers nothing, and without a socket time-out a read waits forever). Parameters in the URL win.
     */
    static Properties postgresProperties(String user, String password, StoreTimeouts timeouts) {
        var properties = new Properties();
        if (user != null) properties.setProperty("user", user);
        if (password != null) properties.setProperty("password", password);
        properties.setProperty("connectTimeout", seconds(timeouts.connectionWait()));
        properties.setProperty("loginTimeout", seconds(timeouts.connectionWait()));
        properties.setProperty("socketTimeout", seconds(timeouts.socket()));
        properties.setProperty("cancelSignalTimeout", seconds(timeouts.connectionWait()));
        properties.setProperty("tcpKeepAlive", "true");
        return properties;
    }

    private static String seconds(java.time.Duration duration) {
        return String.valueOf(Math.max(1, duration.toSeconds()));
    }

    /** One schema: the common migrations plus the vendor's folder where the SQL must differ. */
    private static void migrate(org.flywaydb.core.api.configuration.FluentConfiguration flyway, String vendor) {
        flyway.locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
