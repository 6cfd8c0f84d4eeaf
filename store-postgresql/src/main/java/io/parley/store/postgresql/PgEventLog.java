package io.parley.store.postgresql;

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
 * The event log in PostgreSQL's {@code messages} table, shared by every node. Appends are
 * group-committed by the node's writing thread, which places each event inside the write
 * transaction.
 *
 * <p>A message's number is taken from its room's row: {@code UPDATE rooms SET last_seq =
 * last_seq + 1 ... RETURNING last_seq}, and the insert uses it, in one statement. The update
 * locks the row until the transaction ends, so another node's append to the same room waits for
 * this commit (or rollback) and then increments what this one left: numbers are unique and, since
 * a rolled-back increment is undone with its message, without gaps (a sequence object would skip
 * numbers on rollback). {@code UNIQUE (room_ref, seq)} backs it. The id comes from an identity
 * column: unique over the cluster, and increasing in this node's commit order (one writing
 * thread); the ids of two nodes interleave. The time is no earlier than this node's last message
 * nor the room's ({@code last_sent_at}, kept in the same row).
 *
 * <p>A join or leave stores no message and takes the room's {@code last_seq}, reading the row
 * under the same lock, so no message of the room commits between its read and its commit. On a
 * cluster node (one whose lease has begun, {@link PostgresStore#life}) a join also lists its
 * member in {@code room_members}, and any leave takes it off, so that the members of a node that
 * dies can be announced as gone by the one that claims its lease.
 *
 * <p>Chat messages and joins are refused at once when the queue is full
 * ({@link StoreBusyException}); leaves are always queued. Thread-safe.
 */
final class PgEventLog implements EventLog {

    private static final String INSERT = """
            WITH room AS (
                UPDATE rooms SET last_seq = last_seq + 1, last_sent_at = GREATEST(last_sent_at, ?)
                WHERE ref = ? RETURNING ref, last_seq, last_sent_at)
            INSERT INTO messages (room_ref, seq, sent_at, author, kind, text)
            SELECT ref, last_seq, last_sent_at, ?, ?, ? FROM room
            RETURNING id, seq, sent_at""";
    private static final String LAST_SEQUENCE = "SELECT last_seq FROM rooms WHERE ref = ? FOR NO KEY UPDATE";
    private static final String MEMBER_IN = "INSERT INTO room_members (room_ref, node, member_id, life, name)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (room_ref, node, member_id)"
            + " DO UPDATE SET life = EXCLUDED.life, name = EXCLUDED.name";
    private static final String MEMBER_OUT = "DELETE FROM room_members WHERE room_ref = ? AND node = ? AND member_id = ?";

    private final PostgresStore store;
    /** Writing thread only: the time of this node's last message placed. */
    private Instant lastTime = Instant.EPOCH;

    PgEventLog(PostgresStore store) {
        this.store = store;
    }

    @Override
    public void append(RoomEvent event, BiConsumer<RoomEvent, Throwable> done) {
        long textBytes = event.message().map(m -> 2L * (m.text().length() + m.author().length())).orElse(0L);
        PgWriter.Task task = new PgWriter.Task() {
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
                return PgWriter.TASK_OVERHEAD_BYTES + textBytes;
            }

            @Override
            public int lockedRoom() {
                return event.room().ref();
            }
        };
        if (event instanceof RoomEvent.Posted || event instanceof RoomEvent.Joined) {
            store.offer(task);
        } else {
            store.submit(task);
        }
    }

    private RoomEvent place(Connection connection, RoomEvent event) throws SQLException {
        int ref = event.room().ref();
        if (event instanceof RoomEvent.Posted posted) {
            return insert(connection, posted);
        }
        long last = lastSequence(connection, ref);
        if (event instanceof RoomEvent.Joined joined) {
            long life = store.life();
            if (life > 0) { // a cluster node: its members are listed, for whoever announces them if it dies
                try (PreparedStatement insert = connection.prepareStatement(MEMBER_IN)) {
                    insert.setInt(1, ref);
                    insert.setString(2, joined.member().node());
                    insert.setLong(3, joined.member().id());
                    insert.setLong(4, life);
                    insert.setString(5, joined.name());
                    insert.executeUpdate();
                }
            }
            return joined.placed(last);
        }
        RoomEvent.Left left = (RoomEvent.Left) event;
        try (PreparedStatement delete = connection.prepareStatement(MEMBER_OUT)) {
            delete.setInt(1, ref);
            delete.setString(2, left.member().node());
            delete.setLong(3, left.member().id());
            delete.executeUpdate();
        }
        return left.placed(last);
    }

    private RoomEvent.Posted insert(Connection connection, RoomEvent.Posted posted) throws SQLException {
        ChatMessage message = posted.chat();
        Instant time = message.time().isBefore(lastTime) ? lastTime : message.time();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setLong(1, time.toEpochMilli());
            insert.setInt(2, posted.room().ref());
            insert.setString(3, message.author());
            insert.setString(4, message.kind().name());
            insert.setString(5, message.text());
            try (ResultSet placed = insert.executeQuery()) {
                if (!placed.next()) {
                    throw new SQLException("no room with ref " + posted.room().ref(), "23503");
                }
                Instant stored = Instant.ofEpochMilli(placed.getLong(3));
                lastTime = stored.isAfter(time) ? stored : time;
                return posted.placed(placed.getLong(2), placed.getLong(1), stored);
            }
        }
    }

    /** The room's last sequence (0 for a room that is gone: a leave must still be placed). */
    private static long lastSequence(Connection connection, int ref) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LAST_SEQUENCE)) {
            select.setInt(1, ref);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }
}
