package io.parley.store;

import io.parley.core.StoreBusyException;
import io.parley.core.pass.Pass;
import io.parley.core.pass.PassEnd;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.sqlite.SQLiteException;
import org.slf4j.LoggerFactory;

/**
 * The store's one thread: the only code that writes through the SQLite connection. It takes tasks
 * in submission order and runs as many as are waiting in one transaction (group commit), then
 * tells each task the outcome, in order. Nothing else blocks on the database, and event loops
 * never do.
 *
 * <p>The queue is bounded in bytes ({@link Task#queuedBytes}): while the database cannot keep up
 * (another process holds its lock, the disk stalls) a task {@link #offer offered} past the bound
 * is refused at once with a {@link StoreBusyException}, rather than growing the heap until the
 * lock goes and then releasing the whole backlog on the rooms in one burst. Tasks that must not be
 * refused (a leave, closing a history session) are {@link #submit submitted} and always queued;
 * they count against the bound too.
 *
 * <p>Hand-over: a thread that works in passes ({@link PassEnd}: an event loop) hands its tasks
 * over together at the end of its pass, so that they share one wake-up of the store thread and one
 * transaction; a thread that does not hands each over at once. Either way each thread's tasks keep
 * their order. The store thread's own pass is a batch: what its callbacks queue (a completion for
 * {@code parley-fanout}, a task for itself) is handed over once the batch's outcomes are told.
 *
 * <p>Thread-safety: {@link #submit} and {@link #offer} may be called from any thread.
 */
final class StoreWriter implements AutoCloseable {

    /** One unit of work for the store thread. */
    interface Task {
        /** Does the work inside the current transaction. */
        void run(Connection connection) throws SQLException;

        /**
         * Called on the store thread after the commit (null) or the failure; for a task
         * {@link #offer} refused, on the offering thread before {@code offer} returns.
         */
        void done(Throwable failure);

        /** Roughly the heap this task holds while it waits (its text and its objects). */
        default long queuedBytes() {
            return TASK_OVERHEAD_BYTES;
        }
    }

    /** What a queued task costs beyond its text: the task, its event, message and callbacks. */
    static final long TASK_OVERHEAD_BYTES = 256;
    /**
     * Thousands of messages: a busy server's writes wait a few milliseconds, so only a stalled
     * database fills it. Kept under twice the default outbound cap (1 MiB; a queued message holds
     * about twice its rendered size), so the backlog released when the database comes back fits in
     * every member's output, and nobody is disconnected as a slow reader for it.
     */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 2L * 1024 * 1024;

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
    /** The database file, as failures name it. */
    private final String location;
    private final StoreMetrics metrics;
    private final TaskQueue queue = new TaskQueue();
    /**
     * A thread's tasks of its current pass, handed to the queue when the pass ends; set only
     * during a pass, so no thread keeps an entry (and through it this writer) between passes.
     */
    private final ThreadLocal<PassTasks> passTasks = new ThreadLocal<>();
    private final long maxQueuedBytes;
    /** What the tasks queued or running hold ({@link Task#queuedBytes}), until their outcome is told. */
    private final AtomicLong queuedBytes = new AtomicLong();
    /** Whether offers are being refused: the episode is logged once, not each refusal. */
    private final AtomicBoolean refusing = new AtomicBoolean();
    private final Thread thread;
    private final Runnable rolledBack;
    private volatile boolean closed;

    StoreWriter(Connection connection) {
        this(connection, DEFAULT_MAX_QUEUED_BYTES, "the database", StoreMetrics.NONE);
    }

    StoreWriter(Connection connection, long maxQueuedBytes) {
        this(connection, maxQueuedBytes, "the database", StoreMetrics.NONE);
    }

    StoreWriter(Connection connection, StoreMetrics metrics) {
        this(connection, DEFAULT_MAX_QUEUED_BYTES, "the database", metrics);
    }

    StoreWriter(Connection connection, long maxQueuedBytes, String location, StoreMetrics metrics) {
        this(connection, maxQueuedBytes, location, metrics, () -> {});
    }

