package dev.dynamo.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContractTest {
    @TempDir
    Path tempDir;

    @Override
    protected Store openStore() {
        return Stores.open(null, tempDir.resolve("data"));
    }

    @Test
    void the_database_lives_in_the_data_directory_which_is_created() {
        assertThat(tempDir.resolve("data").resolve(Stores.SQLITE_FILE_NAME)).isRegularFile();
    }
}
