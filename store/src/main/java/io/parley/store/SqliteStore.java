package io.parley.store;

import io.parley.core.AccountStore;
import io.parley.core.DirectoryStore;
import io.parley.core.EventLog;
import io.parley.core.HistoryStore;
import io.parley.core.RoomStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default store: one SQLite database, {@code parley.db} in the data directory,
 * behind the core's ports. Opening it applies pending schema migrations.
 *
 * <p>Thread-safe. All database work runs on the store's own thread ({@link StoreWriter}).
 */
public final class SqliteStore implements AutoCloseable {

    /** The database file's name inside the data directory. */
    public static final String FILE_NAME = "parley.db";

    private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);

    private final Connection connection;
    private final StoreWriter writer;
    private final SqliteRoomStore rooms;
    private final SqliteEventLog events;
    private final SqliteAccountStore accounts;
    private final SqliteHistoryStore history;
    private final SqliteDirectoryStore directory;
    /** The write probe in the store's queue, if any: probes never pile up behind a stuck store. */
    private final AtomicReference<CompletableFuture<Void>> probe = new AtomicReference<>();

    private SqliteStore(Connection connection, StoreMetrics metrics) {
        this.connection = connection;
        this.writer = new StoreWriter(connection, metrics);
        this.rooms = new SqliteRoomStore(this);
        this.events = new SqliteEventLog(this);
        this.accounts = new SqliteAccountStore(this);
        this.history = new SqliteHistoryStore(this);
        this.directory = new SqliteDirectoryStore(this);
    }

    /** How long a write waits for a lock held by another process before it fails. */
    public static final int DEFAULT_BUSY_TIMEOUT_MS = 5000;

    /** Opens (creating if needed) the store in {@code dataDirectory}. Blocks: call at start-up. */
    public static SqliteStore open(Path dataDirectory) throws IOException, SQLException {
        return open(dataDirectory, DEFAULT_BUSY_TIMEOUT_MS);
    }

    /** As {@link #open(Path)}, waiting at most {@code busyTimeoutMs} for a lock another process holds. */
    public static SqliteStore open(Path dataDirectory, int busyTimeoutMs) throws IOException, SQLException {
        return open(dataDirectory, busyTimeoutMs, StoreMetrics.NONE);
    }

    /** As {@link #open(Path, int)}, counting each transaction in {@code metrics}. */
    public static SqliteStore open(Path dataDirectory, int busyTimeoutMs, StoreMetrics metrics)
            throws IOException, SQLException {
        Files.createDirectories(dataDirectory);
        Path file = dataDirectory.resolve(FILE_NAME);
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement statement = connection.createStatement()) {
            // WAL with synchronous=NORMAL: a commit survives a crash of the process (kill -9);
            // only a power loss can take the last commits back.
            statement.execute("PRAGMA journal_mode = WAL");
            statement.execute("PRAGMA synchronous = NORMAL");
            statement.execute("PRAGMA foreign_keys = ON");
            statement.execute("PRAGMA busy_timeout = " + busyTimeoutMs);
            Migrations.apply(connection);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        log.info("Store open at {}", file);
        SqliteStore store = new SqliteStore(connection, metrics);
        try {
            store.history.closeSessionsLeftOpen();
        } catch (RuntimeException e) {
            store.close(); // the store thread and the connection, which nobody else will close
            throw e;
        }
        return store;
    }

    public RoomStore rooms() {
        return rooms;
    }

    public EventLog events() {
        return events;
    }

    public AccountStore accounts() {
        return accounts;
    }

    public HistoryStore history() {
        return history;
    }

    public DirectoryStore directory() {
        return directory;
    }

    /** Runs one task on the store thread, in its turn with every other write. */
    void submit(StoreWriter.Task task) {
        writer.submit(task);
    }

    /** Runs a query on the store thread and completes with its result. */
    <T> CompletableFuture<T> query(SqlFunction<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        writer.submit(new StoreWriter.Task() {
            private T value;

            @Override
            public void run(Connection connection) throws SQLException {
                value = work.apply(connection);
            }

            @Override
            public void done(Throwable failure) {
                if (failure == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(failure);
                }
            }
        });
        return result;
    }

    /**
     * Completes once a write transaction has committed on the store thread, in its turn with the
     * writes already queued, or fails with the reason it did not (locked by another process, read
     * only, disk full, closed): whether the store can take writes now. The probe takes SQLite's
     * write lock without changing a row. While one probe is still queued, callers share it, so a
     * stuck store holds at most one. Thread-safe; never blocks.
     */
    public CompletableFuture<Void> probeWrite() {
        while (true) {
            CompletableFuture<Void> pending = probe.get();
            if (pending != null) {
                return pending;
            }
            CompletableFuture<Void> fresh = new CompletableFuture<>();
            if (probe.compareAndSet(null, fresh)) {
                fresh.whenComplete((ignored, failure) -> probe.compareAndSet(fresh, null));
                query(connection -> {
                    try (Statement statement = connection.createStatement()) {
                        // A write statement begins a write transaction (SQLite's write lock)
                        // even when it matches no row.
                        statement.executeUpdate("DELETE FROM rooms WHERE 0");
                    }
                    return null;
                }).whenComplete((ignored, failure) -> {
                    if (failure == null) {
                        fresh.complete(null);
                    } else {
                        fresh.completeExceptionally(failure);
                    }
                });
                return fresh;
            }
        }
    }

    /** How many tasks wait for the store thread now: writes, reads and their callbacks. Thread-safe. */
    public int queueDepth() {
        return writer.queueDepth();
    }

    /** Finishes every write already submitted, then closes the database. */
    @Override
    public void close() {
        writer.close();
        try {
            connection.close();
            log.info("Store closed");
        } catch (SQLException e) {
            log.warn("Closing the store failed: {}", e.getMessage());
        }
    }

    /** Work on the connection that returns a value. */
    @FunctionalInterface
    interface SqlFunction<T> {
        T apply(Connection connection) throws SQLException;
    }
}
