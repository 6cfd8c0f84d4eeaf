package io.parley.store;

import io.parley.core.StoreBusyException;
import io.parley.core.room.ChatMessage;
import io.parley.core.room.EventLog;
import io.parley.core.room.RoomEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * The event log in SQLite's {@code messages} table. Appends are group-committed by the store
 * thread, which places each event in its room's order inside the write transaction: a message
 * gets the room's next sequence ({@code MAX(seq) + 1}, in the insert), an id from SQLite (the
 * next rowid, so unique and increasing in commit order) and a time no earlier than the message
 * stored before it; a join or leave takes the room's last sequence and stores nothing. The callbacks run on
 * the store thread, in that order, after the commit; they only hand the event on (the bus
 * delivers it elsewhere).
 *
 * <p>A chat message ({@link RoomEvent.Posted}) is refused at once when the store's queue is full:
 * its callback then runs on the appending thread with a {@link StoreBusyException} (a failed post
 * only fails its sender's stage, so it needs no place in the order). Joins are refused the same
 * way; leaves are always queued: a leave must reach its room even when it cannot be stored.
 * Thread-safe.
 */
final class SqliteEventLog implements EventLog {

    /**
     * One statement numbers, inserts and reports: the room's next sequence is read inside the
     * insert (the unique index on (room_ref, seq) finds the last one), and RETURNING gives back
     * the id SQLite chose and that sequence.
     */
    private static final String INSERT = """
            INSERT INTO messages (room_ref, seq, sent_at, author, kind, text)
            VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM messages WHERE room_ref = ?1), ?2, ?3, ?4, ?5)
            RETURNING id, seq""";
    private static final String LAST_SEQUENCE = "SELECT COALESCE(MAX(seq), 0) FROM messages WHERE room_ref = ?";

    private final SqliteStore store;
    // Store thread only. Statements are prepared once and kept (they close with the connection).
    private PreparedStatement insert;
    private PreparedStatement lastSequence;
    /** The time of the last message placed: times never go back in the log's order. */
    private Instant lastTime = Instant.EPOCH;

    SqliteEventLog(SqliteStore store) {
        this.store = store;
    }

    @Override
    public void append(RoomEvent event, BiConsumer<RoomEvent, Throwable> done) {
        long textBytes = event.message().map(m -> 2L * (m.text().length() + m.author().length())).orElse(0L);
        StoreWriter.Task task = new StoreWriter.Task() {
            /** The event as placed by the last run; a batch that failed may run again, alone. */
            private RoomEvent placed;

            @Override
            public void run(Connection connection) throws SQLException {
                placed = place(connection, event);
            }

            @Override
            public void done(Throwable failure) {
                if (failure == null) {
                    done.accept(placed, null);
                } else {
                    done.accept(event, failure);
                }
            }

            @Override
            public long queuedBytes() {
                // Java strings hold up to two bytes a character.
                return StoreWriter.TASK_OVERHEAD_BYTES + textBytes;
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

    /** Store thread only, inside the write transaction: the event at its place in its room's order. */
    private RoomEvent place(Connection connection, RoomEvent event) throws SQLException {
        int ref = event.room().ref();
        if (event instanceof RoomEvent.Posted posted) {
            ChatMessage draft = posted.chat();
            Instant time = draft.time().isBefore(lastTime) ? lastTime : draft.time();
            RoomEvent.Posted stored = insert(connection, posted, time);
            lastTime = time;
            return stored;
        }
        long last = lastSequence(connection, ref);
        if (event instanceof RoomEvent.Joined joined) {
            return joined.placed(last);
        }
        return ((RoomEvent.Left) event).placed(last);
    }

    private long lastSequence(Connection connection, int ref) throws SQLException {
        try {
            if (lastSequence == null) {
                lastSequence = connection.prepareStatement(LAST_SEQUENCE);
            }
            lastSequence.setInt(1, ref);
            try (ResultSet rows = lastSequence.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            lastSequence = dropped(lastSequence, e);
            throw e;
        }
    }

    /** Inserts the message at {@code time}; returns it placed, with the sequence and id it was given. */
    private RoomEvent.Posted insert(Connection connection, RoomEvent.Posted posted, Instant time) throws SQLException {
        ChatMessage message = posted.chat();
        try {
            if (insert == null) {
                insert = connection.prepareStatement(INSERT);
            }
            insert.setInt(1, posted.room().ref());
            insert.setLong(2, time.toEpochMilli());
            insert.setString(3, message.author());
            insert.setString(4, message.kind().name());
            insert.setString(5, message.text());
            try (ResultSet placed = insert.executeQuery()) {
                placed.next();
                return posted.placed(placed.getLong(2), placed.getLong(1), time);
            }
        } catch (SQLException e) {
            insert = dropped(insert, e);
            throw e;
        }
    }

    /**
     * After a failure (a full disk, an I/O error) the driver may have finalized a kept statement,
     * so it is closed and prepared again on next use, or every later message would fail with
     * "statement is not executing". Returns null, the statement's new value.
     */
    private static PreparedStatement dropped(PreparedStatement failed, SQLException failure) {
        if (failed != null) {
            try {
                failed.close();
            } catch (SQLException closeFailure) {
                failure.addSuppressed(closeFailure);
            }
        }
        return null;
    }
}
