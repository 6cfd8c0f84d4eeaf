package io.parley.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work on a store's connection that returns a value; the SQLite and PostgreSQL stores run it on their own threads. */
@FunctionalInterface
public interface SqlFunction<T> {
    T apply(Connection connection) throws SQLException;
}
