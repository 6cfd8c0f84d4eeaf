package io.parley.store.postgresql;

import io.parley.core.StoreBusyException;
import io.parley.store.StoreMetrics;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one writing thread ({@code parley-store}), as the SQLite store's {@code StoreWriter}:
 * it takes tasks in submission order and runs as many as are waiting in one transaction on one
 * pooled connection (group commit: one commit, so one WAL flush, for the lot), then tells each
 * task the outcome, in order. Nothing else writes, and event loops never wait for PostgreSQL.
 *
 * <p>The queue is bounded in bytes ({@link Task#queuedBytes}): while PostgreSQL cannot keep up or
 * cannot be reached, a task {@link #offer offered} past the bound is refused at once with a
 * {@link StoreBusyException}. Tasks that must not be refused (a leave, closing a history session)
 * are {@link #submit submitted} and always queued.
 *
 * <p>Several nodes write to one database, each with its own writer, so transactions of different
 * nodes run at once and may wait for one another's row locks (a room's row, which numbers its
 * messages). A batch that touches two rooms or more locks their rows first, in ref order, as
 * every node does: two nodes' batches then never wait for each other in a cycle. Consecutive
 * messages of one room in a batch are stored by one statement ({@link #together}), so the room's
 * row is held for one round trip and the commit, not one round trip per message.
 *
 * <p>Thread-safety: {@link #submit} and {@link #offer} may be called from any thread.
 */
final class PgWriter implements AutoCloseable {

    /** One unit of work for the writing thread. */
    interface Task {
        /** Does the work inside the current transaction. */
        void run(Connection connection) throws SQLException;

        /**
         * Called on the writing thread after the commit (null) or the failure; for a task
         * {@link #offer} refused, on the offering thread before {@code offer} returns.
         */
        void done(Throwable failure);

        /** Roughly the heap this task holds while it waits (its text and its objects). */
        default long queuedBytes() {
            return TASK_OVERHEAD_BYTES;
        }

        /** The ref of the room whose row this task locks (it numbers or removes it), or 0. */
        default int lockedRoom() {
            return 0;
        }

        /**
         * The tasks this one may run with in one statement, or null (it runs alone): consecutive
         * tasks of a batch with equal groups run through one {@link #runTogether}.
         */
        default Object group() {
            return null;
        }

        /** Does the work of {@code tasks} (this task first, all of its group, in order) as their runs would. */
        default void runTogether(Connection connection, List<Task> tasks) throws SQLException {
            for (Task task : tasks) {
                task.run(connection);
            }
        }
    }

    /** What a queued task costs beyond its text: the task, its event, message and callbacks. */
    static final long TASK_OVERHEAD_BYTES = 256;
    /** As the SQLite store's default (see {@code StoreWriter.DEFAULT_MAX_QUEUED_BYTES} for why). */
    static final long DEFAULT_MAX_QUEUED_BYTES = 2L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(PgWriter.class);
    /** The most tasks one transaction takes; bounds the latency a batch adds. */
    private static final int MAX_BATCH = 512;
    private static final String LOCK_ROOMS =
            "SELECT ref FROM rooms WHERE ref = ANY (?) ORDER BY ref FOR NO KEY UPDATE";
    private static final Task STOP = new Task() {
        @Override
        public void run(Connection connection) {}

        @Override
        public void done(Throwable failure) {}
    };

    private final DataSource pool;
    /** The database's address without its password, as failures name it. */
    private final String location;
    private final StoreMetrics metrics;
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final long maxQueuedBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    /** Whether offers are being refused: the episode is logged once, not each refusal. */
    private final AtomicBoolean refusing = new AtomicBoolean();
    /** Whether the last batch failed for the database's sake: the outage is logged once. */
    private boolean unavailable;
    private final Thread thread;
    private volatile boolean closed;

    PgWriter(DataSource pool, long maxQueuedBytes, String location, StoreMetrics metrics) {
        this.pool = pool;
        this.metrics = metrics;
        this.location = location;
        this.maxQueuedBytes = maxQueuedBytes;
        this.thread = new Thread(this::loop, "parley-store");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a task that must not be refused, whatever the queue holds. */
    void submit(Task task) {
        queuedBytes.addAndGet(task.queuedBytes());
        enqueue(task);
    }

    /** Queues a task if the queue has room for it; otherwise fails it at once, on this thread. */
    void offer(Task task) {
        long bytes = task.queuedBytes();
        long after = queuedBytes.addAndGet(bytes);
        if (after > maxQueuedBytes && after != bytes) { // an empty queue takes any one task
            queuedBytes.addAndGet(-bytes);
            if (refusing.compareAndSet(false, true)) {
                log.warn("The store is behind writing to {} ({} KiB waiting): refusing new messages and joins until it catches up",
                        location, (after - bytes) / 1024);
            }
            task.done(new StoreBusyException("the store is behind (" + (after - bytes) / 1024
                    + " KiB waiting to be written); try again"));
            return;
        }
        enqueue(task);
    }

    long queuedBytes() {
        return queuedBytes.get();
    }

    int queueDepth() {
        return queue.size();
    }

    private void enqueue(Task task) {
        queue.add(task);
        if (closed) {
            failLateTasks();
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
                    closed = true;
                    failLateTasks();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

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
            available();
            batch.forEach(task -> report(task, null));
        } catch (SQLException batchFailure) {
            if (isDatabaseFailure(batchFailure)) {
                // PostgreSQL is gone or refuses (restarting, unreachable, disk full): every task
                // fails now with the reason, and the pool reconnects for the next batch.
                SQLException described = described(batchFailure);
                if (!unavailable) {
                    unavailable = true;
                    log.warn("Store write of {} tasks failed: {}", batch.size(), described.getMessage());
                }
                batch.forEach(task -> report(task, described));
                return;
            }
            // One bad task (or a deadlock another node's transaction lost us) must not fail the
            // others: a failed statement ends PostgreSQL's transaction, so each runs again alone.
            for (Task task : batch) {
                try {
                    inTransaction(List.of(task));
                    report(task, null);
                } catch (SQLException e) {
                    report(task, isDatabaseFailure(e) ? described(e) : e);
                }
            }
        }
    }

    private void available() {
        if (unavailable) {
            unavailable = false;
            log.info("The store at {} takes writes again", location);
        }
    }

    /**
     * Whether the failure is the database's, not one task's: no connection (SQLSTATE class 08,
     * or none free in time: the pool's timeout), the server shutting down or starting (57P),
     * out of resources (53: disk full, too many connections), an I/O error (58), or read-only
     * (25006: a standby). Retrying task by task cannot help.
     */
    static boolean isDatabaseFailure(SQLException failure) {
        if (failure instanceof SQLTransientConnectionException) {
            return true;
        }
        String state = failure.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
                || state.startsWith("58") || state.equals("25006"));
    }

    private SQLException described(SQLException failure) {
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage().strip().lines()
                .findFirst().orElse("");
        return new SQLException("PostgreSQL at " + location + " cannot take writes now (" + message + "); try again",
                failure.getSQLState(), failure.getErrorCode(), failure);
    }

    private void report(Task task, Throwable failure) {
        long left = queuedBytes.addAndGet(-task.queuedBytes());
        if (left < maxQueuedBytes / 2 && refusing.compareAndSet(true, false)) {
            log.info("The store has caught up: accepting messages again");
        }
        try {
            task.done(failure);
        } catch (RuntimeException e) {
            log.error("A store callback failed", e);
        }
    }

    /** Runs the tasks in one transaction on a connection of the pool, committing once. */
    private void inTransaction(List<Task> tasks) throws SQLException {
        long start = System.nanoTime();
        try (Connection connection = pool.getConnection()) {
            SQLException failure = null;
            try {
                connection.setAutoCommit(false);
                lockRooms(connection, tasks);
                for (List<Task> together : together(tasks)) {
                    if (together.size() == 1) {
                        together.get(0).run(connection);
                    } else {
                        together.get(0).runTogether(connection, together);
                    }
                }
                connection.commit();
                metrics.committed(tasks.size(), System.nanoTime() - start);
            } catch (SQLException | RuntimeException e) {
                failure = e instanceof SQLException sql ? sql : new SQLException(e);
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    failure.addSuppressed(rollbackFailure);
                }
            }
            if (failure != null) {
                metrics.failed(tasks.size());
                throw failure; // the pool resets auto-commit, or drops a broken connection
            }
        } catch (SQLException e) {
            if (e instanceof SQLTransientConnectionException) {
                metrics.failed(tasks.size()); // no connection: nothing ran
            }
            throw e;
        }
    }

    /**
     * The batch as its statements run: each task alone, except that consecutive tasks of one
     * group (a room's messages) run as one. Nothing is moved: ids and times, which follow the
     * log's order across rooms, still do.
     */
    static List<List<Task>> together(List<Task> tasks) {
        List<List<Task>> units = new ArrayList<>(tasks.size());
        Object previous = null;
        for (Task task : tasks) {
            Object group = task.group();
            if (group != null && group.equals(previous)) {
                units.get(units.size() - 1).add(task);
            } else {
                List<Task> unit = new ArrayList<>(1);
                unit.add(task);
                units.add(unit);
            }
            previous = group;
        }
        return units;
    }

    /**
     * Locks the rows of the rooms the batch numbers, in ref order, when there are two or more:
     * every node takes them in that one order, so no two batches wait for each other.
     */
    private static void lockRooms(Connection connection, List<Task> tasks) throws SQLException {
        TreeSet<Integer> rooms = new TreeSet<>();
        for (Task task : tasks) {
            if (task.lockedRoom() > 0) {
                rooms.add(task.lockedRoom());
            }
        }
        if (rooms.size() < 2) {
            return; // the task's own statement locks the one row
        }
        try (PreparedStatement lock = connection.prepareStatement(LOCK_ROOMS)) {
            Array refs = connection.createArrayOf("integer", rooms.toArray());
            lock.setArray(1, refs);
            lock.executeQuery().close();
            refs.free();
        }
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
