package io.parley.store.postgresql;

import java.sql.SQLException;

/**
 * PostgreSQL could not be reached, or refused us, when the store opened. Its message is one line
 * that names the address (without its password) and what to do, ready for the operator as it is.
 */
public final class UnreachableStoreException extends SQLException {

    UnreachableStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
