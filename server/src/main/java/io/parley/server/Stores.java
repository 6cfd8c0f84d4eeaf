package io.parley.server;

import io.parley.core.Store;
import io.parley.store.DamagedStoreException;
import io.parley.store.SqliteStore;
import io.parley.store.StoreFiles;
import io.parley.store.StoreMetrics;
import io.parley.store.postgresql.PostgresStore;
import io.parley.store.postgresql.UnreachableStoreException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;

/**
 * The one place that picks the server's {@link Store} from its settings, and words why one cannot
 * be opened: SQLite in the data directory, unless {@code store.url} ({@code --store}) names the
 * PostgreSQL store of record a cluster's nodes share.
 */
final class Stores {

    /** How long a write waits for a lock another process holds, unless {@code store.busy-timeout-ms} says. */
    static final int DEFAULT_BUSY_TIMEOUT_MS = SqliteStore.DEFAULT_BUSY_TIMEOUT_MS;
    /** How much may wait for the store, unless {@code store.max-queued-bytes} says. */
    static final long DEFAULT_MAX_QUEUED_BYTES = SqliteStore.DEFAULT_MAX_QUEUED_BYTES;

    private Stores() {}

    /** What start-up errors name as the store in {@code dataDirectory}: its database file. */
    static Path file(Path dataDirectory) {
        return dataDirectory.resolve(SqliteStore.FILE_NAME);
    }

    /** Creates {@code directory} for the store, readable by its owner only. */
    static void createDataDirectory(Path directory) throws IOException {
        StoreFiles.createDirectory(directory);
    }

    /**
     * Opens the store {@code config} names, counting its transactions in {@code metrics}. Blocks:
     * call at start-up. Fails in one line naming the file and the fix.
     */
    static Store open(ServerConfig config, StoreMetrics metrics) throws StartupException {
        String url = config.cluster().storeUrl();
        if (url != null) {
            return openPostgres(url, config, metrics);
        }
        try {
            return SqliteStore.open(config.dataDirectory(), config.storeBusyTimeoutMs(), config.storeMaxQueuedBytes(),
                    metrics);
        } catch (DamagedStoreException e) {
            throw new StartupException(e.getMessage()); // it names the file and what to do
        } catch (AccessDeniedException e) {
            throw new StartupException("cannot use data directory " + config.dataDirectory()
                    + ": permission denied; use --data DIR you own");
        } catch (IOException | SQLException | CompletionException e) {
            // CompletionException: a statement of the store's own thread failed at open
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw new StartupException("cannot open the store " + file(config.dataDirectory())
                    + ": " + cause.getMessage() + "; repair or restore it, or use --data DIR for another");
        }
    }

    /**
     * The PostgreSQL store at {@code url}, shared by every node of a cluster, for node
     * {@code node}. Fails in one line: the store's own (the address without its password, and the
     * fix) when PostgreSQL cannot be reached, or naming the address when the schema cannot be
     * migrated. The url is never printed whole here: it may carry a password.
     */
    private static Store openPostgres(String url, ServerConfig config, StoreMetrics metrics) throws StartupException {
        try {
            return PostgresStore.open(url, config.cluster().node(), config.storeMaxQueuedBytes(), metrics);
        } catch (UnreachableStoreException e) {
            throw new StartupException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new StartupException("--store is " + e.getMessage());
        } catch (SQLException | RuntimeException e) {
            throw new StartupException("cannot open the store (" + oneLine(e.getMessage())
                    + "); check that PostgreSQL runs and this node's user may create tables in its database");
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }
}
