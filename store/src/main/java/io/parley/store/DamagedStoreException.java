package io.parley.store;

import java.io.IOException;

/**
 * The database file is damaged or is not a database: found at start-up ({@code PRAGMA quick_check}),
 * before anything is written. Its message is one line naming the file, what is wrong and what to
 * do, fit to be printed as the server's only words before it exits.
 */
public final class DamagedStoreException extends IOException {

    DamagedStoreException(String message) {
        super(message);
    }
}