    /**
     * As the others, telling {@code rolledBack} after each transaction that was rolled back (or
     * whose {@code BEGIN} failed), before anything else runs: what the tasks remembered of it
     * ({@link SqliteNumbering}) is no longer so.
     */
    StoreWriter(Connection connection, long maxQueuedBytes, String location, StoreMetrics metrics, Runnable rolledBack) {
        this.rolledBack = rolledBack;
        this.connection = connection;
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

    /**
     * Queues a task if the queue has room for it; otherwise tells the task at once, on this
     * thread, that it was refused ({@link StoreBusyException}). A refused task has no place in
     * the order of outcomes, so only tasks whose failure touches nothing else may be offered.
     */
    void offer(Task task) {
        long bytes = task.queuedBytes();
        long after = queuedBytes.addAndGet(bytes);
        if (after > maxQueuedBytes && after != bytes) { // an empty queue takes any one task
            queuedBytes.addAndGet(-bytes);
            if (refusing.compareAndSet(false, true)) {
                log.warn("The store is behind writing {} ({} KiB waiting): refusing new messages and joins until it catches up",
                        location, (after - bytes) / 1024);
            }
            task.done(new StoreBusyException("the store is behind (" + (after - bytes) / 1024
                    + " KiB waiting to be written); try again"));
            return;
        }
        enqueue(task);
    }

    /** What the queued and running tasks hold now, in bytes ({@link Task#queuedBytes}). */
    long queuedBytes() {
        return queuedBytes.get();
    }

    private void enqueue(Task task) {
        PassTasks ofThisPass = passTasks.get();
        if (ofThisPass == null) {
            PassTasks opened = new PassTasks();
            if (!PassEnd.defer(opened)) {
                queue.add(task);
                if (closed) {
                    failLateTasks(); // the thread has stopped looking at the queue
                }
                return;
            }
            passTasks.set(opened);
            ofThisPass = opened;
        }
        ofThisPass.tasks.add(task);
    }

    /**
     * One thread's tasks of its current pass; handing them over is the pass's deferred action,
     * which runs on the same thread (a loop's task, or the store thread's {@link Pass}).
     */
    private final class PassTasks implements Runnable {
        private final List<Task> tasks = new ArrayList<>();

        @Override
        public void run() {
            passTasks.remove();
            queue.addAll(tasks);
            if (closed) {
                failLateTasks();
            }
        }
    }

    private void loop() {
        List<Task> batch = new ArrayList<>();
        Pass pass = new Pass();
        PassEnd.workInPasses(pass);
        try {
            while (true) {
                queue.takeInto(batch, MAX_BATCH);
                boolean stop = batch.remove(STOP);
                pass.run(() -> runBatch(batch));
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
                SQLException described = described(batchFailure);
                log.warn("Store write of {} tasks failed: {}", batch.size(), described.getMessage());
                batch.forEach(task -> report(task, described));
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
        String code = resultCode(failure);
        return DATABASE_FAILURES.stream().anyMatch(code::startsWith);
    }

    private static String resultCode(SQLException failure) {
        return failure instanceof SQLiteException sqlite ? sqlite.getResultCode().name() : "";
    }

    /** A database failure as an operator needs to read it: what happened, to which file. */
    private SQLException described(SQLException failure) {
        String code = resultCode(failure);
        String what = code.startsWith("SQLITE_FULL") ? "disk full: cannot write " + location
                + " (free space on its disk; writes resume by themselves)"
                : code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")
                        ? location + " is locked by another process (" + failure.getMessage() + ")"
                        : location + ": " + failure.getMessage();
        return new SQLException(what, failure.getSQLState(), failure.getErrorCode(), failure);
    }

    /** Tells a task its outcome; a callback that throws must not stop the store thread. */
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

    /**
     * Runs the tasks in one transaction. On failure the first cause is what is thrown: after some
     * errors (a full disk, an I/O error) SQLite has already rolled the transaction back, and the
     * rollback's own "no transaction is active" must not hide why.
     *
     * <p>The transaction is SQL's own, not the driver's: the connection stays in autocommit as
     * sqlite-jdbc sees it. Its setAutoCommit(false) marks a transaction open before its BEGIN runs,
     * so a BEGIN that fails (another process held the lock past the busy timeout) left the next
     * batch running each statement alone; and its commit() begins the next transaction at once,
     * taking the write lock again after every batch.
     */
    private void inTransaction(List<Task> tasks) throws SQLException {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            boolean begun = false;
            try {
                // IMMEDIATE: the write lock is taken now, waiting for it as long as the busy
                // timeout allows. A deferred transaction that reads first (the event log reads a
                // room's last sequence before it inserts) would fail at once with SQLITE_BUSY when
                // it upgrades while another process holds the lock, without waiting.
                statement.execute("BEGIN IMMEDIATE");
                begun = true;
                for (Task task : tasks) {
                    task.run(connection);
                }
                statement.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                metrics.failed(tasks.size());
                SQLException failure = e instanceof SQLException sql ? sql : new SQLException(e);
                if (begun) {
                    try {
                        statement.execute("ROLLBACK");
                    } catch (SQLException rollbackFailure) {
                        failure.addSuppressed(rollbackFailure);
                    }
                }
                rolledBack.run();
                throw failure;
            }
        }
        metrics.committed(tasks.size(), System.nanoTime() - start);
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
