package io.parley.store;

import io.parley.core.StoreBusyException;
import io.parley.core.room.ChatMessage;
import io.parley.core.room.EventLog;
import io.parley.core.room.RoomEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The event log in SQLite's {@code messages} table. Appends are group-committed by the store
 * thread, and their callbacks run there, in append order, after the commit. A chat message
 * ({@link RoomEvent.Posted}) is refused at once when the store's queue is full: its callback then
 * runs on the appending thread with a {@link StoreBusyException} (a failed post only fails its
 * sender's stage, so it needs no place in the order). Joins and leaves are always queued: a leave
 * must reach its room even when it cannot be stored. Thread-safe.
 */
final class SqliteEventLog implements EventLog {

    private static final String INSERT =
            "INSERT INTO messages (id, room_ref, sent_at, author, kind, text) VALUES (?, ?, ?, ?, ?, ?)";

    private final SqliteStore store;
    /** Prepared once, on the store thread, which alone uses it (it closes with the connection). */
    private PreparedStatement insert;

    SqliteEventLog(SqliteStore store) {
        this.store = store;
    }

    @Override
    public void append(RoomEvent event, Consumer<Throwable> done) {
        Optional<ChatMessage> message = event.message();
        StoreWriter.Task task = new StoreWriter.Task() {
            @Override
            public void run(Connection connection) throws SQLException {
                if (message.isPresent()) {
                    insert(connection, message.get());
                }
            }

            @Override
            public void done(Throwable failure) {
                done.accept(failure);
            }

            @Override
            public long queuedBytes() {
                // Java strings hold up to two bytes a character.
                return StoreWriter.TASK_OVERHEAD_BYTES
                        + message.map(m -> 2L * (m.text().length() + m.author().length())).orElse(0L);
            }
        };
        // What a client can repeat at will (posts, joins) is refused past store.max-queued-bytes;
        // a leave is always queued: a member who is gone must leave, whatever the queue holds.
        if (event instanceof RoomEvent.Posted || event instanceof RoomEvent.Joined) {
            store.offer(task);
        } else {
            store.submit(task);
        }
    }

    /**
     * Store thread only. The statement is prepared once and kept; after a failure (a full disk,
     * an I/O error) the driver may have finalized it, so it is dropped and prepared again on next
     * use, or every later message would fail with "statement is not executing".
     */
    private void insert(Connection connection, ChatMessage message) throws SQLException {
        if (insert == null) {
            insert = connection.prepareStatement(INSERT);
        }
        try {
            insert.setLong(1, message.id());
            insert.setInt(2, message.roomRef());
            insert.setLong(3, message.time().toEpochMilli());
            insert.setString(4, message.author());
            insert.setString(5, message.kind().name());
            insert.setString(6, message.text());
            insert.executeUpdate();
        } catch (SQLException e) {
            PreparedStatement failed = insert;
            insert = null;
            try {
                failed.close();
            } catch (SQLException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    @Override
    public long lastMessageId() {
        return store.query(connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(id), 0) FROM messages")) {
                rows.next();
                return rows.getLong(1);
            }
        }).join();
    }
}
