package io.parley.store;

import io.parley.core.Store;
import io.parley.core.StoreBusyException;
import io.parley.core.account.AccountStore;
import io.parley.core.account.HistoryStore;
import io.parley.core.directory.DirectoryStore;
import io.parley.core.room.EventLog;
import io.parley.core.room.RoomReplay;
import io.parley.core.room.RoomStore;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

/**
 * The embedded default store: one SQLite database, {@code parley.db} in the data directory,
 * behind the core's ports. Opening it applies pending schema migrations.
 *
 * <p>Thread-safe. Every write, and the reads that writes depend on, run on the store's own
 * thread ({@link StoreWriter}); history is read on a second, read-only connection by its own
 * thread ({@code parley-store-reader}), which WAL lets read while the writer commits, so a long
 * history never delays a message.
 */
public final class SqliteStore implements Store {

    /** The database file's name inside the data directory. */
    public static final String FILE_NAME = "parley.db";

    private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);

    private final Connection connection;
    private final StoreWriter writer;
    /** The shared stores' way onto {@link #writer}. */
    private final JdbcWrites writes;
    private final JdbcWriteProbe probe;
    /** Read-only; used by the reader thread alone. */
    private final Connection readConnection;
    /** Checkpoints the write-ahead log on its own thread and connection, never the writer's. */
    private final WalCheckpointer checkpointer;
    private final JdbcReaders reader;
    private final JdbcRoomStore rooms;
    private final JdbcEventLog events;
    private final JdbcAccountStore accounts;
    private final SqliteHistoryStore history;
    private final JdbcDirectoryStore directory;

    private SqliteStore(Path file, Connection connection, Connection readConnection, Connection checkpointConnection,
            long maxQueuedBytes, StoreMetrics metrics) {
        this.connection = connection;
        this.readConnection = readConnection;
        this.checkpointer = new WalCheckpointer(checkpointConnection);
        this.reader = new JdbcReaders(1, this::onReadConnection);
        SqliteNumbering numbering = new SqliteNumbering();
        this.writer = new StoreWriter(connection, maxQueuedBytes, file.toString(), metrics, numbering::forget);
        this.writes = JdbcWrites.onto(writer::submit, writer::offer, WriterTask::new);
        this.probe = new JdbcWriteProbe(writes, SqliteStore::takeWriteLock);
        this.rooms = new JdbcRoomStore(writes);
        this.events = new JdbcEventLog(writes, numbering);
        this.accounts = new JdbcAccountStore(writes);
        this.history = new SqliteHistoryStore(this);
        this.directory = new JdbcDirectoryStore(writes);
    }

    /** A shared store's task as the store thread runs it. */
    private record WriterTask(JdbcTask task) implements StoreWriter.Task {
        @Override
        public void run(Connection connection) throws SQLException {
            task.run(connection);
        }

        @Override
        public void done(Throwable failure) {
            task.done(failure);
        }

        @Override
        public long queuedBytes() {
            return task.queuedBytes();
        }
    }

    /** How long a write waits for a lock held by another process before it fails. */
    public static final int DEFAULT_BUSY_TIMEOUT_MS = 5000;

    /** Opens (creating if needed) the store in {@code dataDirectory}. Blocks: call at start-up. */
    public static SqliteStore open(Path dataDirectory) throws IOException, SQLException {
        return open(dataDirectory, DEFAULT_BUSY_TIMEOUT_MS);
    }

    /** The default bound of the write queue, in bytes: see {@link #open(Path, int, long)}. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = StoreWriter.DEFAULT_MAX_QUEUED_BYTES;

    /** As {@link #open(Path)}, waiting at most {@code busyTimeoutMs} for a lock another process holds. */
    public static SqliteStore open(Path dataDirectory, int busyTimeoutMs) throws IOException, SQLException {
        return open(dataDirectory, busyTimeoutMs, DEFAULT_MAX_QUEUED_BYTES, StoreMetrics.NONE);
    }

    /**
     * As {@link #open(Path, int)}, with at most about {@code maxQueuedBytes} of chat messages and
     * private messages waiting to be written; past it they are refused at once
     * ({@link StoreBusyException}) until the database catches up.
     */
    public static SqliteStore open(Path dataDirectory, int busyTimeoutMs, long maxQueuedBytes)
            throws IOException, SQLException {
        return open(dataDirectory, busyTimeoutMs, maxQueuedBytes, StoreMetrics.NONE);
    }

    /** As {@link #open(Path, int, long)}, counting each transaction and the queue in {@code metrics}. */
    public static SqliteStore open(Path dataDirectory, int busyTimeoutMs, long maxQueuedBytes, StoreMetrics metrics)
            throws IOException, SQLException {
        StoreFiles.prepareDirectory(dataDirectory);
        Path file = dataDirectory.resolve(FILE_NAME);
        StoreFiles.prepareDatabase(file);
        // Plain autocommit connection: StoreWriter and Migrations begin their transactions with
        // BEGIN IMMEDIATE themselves (see StoreWriter#inTransaction for why not the driver's mode).
        // Without generated keys: the driver would otherwise prepare and run a
        // "SELECT last_insert_rowid()" after every INSERT it executes (a message's cost twice over);
        // an insert whose id is wanted says RETURNING id.
        Properties writerProperties = new Properties();
        writerProperties.setProperty(SQLiteConfig.Pragma.JDBC_GET_GENERATED_KEYS.pragmaName, "false");
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), writerProperties);
        try (Statement statement = connection.createStatement()) {
            checkIntact(statement, file);
            // WAL with synchronous=NORMAL: a commit survives a crash of the process (kill -9);
            // only a power loss can take the last commits back.
            statement.execute("PRAGMA journal_mode = WAL");
            statement.execute("PRAGMA synchronous = NORMAL");
            statement.execute("PRAGMA foreign_keys = ON");
            statement.execute("PRAGMA busy_timeout = " + busyTimeoutMs);
            WalCheckpointer.configureWriter(statement);
            Migrations.apply(connection);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        Connection readConnection;
        Connection checkpointConnection;
        try {
            readConnection = openReadOnly(file, busyTimeoutMs);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        try {
            checkpointConnection = openForCheckpoints(file, busyTimeoutMs);
        } catch (SQLException e) {
            readConnection.close();
            connection.close();
            throw e;
        }
        log.info("Store open at {}", file);
        SqliteStore store = new SqliteStore(file, connection, readConnection, checkpointConnection,
                maxQueuedBytes, metrics);
        try {
            store.history.closeSessionsLeftOpen();
        } catch (RuntimeException e) {
            store.close(); // the store thread and the connection, which nobody else will close
            throw e;
        }
        return store;
    }

    /**
     * Fails with a one-line {@link DamagedStoreException} if the file is not a database or
     * {@code PRAGMA quick_check} finds damage, before anything is written to it. (quick_check
     * reads every page once, without checking indexes against their tables: a second or so per
     * gigabyte, once per start.)
     */
    private static void checkIntact(Statement statement, Path file) throws SQLException, DamagedStoreException {
        String what = "move it aside (with its -wal file) to start with an empty store, or restore it from a backup";
        String verdict;
        try (ResultSet rows = statement.executeQuery("PRAGMA quick_check(1)")) {
            verdict = rows.next() ? rows.getString(1) : "ok";
        } catch (SQLiteException e) {
            String code = e.getResultCode().name();
            if (code.startsWith("SQLITE_NOTADB") || code.startsWith("SQLITE_CORRUPT")) {
                throw new DamagedStoreException(file + " is not a readable Parley database (" + firstLine(e.getMessage())
                        + "); " + what);
            }
            throw e;
        }
        if (!"ok".equals(verdict)) {
            throw new DamagedStoreException(file + " is damaged (quick_check: " + firstLine(verdict) + "); " + what);
        }
    }

    private static String firstLine(String text) {
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }

    /** The checkpointer's connection: it writes nothing but the database file's copy of the log's pages. */
    private static Connection openForCheckpoints(Path file, int busyTimeoutMs) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(busyTimeoutMs);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** Checkpoints the write-ahead log now, on the calling thread (tests). */
    WalCheckpointer.Result checkpoint() throws SQLException {
        return checkpointer.checkpoint();
    }

    /** The history reader's connection: read-only, so a bug in a read cannot write. */
    private static Connection openReadOnly(Path file, int busyTimeoutMs) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(busyTimeoutMs);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    public RoomStore rooms() {
        return rooms;
    }

    public EventLog events() {
        return events;
    }

    @Override
    public RoomReplay replay() {
        return new JdbcRoomReplay(this::read);
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

    /** Runs one task on the store thread, in its turn with every other write (for tests: holding the writer). */
    void submit(StoreWriter.Task task) {
        writer.submit(task);
    }

    /**
     * What waits in the write queue now, in bytes (roughly), against its bound
     * ({@code store.max-queued-bytes}): for tests and monitoring. Thread-safe.
     */
    public long queuedBytes() {
        return writer.queuedBytes();
    }

    /** Runs a query on the store thread and completes with its result. */
    <T> CompletableFuture<T> query(SqlFunction<T> work) {
        return writes.query(work);
    }

    /**
     * As {@link #query(SqlFunction)}, for a write of about {@code bytes} that may be refused when
     * the queue is full: the result then fails at once with a {@link StoreBusyException}.
     */
    <T> CompletableFuture<T> query(long bytes, SqlFunction<T> work) {
        return writes.query(bytes, work);
    }

    /**
     * Runs a read on the reader thread and connection, beside the writer, and completes with its
     * result. Reads see what was committed when they run.
     */
    <T> CompletableFuture<T> read(SqlFunction<T> work) {
        return reader.read(work);
    }

    /** The write probe's statement: takes SQLite's write lock without changing a row. */
    private static int takeWriteLock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // A write statement begins a write transaction (SQLite's write lock) even when it
            // matches no row.
            return statement.executeUpdate("DELETE FROM rooms WHERE 0");
        }
    }

    private <T> T onReadConnection(SqlFunction<T> work) throws SQLException {
        return work.apply(readConnection);
    }

    /**
     * Completes once a write transaction has committed on the store thread, in its turn with the
     * writes already queued, or fails with the reason it did not (locked by another process, read
     * only, disk full, closed): whether the store can take writes now. The probe takes SQLite's
     * write lock without changing a row. While one probe is still queued, callers share it, so a
     * stuck store holds at most one. Thread-safe; never blocks.
     */
    public CompletableFuture<Void> probeWrite() {
        return probe.probe();
    }

    /** How many tasks wait for the store thread now: writes, reads and their callbacks. Thread-safe. */
    public int queueDepth() {
        return writer.queueDepth();
    }

    /** Finishes every write already submitted, then closes the database. */
    @Override
    public void close() {
        reader.stop();
        writer.close();
        reader.awaitStopped();
        checkpointer.close();
        try {
            readConnection.close();
            connection.close();
            log.info("Store closed");
        } catch (SQLException e) {
            log.warn("Closing the store failed: {}", e.getMessage());
        }
    }
}
