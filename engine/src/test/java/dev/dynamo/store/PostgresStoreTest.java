package dev.dynamo.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real PostgreSQL server (zonky embedded binaries), one database per test. */
class PostgresStoreTest extends StoreContractTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @TempDir
    Path dataDir;
    private String databaseName;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().setPgBinaryResolver(new RootSafePgBinaryResolver()).start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Override
    protected Store openStore() {
        if (databaseName == null) databaseName = createDatabase();
        return Stores.open(postgres.getJdbcUrl("postgres", databaseName), dataDir);
    }

    private static String createDatabase() {
        var name = "store_test_" + DATABASES.incrementAndGet();
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    @Test
    void the_user_may_be_given_apart_from_the_url() {
        store.putSite("depot", "{}");
        var url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + databaseName;

        try (var separate = Stores.open(url, "postgres", null, dataDir)) {
            assertThat(separate.loadSites()).extracting(StoredSite::siteId).containsExactly("depot");
        }
    }
}
