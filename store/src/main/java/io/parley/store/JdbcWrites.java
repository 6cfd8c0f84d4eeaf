package io.parley.store;

import io.parley.core.StoreBusyException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How a store runs work in its write transactions, in its turn with every other write: what the
 * shared {@code Jdbc*} stores need of SQLite's one writer connection and of PostgreSQL's pooled
 * writer alike. A store implements {@link #submit} and {@link #offer} over its own writer; the
 * queries are built on them.
 */
public interface JdbcWrites {

    /**
     * Writes onto a store's own writer: each task {@code wrap}ped as that writer takes it, then
     * submitted or offered to it.
     */
    static <W> JdbcWrites onto(Consumer<W> submit, Consumer<W> offer, Function<JdbcTask, W> wrap) {
        return new JdbcWrites() {
            @Override
            public void submit(JdbcTask task) {
                submit.accept(wrap.apply(task));
            }

            @Override
            public void offer(JdbcTask task) {
                offer.accept(wrap.apply(task));
            }
        };
    }

    /** Queues a task that must not be refused, whatever the queue holds (a leave, closing a session). */
    void submit(JdbcTask task);

    /**
     * Queues a task if the write queue has room for it; otherwise tells the task at once, on this
     * thread, that it was refused ({@link StoreBusyException}).
     */
    void offer(JdbcTask task);

    /** Runs {@code work} on the writing thread, in its turn with every write, and completes with its result. */
    default <T> CompletableFuture<T> query(SqlFunction<T> work) {
        return queryLocking(0, work);
    }

    /** As {@link #query(SqlFunction)}, for work that locks the row of room {@code ref} ({@link JdbcTask#lockedRoom}). */
    default <T> CompletableFuture<T> queryLocking(int ref, SqlFunction<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        submit(new JdbcQuery<>(work, result, JdbcTask.OVERHEAD_BYTES, ref));
        return result;
    }

    /**
     * As {@link #query(SqlFunction)}, for a write of about {@code bytes} that is refused when the
     * queue is full: the result then fails at once with a {@link StoreBusyException}.
     */
    default <T> CompletableFuture<T> query(long bytes, SqlFunction<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        offer(new JdbcQuery<>(work, result, bytes, 0));
        return result;
    }
}
