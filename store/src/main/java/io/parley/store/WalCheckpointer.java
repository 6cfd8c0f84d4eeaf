package io.parley.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies what the write-ahead log holds back into the database file on a thread of its own
 * ({@code parley-store-checkpoint}), so that the store thread never does.
 *
 * <p>Why: SQLite checkpoints inside the commit that takes the log past
 * {@code wal_autocheckpoint} pages (1,000 by default, every second or two at 10,000 messages/s).
 * Such a commit writes the log's pages into the database and syncs both files, so it took 10 to
 * 50 ms instead of well under one, and every message of the batches queued behind it waited that
 * long before reaching a member (measured: 130 of 3,800 commits of a W4 run over 10 ms). A
 * {@code PASSIVE} checkpoint on another connection waits for no reader or writer, and the writer
 * goes on appending to the log meanwhile; once a checkpoint has copied everything, the writer's
 * next transaction starts the log from its beginning again, so it stays small.
 *
 * <p>The writer's own automatic checkpoint stays, at {@link #WRITER_BACKSTOP_PAGES}: should this
 * thread fall behind (a long read holding old pages, a slow disk), the log still cannot grow
 * without bound. Durability is not touched: a commit is as durable as before (it is in the log,
 * {@code synchronous=NORMAL}); checkpoints only move committed pages.
 *
 * <p>Thread-safe; its connection is used by its thread alone.
 */
final class WalCheckpointer implements AutoCloseable {

    /** How often the log is checkpointed: a few hundred milliseconds of writes is a small log. */
    static final long PERIOD_MS = 250;
    /** The writer's {@code wal_autocheckpoint}: 16,384 pages of 4 KiB, 64 MiB of log. */
    static final int WRITER_BACKSTOP_PAGES = 16_384;

    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

    private final Connection connection;
    private final ScheduledExecutorService thread;
    /** Whether the last failure was logged: a failing checkpoint is logged once, not four times a second. */
    private boolean failing;

    /** Starts checkpointing through {@code connection} (read-write, on the store's file), which it closes. */
    WalCheckpointer(Connection connection) {
        this.connection = connection;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread checkpoints = new Thread(runnable, "parley-store-checkpoint");
            checkpoints.setDaemon(true);
            return checkpoints;
        });
        thread.scheduleWithFixedDelay(this::checkpointQuietly, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** The writer connection's settings that hand checkpoints to this class. */
    static void configureWriter(Statement writer) throws SQLException {
        writer.execute("PRAGMA wal_autocheckpoint = " + WRITER_BACKSTOP_PAGES);
    }

    /**
     * Checkpoints now, on the calling thread (tests; the scheduled runs use the checkpointer's
     * thread): the log's frames and how many of them are now in the database file.
     */
    synchronized Result checkpoint() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            row.next();
            return new Result(row.getInt(2), row.getInt(3));
        }
    }

    /** What one checkpoint found: the frames in the log, and how many are now in the database file. */
    record Result(int logFrames, int checkpointedFrames) {}

    private void checkpointQuietly() {
        try {
            checkpoint();
            if (failing) {
                failing = false;
                log.info("Store checkpoints work again");
            }
        } catch (SQLException | RuntimeException e) {
            // The store goes on: its writer checkpoints by itself at the backstop.
            if (!failing) {
                failing = true;
                log.warn("Store checkpoint failed (the writer will checkpoint by itself): {}", e.getMessage());
            }
        }
    }

    /** Stops checkpointing (a checkpoint under way finishes first) and closes the connection. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("A store checkpoint did not finish within 10 s; closing its connection anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("Closing the checkpoint connection failed: {}", e.getMessage());
        }
    }
}
