package io.parley.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One unit of work for a store's writing thread, as the shared {@code Jdbc*} stores hand it to
 * {@link JdbcWrites}: it runs inside the writer's transaction (group commit) and is told the
 * outcome after the commit or the failure. Each store passes it on to its own writer (SQLite's
 * {@code StoreWriter}, PostgreSQL's {@code PgWriter}).
 */
public interface JdbcTask {

    /** What a queued task costs beyond its text: the task, its event, message and callbacks. */
    long OVERHEAD_BYTES = StoreWriter.TASK_OVERHEAD_BYTES;

    /** Does the work inside the current transaction; a batch that failed may run it again, alone. */
    void run(Connection connection) throws SQLException;

    /**
     * Called on the writing thread after the commit (null) or the failure; for a task
     * {@link JdbcWrites#offer} refused, on the offering thread before {@code offer} returns.
     */
    void done(Throwable failure);

    /** Roughly the heap this task holds while it waits (its text and its objects). */
    default long queuedBytes() {
        return OVERHEAD_BYTES;
    }

    /**
     * The ref of the room whose row this task locks (it numbers or removes the room), or 0. A
     * PostgreSQL batch locks such rows in ref order first, so that two nodes' batches never wait
     * for each other in a cycle; SQLite, with one writer, needs no such order.
     */
    default int lockedRoom() {
        return 0;
    }

    /**
     * The tasks this one may run with, or null (the default): it runs alone. A writer that can (PostgreSQL's)
     * runs consecutive tasks of a batch whose groups are equal through one {@link Group#run}, in one
     * statement where each would take one; SQLite's writer runs every task alone.
     */
    default Group group() {
        return null;
    }

    /** Tasks that run as one; equal groups (by {@code equals}) run together. */
    interface Group {
        /**
         * Does the work of {@code tasks} (all of this group, in the batch's order) inside the current
         * transaction, as their {@link JdbcTask#run}s one after another would.
         */
        void run(Connection connection, List<JdbcTask> tasks) throws SQLException;
    }
}
