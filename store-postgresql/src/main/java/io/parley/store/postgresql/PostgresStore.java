package io.parley.store.postgresql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.parley.core.NodeLeases;
import io.parley.core.Store;
import io.parley.core.StoreBusyException;
import io.parley.core.account.AccountStore;
import io.parley.core.account.HistoryStore;
import io.parley.core.directory.DirectoryStore;
import io.parley.core.room.EventLog;
import io.parley.core.room.RoomReplay;
import io.parley.core.room.RoomStore;
import io.parley.store.JdbcAccountStore;
import io.parley.store.JdbcDirectoryStore;
import io.parley.store.JdbcEventLog;
import io.parley.store.JdbcReaders;
import io.parley.store.JdbcRoomReplay;
import io.parley.store.JdbcRoomStore;
import io.parley.store.JdbcTask;
import io.parley.store.JdbcWriteProbe;
import io.parley.store.JdbcWrites;
import io.parley.store.SqlFunction;
import io.parley.store.StoreMetrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store of record of a cluster: one PostgreSQL database that every node opens, behind the
 * core's ports. Opening it migrates the schema ({@link PgMigrations}); several nodes may start at
 * once.
 *
 * <p>What it keeps as the SQLite store does: each room's messages numbered 1, 2, 3, ... in the
 * transaction that stores them (the room's row is locked and incremented there, so the numbers
 * are unique and gap-free whichever nodes append), message ids from an identity column (unique
 * over the cluster), every commit durable before it is acknowledged ({@code synchronous_commit}
 * is forced on for each connection), rooms and accounts unique by folded name across nodes.
 *
 * <p>Thread-safe. Every write, and the reads that writes depend on, run on the node's writing
 * thread ({@link PgWriter}: group commit, a queue bounded in bytes); history is read by two reader
 * threads ({@code parley-store-reader-N}) on connections of their own from the same pool, so a
 * long history never delays a message. The pool (HikariCP) replaces connections PostgreSQL
 * dropped: while it is unreachable, writes fail with the reason (the protocols answer "try
 * again") and the queue refuses what it cannot hold; once it is back, writes succeed again with
 * nothing to restart.
 */
public final class PostgresStore implements Store {

    /** The default bound of the write queue, in bytes, as the SQLite store's. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = PgWriter.DEFAULT_MAX_QUEUED_BYTES;
    /**
     * The writer's connection, the two readers', the lease's, two for the cluster's online names
     * (claims from event loops, releases) and one to spare (a start-up read).
     */
    static final int POOL_SIZE = 7;
    /** How long a write waits for a connection (PostgreSQL unreachable) before it fails. */
    static final long CONNECTION_TIMEOUT_MS = 3000;
    private static final int READERS = 2;

    private static final Logger log = LoggerFactory.getLogger(PostgresStore.class);

    private final HikariDataSource pool;
    private final String node;
    private final PgWriter writer;
    /** The shared stores' way onto {@link #writer}. */
    private final JdbcWrites writes;
    private final JdbcWriteProbe probe;
    private final JdbcReaders readers;
    private final JdbcRoomStore rooms;
    private final JdbcEventLog events;
    private final JdbcAccountStore accounts;
    private final PgHistoryStore history;
    private final JdbcDirectoryStore directory;
    private final PgNodeLeases leases;
    private final PgPresenceDirectory presence;
    /** This node's life in the cluster's leases: 0 until {@link NodeLeases#begin} (and for good on a node without a bus). */
    private volatile long life;

    private PostgresStore(HikariDataSource pool, String shownUrl, String node, long maxQueuedBytes,
            StoreMetrics metrics) {
        this.pool = pool;
        this.node = node;
        this.writer = new PgWriter(pool, maxQueuedBytes, shownUrl, metrics);
        this.writes = JdbcWrites.onto(writer::submit, writer::offer, WriterTask::new);
        this.probe = new JdbcWriteProbe(writes, this::writeProbeRow);
        this.readers = new JdbcReaders(READERS, this::onPooledConnection);
        PgRoomMembers roomMembers = new PgRoomMembers(this);
        this.rooms = new JdbcRoomStore(writes, roomMembers);
        this.events = new JdbcEventLog(writes, PgNumbering.NUMBERING, roomMembers);
        this.accounts = new JdbcAccountStore(writes, new PgLookalikes());
        this.history = new PgHistoryStore(this);
        this.directory = new JdbcDirectoryStore(writes);
        this.leases = new PgNodeLeases(this, pool, history);
        this.presence = new PgPresenceDirectory(this, pool);
    }

    /** A shared store's task as the writing thread runs it. */
    private record WriterTask(JdbcTask task) implements PgWriter.Task {
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

        @Override
        public int lockedRoom() {
            return task.lockedRoom();
        }

        @Override
        public Object group() {
            return task.group();
        }

        @Override
        public void runTogether(Connection connection, List<PgWriter.Task> tasks) throws SQLException {
            task.group().run(connection, tasks.stream().map(t -> ((WriterTask) t).task()).toList());
        }
    }

    /** As {@link #open(String, String, long, StoreMetrics)} with the default queue and no metrics. */
    public static PostgresStore open(String url, String node) throws SQLException {
        return open(url, node, DEFAULT_MAX_QUEUED_BYTES, StoreMetrics.NONE);
    }

    /**
     * Opens the store at {@code url} ({@code postgresql://HOST[:PORT]/DB[?user=NAME&password=...]})
     * for the node named {@code node}, migrating the schema, and closes the history sessions this
     * node left open when it last stopped (a crash). At most about {@code maxQueuedBytes} of chat
     * and private messages wait to be written; past it they are refused at once
     * ({@link StoreBusyException}). Blocks: call at start-up.
     *
     * @throws UnreachableStoreException PostgreSQL cannot be reached or refuses the connection:
     *         its message is one line naming the address (never its password) and the fix
     * @throws SQLException the schema could not be migrated
     * @throws IllegalArgumentException {@code url} is not a PostgreSQL address
     */
    public static PostgresStore open(String url, String node, long maxQueuedBytes, StoreMetrics metrics)
            throws SQLException {
        StoreUrl address = StoreUrl.parse(url);
        HikariDataSource pool = pool(address);
        try {
            try (Connection connection = pool.getConnection()) {
                warnIfNotDurable(connection, address);
                PgMigrations.apply(connection);
                PgLookalikes.fill(connection);
            }
            log.info("Store open at {} as node {}", address.shown(), node);
            PostgresStore store = new PostgresStore(pool, address.shown(), node, maxQueuedBytes, metrics);
            try {
                store.history.closeSessionsLeftOpen(node).toCompletableFuture().join();
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
            return store;
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * The pool, connected once: a node that cannot reach PostgreSQL fails here, in one line.
     * Every connection it makes sets {@code synchronous_commit = on}, whatever the server's or
     * the role's default: a commit PostgreSQL acknowledged is on its disk (and on its synchronous
     * standbys, if it has any), so a message acknowledged is never lost when PostgreSQL crashes.
     */
    private static HikariDataSource pool(StoreUrl address) throws UnreachableStoreException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("parley-store");
        config.setJdbcUrl(address.jdbcUrl());
        config.setDataSourceProperties(address.credentials());
        config.addDataSourceProperty("ApplicationName", "parley");
        config.addDataSourceProperty("connectTimeout", "5"); // seconds, per attempt
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.setConnectionInitSql("SET synchronous_commit = on");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setInitializationFailTimeout(1); // fail at once, with the driver's reason
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new UnreachableStoreException("cannot reach the store at " + address.shown() + ": "
                    + oneLine(cause.getMessage()) + "; start PostgreSQL there (or correct --store"
                    + " postgresql://HOST:PORT/DB?user=NAME), then start this node again", cause);
        }
    }

    /** Says so, once at start, when PostgreSQL itself does not make commits durable. */
    private static void warnIfNotDurable(Connection connection, StoreUrl address) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_setting('fsync'), current_setting('synchronous_commit')")) {
            rows.next();
            if (!"on".equals(rows.getString(1)) || !"on".equals(rows.getString(2))) {
                log.warn("PostgreSQL at {} runs with fsync={} synchronous_commit={}: a crash of it may lose"
                        + " acknowledged messages", address.shown(), rows.getString(1), rows.getString(2));
            }
        }
    }

    static String oneLine(String text) {
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    @Override
    public RoomStore rooms() {
        return rooms;
    }

    @Override
    public EventLog events() {
        return events;
    }

    @Override
    public RoomReplay replay() {
        return new JdbcRoomReplay(this::read);
    }

    @Override
    public AccountStore accounts() {
        return accounts;
    }

    @Override
    public HistoryStore history() {
        return history;
    }

    @Override
    public DirectoryStore directory() {
        return directory;
    }

    @Override
    public Optional<NodeLeases> leases() {
        return Optional.of(leases);
    }

    /** The cluster's online names: held by this node's life, so only a node with a lease may use them. */
    @Override
    public Optional<io.parley.core.account.PresenceDirectory> presence() {
        return Optional.of(presence);
    }

    /** This node's life (see {@link NodeLeases}): 0 while it has none. */
    long life() {
        return life;
    }

    void life(long life) {
        this.life = life;
    }

    /** This node's name, as its history sessions record it. */
    String node() {
        return node;
    }

    /**
     * Closes the history sessions that node {@code deadNode} left open (it crashed, and its lease
     * ran out): each ends at the lobby's last message now. Completes with how many it closed.
     * For the cluster's membership, which knows when a node is gone. Thread-safe; never blocks.
     */
    public CompletionStage<Integer> closeSessionsLeftOpen(String deadNode) {
        return history.closeSessionsLeftOpen(deadNode);
    }

    /** A setting as the writing thread's connection sees it (for tests: synchronous_commit). */
    CompletableFuture<String> setting(String name) {
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT current_setting(?)")) {
                select.setString(1, name);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getString(1);
                }
            }
        });
    }

    /** Runs work on the writing thread, in its turn with every write, and completes with its result. */
    <T> CompletableFuture<T> query(SqlFunction<T> work) {
        return writes.query(work);
    }

    /** As {@link #query(SqlFunction)}, for a write of about {@code bytes} that is refused when the queue is full. */
    <T> CompletableFuture<T> query(long bytes, SqlFunction<T> work) {
        return writes.query(bytes, work);
    }

    /**
     * Runs a read on a reader thread with a connection of its own from the pool, and completes
     * with its result. Reads see what was committed when each statement runs.
     */
    <T> CompletableFuture<T> read(SqlFunction<T> work) {
        return readers.read(work);
    }

    /** The write probe's statement: a real write, this node's row of {@code probes}. */
    private int writeProbeRow(Connection connection) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO probes (node, probed_at)"
                + " VALUES (?, ?) ON CONFLICT (node) DO UPDATE SET probed_at = EXCLUDED.probed_at")) {
            upsert.setString(1, node);
            upsert.setLong(2, System.currentTimeMillis());
            return upsert.executeUpdate();
        }
    }

    private <T> T onPooledConnection(SqlFunction<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return work.apply(connection);
        }
    }

    /**
     * Commits a real write (this node's row of {@code probes}), in its turn with the writes
     * already queued: whether PostgreSQL takes durable writes from this node now. Callers share
     * the probe while one is queued. Thread-safe; never blocks.
     */
    @Override
    public CompletableFuture<Void> probeWrite() {
        return probe.probe();
    }

    @Override
    public int queueDepth() {
        return writer.queueDepth();
    }

    @Override
    public long queuedBytes() {
        return writer.queuedBytes();
    }

    /** Finishes every write already accepted, then closes the pool. */
    @Override
    public void close() {
        presence.close();
        leases.close(); // a clean stop: this node's members left one by one, nobody need announce them
        readers.stop();
        writer.close();
        readers.awaitStopped();
        pool.close();
        log.info("Store closed");
    }
}
