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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The event log in the {@code messages} table, for SQLite and PostgreSQL alike. Appends are
 * group-committed by the store's writing thread ({@link JdbcWrites}), which places each event in
 * its room's order inside the write transaction: a message gets the room's next sequence and an
 * id from the database in the statement that inserts it, and a time no earlier than the message
 * this log placed before it (nor, where the database keeps one, the room's last time); a join or
 * leave takes the room's last sequence and stores no message. The callbacks run on the writing
 * thread, in that order, after the commit; they only hand the event on (the bus delivers it).
 *
 * <p>What differs between the databases is how a room's messages are numbered
 * ({@link Numbering}: SQLite's {@code MAX(seq) + 1} under its one writer, PostgreSQL's counter in
 * the room's locked row, and there a run of a room's messages in a batch in one statement, so the
 * row is locked for one round trip, not one per message) and whether membership is listed beside the log ({@link Members}:
 * PostgreSQL's {@code room_members} on a cluster node).
 *
 * <p>A chat message ({@link RoomEvent.Posted}) is refused at once when the store's queue is full:
 * its callback then runs on the appending thread with a {@link StoreBusyException} (a failed post
 * only fails its sender's stage, so it needs no place in the order). Joins are refused the same
 * way; leaves are always queued: a leave must reach its room even when it cannot be stored.
 * Thread-safe.
 */
public final class JdbcEventLog implements EventLog {

    /**
     * A database's two statements for a room's order. {@code insert} stores a message and numbers
     * it in one statement; its parameters are the time (epoch milliseconds), the room's ref, the
     * author, the kind and the text, and it returns the id, the sequence and the time stored (a
     * database may move the time on to its room's last), or no row when the room does not exist.
     * {@code lastSequence}, with the room's ref, returns the room's last sequence (no row or 0:
     * none) and holds whatever lock the database needs so that no message of the room commits
     * before the transaction does. {@code insertMany}, where the database has one, stores several
     * messages of one room in their order in one statement, as many {@code insert}s one after
     * another would: its parameters are arrays of the times, authors, kinds and texts, then the
     * room's ref; it returns a row for each message stored (none when the room does not exist).
     */
    public record Numbering(String insert, String lastSequence, String insertMany) {

        /** A database that stores each message with its own statement. */
        public Numbering(String insert, String lastSequence) {
            this(insert, lastSequence, null);
        }
    }

    /** What a database keeps of who is in which room beside the log, in the placing transaction. */
    public interface Members {
        /** Keeps nothing. */
        Members NONE = new Members() {
            @Override
            public void joined(Connection connection, RoomEvent.Joined joined) {}

            @Override
            public void left(Connection connection, RoomEvent.Left left) {}
        };

        void joined(Connection connection, RoomEvent.Joined joined) throws SQLException;

        void left(Connection connection, RoomEvent.Left left) throws SQLException;
    }

    private final JdbcWrites writes;
    private final Members members;
    // Writing thread only.
    private final KeptStatement insert;
    private final KeptStatement lastSequence;
    /** Null where the database has no {@link Numbering#insertMany}. */
    private final KeptStatement insertMany;
    /** SQLite's numbers, remembered by the writer; null: the database numbers ({@link Numbering}). */
    private final SqliteNumbering remembered;
    /** The time of the last message this log placed: times never go back in the log's order. */
    private Instant lastTime = Instant.EPOCH;

    public JdbcEventLog(JdbcWrites writes, Numbering numbering, Members members) {
        this.writes = writes;
        this.members = members;
        this.insert = new KeptStatement(numbering.insert());
        this.lastSequence = new KeptStatement(numbering.lastSequence());
        this.insertMany = numbering.insertMany() == null ? null : new KeptStatement(numbering.insertMany());
        this.remembered = null;
    }

    /** SQLite's log: the writer gives each message its id and room sequence from what it remembers. */
    JdbcEventLog(JdbcWrites writes, SqliteNumbering remembered) {
        this.writes = writes;
        this.members = Members.NONE;
        this.insert = new KeptStatement(SqliteNumbering.INSERT);
        this.lastSequence = null;
        this.insertMany = null;
        this.remembered = remembered;
    }

    @Override
    public void append(RoomEvent event, BiConsumer<RoomEvent, Throwable> done) {
        Appending task = new Appending(event, done);
        // What a client can repeat at will (posts, joins) is refused past store.max-queued-bytes;
        // a leave is always queued: a member who is gone must leave, whatever the queue holds.
        if (event instanceof RoomEvent.Posted || event instanceof RoomEvent.Joined) {
            writes.offer(task);
        } else {
            writes.submit(task);
        }
    }

    /** One event on its way into the log. */
    private final class Appending implements JdbcTask {
        private final RoomEvent event;
        private final BiConsumer<RoomEvent, Throwable> done;
        private final long queuedBytes;
        /** The event as placed by the last run; a batch that failed may run again, alone. */
        private RoomEvent placed;

        Appending(RoomEvent event, BiConsumer<RoomEvent, Throwable> done) {
            this.event = event;
            this.done = done;
            // Java strings hold up to two bytes a character.
            this.queuedBytes = OVERHEAD_BYTES
                    + event.message().map(m -> 2L * (m.text().length() + m.author().length())).orElse(0L);
        }

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
            return queuedBytes;
        }

        @Override
        public int lockedRoom() {
            return event.room().ref();
        }

        @Override
        public Group group() {
            return insertMany != null && event instanceof RoomEvent.Posted ? new RoomPosts(JdbcEventLog.this, event.room().ref()) : null;
        }
    }

    /** Messages of one room that one statement stores ({@link Numbering#insertMany}). */
    private record RoomPosts(JdbcEventLog log, int ref) implements JdbcTask.Group {
        @Override
        public void run(Connection connection, List<JdbcTask> tasks) throws SQLException {
            log.insertAll(connection, tasks.stream().map(Appending.class::cast).toList());
        }
    }

    /** Writing thread only, inside the write transaction: the event at its place in its room's order. */
    private RoomEvent place(Connection connection, RoomEvent event) throws SQLException {
        if (event instanceof RoomEvent.Posted posted) {
            return remembered != null ? insertNumbered(connection, posted) : insert(connection, posted);
        }
        long last = remembered != null
                ? remembered.lastSequence(connection, event.room().ref())
                : lastSequence(connection, event.room().ref());
        if (event instanceof RoomEvent.Joined joined) {
            members.joined(connection, joined);
            return joined.placed(last);
        }
        RoomEvent.Left left = (RoomEvent.Left) event;
        members.left(connection, left);
        return left.placed(last);
    }

    /** Inserts the message; returns it placed, with the sequence, id and time it was stored with. */
    private RoomEvent.Posted insert(Connection connection, RoomEvent.Posted posted) throws SQLException {
        ChatMessage message = posted.chat();
        Instant time = message.time().isBefore(lastTime) ? lastTime : message.time();
        try {
            PreparedStatement statement = insert.on(connection);
            statement.setLong(1, time.toEpochMilli());
            statement.setInt(2, posted.room().ref());
            statement.setString(3, message.author());
            statement.setString(4, message.kind().name());
            statement.setString(5, message.text());
            try (ResultSet placed = statement.executeQuery()) {
                if (!placed.next()) {
                    throw new SQLException("no room with ref " + posted.room().ref(), "23503");
                }
                Instant stored = Instant.ofEpochMilli(placed.getLong(3));
                lastTime = stored.isAfter(time) ? stored : time;
                return posted.placed(placed.getLong(2), placed.getLong(1), stored);
            }
        } catch (SQLException e) {
            insert.drop(e);
            throw e;
        }
    }

    /**
     * As {@link #insert}, with the id and sequence the writer remembers ({@link SqliteNumbering}):
     * a plain insert, no row read back. A room that does not exist fails the foreign key.
     */
    private RoomEvent.Posted insertNumbered(Connection connection, RoomEvent.Posted posted) throws SQLException {
        ChatMessage message = posted.chat();
        Instant time = message.time().isBefore(lastTime) ? lastTime : message.time();
        int ref = posted.room().ref();
        long stored = time.toEpochMilli();
        long id = remembered.nextId(connection);
        long sequence = remembered.lastSequence(connection, ref) + 1;
        try {
            PreparedStatement statement = insert.on(connection);
            statement.setLong(1, id);
            statement.setInt(2, ref);
            statement.setLong(3, sequence);
            statement.setLong(4, stored);
            statement.setString(5, message.author());
            statement.setString(6, message.kind().name());
            statement.setString(7, message.text());
            statement.executeUpdate();
        } catch (SQLException e) {
            insert.drop(e);
            remembered.forget();
            throw e;
        }
        remembered.inserted(ref, sequence, id);
        lastTime = time;
        return posted.placed(sequence, id, Instant.ofEpochMilli(stored));
    }

    /**
     * Inserts the messages of one room, in their order, in one statement ({@link Numbering#insertMany}); places
     * each task's message as {@link #insert} would, one after another.
     */
    private void insertAll(Connection connection, List<Appending> posts) throws SQLException {
        int count = posts.size();
        Object[] times = new Object[count];
        Object[] authors = new Object[count];
        Object[] kinds = new Object[count];
        Object[] texts = new Object[count];
        Instant time = lastTime;
        for (int i = 0; i < count; i++) {
            ChatMessage message = ((RoomEvent.Posted) posts.get(i).event).chat();
            time = message.time().isBefore(time) ? time : message.time();
            times[i] = time.toEpochMilli();
            authors[i] = message.author();
            kinds[i] = message.kind().name();
            texts[i] = message.text();
        }
        int ref = posts.get(0).event.room().ref();
        long[][] rows = new long[count][];
        int found = 0;
        try {
            PreparedStatement statement = insertMany.on(connection);
            statement.setArray(1, connection.createArrayOf("bigint", times));
            statement.setArray(2, connection.createArrayOf("text", authors));
            statement.setArray(3, connection.createArrayOf("text", kinds));
            statement.setArray(4, connection.createArrayOf("text", texts));
            statement.setInt(5, ref);
            try (ResultSet placed = statement.executeQuery()) {
                while (placed.next()) {
                    if (found == count) {
                        throw new SQLException("more messages stored than were sent for room " + ref);
                    }
                    rows[found++] = new long[] {placed.getLong(1), placed.getLong(2), placed.getLong(3)};
                }
            }
        } catch (SQLException e) {
            insertMany.drop(e);
            throw e;
        }
        if (found < count) {
            throw new SQLException("no room with ref " + ref, "23503");
        }
        // The rows come back in no promised order; their sequences are the messages' order.
        Arrays.sort(rows, Comparator.comparingLong(row -> row[1]));
        for (int i = 0; i < count; i++) {
            Appending post = posts.get(i);
            Instant stored = Instant.ofEpochMilli(rows[i][2]);
            post.placed = ((RoomEvent.Posted) post.event).placed(rows[i][1], rows[i][0], stored);
        }
        Instant last = Instant.ofEpochMilli(rows[count - 1][2]);
        lastTime = last.isAfter(time) ? last : time;
    }

    /** The room's last sequence (0 for a room that is gone: a leave must still be placed). */
    private long lastSequence(Connection connection, int ref) throws SQLException {
        try {
            PreparedStatement statement = lastSequence.on(connection);
            statement.setInt(1, ref);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        } catch (SQLException e) {
            lastSequence.drop(e);
            throw e;
        }
    }
}
