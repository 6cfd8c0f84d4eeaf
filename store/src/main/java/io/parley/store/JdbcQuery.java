package io.parley.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/**
 * A query whose outcome completes a future ({@link JdbcWrites#query}). A
 * {@link WriteRefusedException} fails only its own future: nothing went wrong in the transaction,
 * so the rest of the batch commits.
 */
final class JdbcQuery<T> implements JdbcTask {
    private final SqlFunction<T> work;
    private final CompletableFuture<T> result;
    private final long bytes;
    private final int room;
    /** The outcome of the last run; a batch that failed may run the query again, alone. */
    private T value;
    private WriteRefusedException refused;

    JdbcQuery(SqlFunction<T> work, CompletableFuture<T> result, long bytes, int room) {
        this.work = work;
        this.result = result;
        this.bytes = bytes;
        this.room = room;
    }

    @Override
    public void run(Connection connection) throws SQLException {
        refused = null;
        try {
            value = work.apply(connection);
        } catch (WriteRefusedException e) {
            refused = e;
        }
    }

    @Override
    public void done(Throwable failure) {
        if (failure == null && refused == null) {
            result.complete(value);
        } else {
            result.completeExceptionally(failure != null ? failure : refused);
        }
    }

    @Override
    public long queuedBytes() {
        return bytes;
    }

    @Override
    public int lockedRoom() {
        return room;
    }
}
