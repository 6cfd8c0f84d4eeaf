package io.parley.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.sqlite.SQLiteException;
import org.slf4j.LoggerFactory;

/**
 * The store's one thread: the only code that touches the SQLite connection. It takes tasks in
 * submission order and runs as many as are waiting in one transaction (group commit), then tells
 * each task the outcome, in order. Nothing else blocks on the database, and event loops never do.
 *
 * <p>Thread-safety: {@link #submit} may be called from any thread.
 */
final class StoreWriter implements AutoCloseable {

    /** One unit of work for the store thread. */
    interface Task {
        /** Does the work inside the current transaction. */
        void run(Connection connection) throws SQLException;

        /** Called on the store thread after the commit (null) or the failure. */
        void done(Throwable failure);
    }

    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);
    /** The most tasks one transaction takes; bounds the latency a batch adds. */
    private static final int MAX_BATCH = 512;
    private static final Task STOP = new Task() {
        @Override
        public void run(Connection connection) {}

        @Override
        public void done(Throwable failure) {}
    };

    private final Connection connection;
    private final StoreMetrics metrics;
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    StoreWriter(Connection connection, StoreMetrics metrics) {
        this.connection = connection;
        this.metrics = metrics;
        this.thread = new Thread(this::loop, "parley-store");
        thread.setDaemon(true);
        thread.start();
    }

    void submit(Task task) {
        queue.add(task);
        if (closed) {
            failLateTasks(); // the thread has stopped looking at the queue
        }
    }

    private void loop() {
        List<Task> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                boolean stop = batch.remove(STOP);
                runBatch(batch);
                batch.clear();
                if (stop) {
                    // Set before the last look: a task added after that look sees it and fails
                    // itself, one added before it is failed here.
                    closed = true;
                    failLateTasks();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Fails what was submitted after the stop, so that nobody waits for it for ever. Once the
     * store thread has stopped, submitting threads run this too, so it is synchronized: outcomes
     * are reported one at a time and in queue order, as the store thread reports them (a room's
     * leaves are dispatched from these callbacks, and a room takes one event at a time).
     */
    private synchronized void failLateTasks() {
        IllegalStateException refusal = new IllegalStateException("the store is closed");
        for (Task late = queue.poll(); late != null; late = queue.poll()) {
            report(late, refusal);
        }
    }

    private void runBatch(List<Task> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            inTransaction(batch);
            batch.forEach(task -> report(task, null));
        } catch (SQLException batchFailure) {
            if (isDatabaseFailure(batchFailure)) {
                // The database itself refused (locked, read-only, full, I/O): every task fails
                // now, with the reason, rather than each waiting out the busy timeout again.
                log.warn("Store write of {} tasks failed: {}", batch.size(), batchFailure.getMessage());
                batch.forEach(task -> report(task, batchFailure));
                return;
            }
            // One bad task must not fail the others: retry each on its own.
            for (Task task : batch) {
                try {
                    inTransaction(List.of(task));
                    report(task, null);
                } catch (SQLException e) {
                    log.warn("Store write failed: {}", e.getMessage());
                    report(task, e);
                }
            }
        }
    }

    /** Result codes that mean the database, not one task, failed: retrying task by task cannot help. */
    private static final List<String> DATABASE_FAILURES = List.of("SQLITE_BUSY", "SQLITE_LOCKED",
            "SQLITE_READONLY", "SQLITE_FULL", "SQLITE_IOERR", "SQLITE_CORRUPT", "SQLITE_NOTADB",
            "SQLITE_CANTOPEN", "SQLITE_PERM");

    /** Whether the batch failed for the database's sake (a task's own failure is anything else). */
    private static boolean isDatabaseFailure(SQLException failure) {
        if (!(failure instanceof SQLiteException sqlite)) {
            return false;
        }
        String code = sqlite.getResultCode().name();
        return DATABASE_FAILURES.stream().anyMatch(code::startsWith);
    }

    /** Tells a task its outcome; a callback that throws must not stop the store thread. */
    private static void report(Task task, Throwable failure) {
        try {
            task.done(failure);
        } catch (RuntimeException e) {
            log.error("A store callback failed", e);
        }
    }

    private void inTransaction(List<Task> tasks) throws SQLException {
        long start = System.nanoTime();
        connection.setAutoCommit(false);
        try {
            for (Task task : tasks) {
                task.run(connection);
            }
            connection.commit();
            metrics.committed(tasks.size(), System.nanoTime() - start);
        } catch (SQLException | RuntimeException e) {
            metrics.failed(tasks.size());
            connection.rollback();
            throw e instanceof SQLException sql ? sql : new SQLException(e);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The tasks waiting for the store thread (not those of the transaction running now). */
    int queueDepth() {
        return queue.size();
    }

    /** Runs what was submitted before, then stops the thread. */
    @Override
    public void close() {
        if (!thread.isAlive()) {
            return;
        }
        queue.add(STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
