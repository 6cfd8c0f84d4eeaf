package io.parley.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Every row of a query without parameters, read into a list: the shared stores' loads at start-up. */
final class JdbcRows {

    /** What one row becomes. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private JdbcRows() {}

    static <T> List<T> all(Connection connection, String sql, Row<T> row) throws SQLException {
        List<T> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(row.read(rows));
            }
        }
        return values;
    }
}
