package io.parley.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A statement of the writing thread, prepared once per connection and kept while the writer
 * holds that connection: for good on SQLite's one writer connection, for one batch on a pooled
 * PostgreSQL connection (the next batch's connection prepares it again). Writing thread only.
 */
final class KeptStatement {

    private final String sql;
    private Connection preparedOn;
    private PreparedStatement statement;

    KeptStatement(String sql) {
        this.sql = sql;
    }

    /** The statement, prepared on {@code connection}. */
    PreparedStatement on(Connection connection) throws SQLException {
        if (statement == null || preparedOn != connection || statement.isClosed()) {
            closeKept(null);
            statement = connection.prepareStatement(sql);
            preparedOn = connection;
        }
        return statement;
    }

    /**
     * After a failure (a full disk, an I/O error) the driver may have finalized the statement, so
     * it is closed and prepared again on next use, or every later use would fail with
     * "statement is not executing". A failure to close is added to {@code failure}.
     */
    void drop(SQLException failure) {
        closeKept(failure);
    }

    private void closeKept(SQLException failure) {
        PreparedStatement kept = statement;
        statement = null;
        preparedOn = null;
        if (kept == null) {
            return;
        }
        try {
            kept.close();
        } catch (SQLException closeFailure) {
            if (failure != null) {
                failure.addSuppressed(closeFailure);
            }
        }
    }
}
