package dev.dynamo.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Lends a JDBC connection for the length of one unit of work; implementations are thread-safe. */
interface ConnectionSource extends AutoCloseable {

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    <T> T withConnection(SqlWork<T> work) throws SQLException;

    @Override
    void close();
}
