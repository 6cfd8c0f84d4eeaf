package io.parley.store;

import java.sql.SQLException;

/**
 * A write the database turned down without an error in the transaction: a name already taken,
 * found by {@code INSERT ... ON CONFLICT DO NOTHING} inserting no row. Thrown from a
 * {@link JdbcWrites#query}, it fails that request only; the batch around it commits.
 */
public final class WriteRefusedException extends SQLException {

    public WriteRefusedException(String message) {
        super(message, "23505"); // unique_violation (SQL standard), which it stands for
    }
}
