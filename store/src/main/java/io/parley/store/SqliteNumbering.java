package io.parley.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * How SQLite numbers a room's messages for {@link JdbcEventLog}: the writer remembers each room's
 * last sequence and the last message id, read from the messages themselves the first time they
 * are needed, and gives the next ones in the plain {@code INSERT}. One connection writes (the
 * store's thread, inside {@code BEGIN IMMEDIATE}), so nothing commits between reading a number
 * and the commit.
 *
 * <p>Remembering replaces what was computed in each {@code INSERT} (the room's {@code MAX(seq) + 1}
 * and a {@code RETURNING} row read back through the driver): about a third of the store thread's
 * CPU per message under many small rooms (docs/bench/2026-12-03-store/). What is remembered is
 * only ever ahead of the database inside a transaction: the writer {@link #forget}s everything
 * when a transaction rolls back, and the next use reads the numbers again. Should anything else
 * have written a message meanwhile (nothing in Parley does: the data directory's lock keeps
 * other servers out, and {@code parley backup} only reads), the unique index on
 * {@code (room_ref, seq)} and the primary key refuse the stale number, the batch rolls back, the
 * numbers are forgotten and the writer's retry of each task reads them afresh.
 *
 * <p>Writing thread only, but {@link #forget} (the writer's rollback, same thread).
 */
final class SqliteNumbering {

    /** The message with the id and room sequence the writer gives it. */
    static final String INSERT = """
            INSERT INTO messages (id, room_ref, seq, sent_at, author, kind, text)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final String LAST_SEQUENCE = "SELECT COALESCE(MAX(seq), 0) FROM messages WHERE room_ref = ?";
    private static final String LAST_ID = "SELECT COALESCE(MAX(id), 0) FROM messages";

    private final KeptStatement lastSequence = new KeptStatement(LAST_SEQUENCE);
    private final KeptStatement lastId = new KeptStatement(LAST_ID);
    /** Each room's last sequence by room ref (one mutable cell per room): only rooms written or read since. */
    private final Map<Integer, long[]> lastSequences = new HashMap<>();
    /** The last message id; -1: not known. */
    private long knownLastId = -1;

    /** The room's last sequence (0: none yet), as this transaction sees it. */
    long lastSequence(Connection connection, int ref) throws SQLException {
        long[] cell = lastSequences.get(ref);
        if (cell == null) {
            cell = new long[] {readLastSequence(connection, ref)};
            lastSequences.put(ref, cell);
        }
        return cell[0];
    }

    /** The id the next message gets. */
    long nextId(Connection connection) throws SQLException {
        if (knownLastId < 0) {
            knownLastId = readLastId(connection);
        }
        return knownLastId + 1;
    }

    /** A message was inserted with {@code id} and {@code sequence} in room {@code ref}, in this transaction. */
    void inserted(int ref, long sequence, long id) {
        long[] cell = lastSequences.get(ref);
        if (cell == null) {
            lastSequences.put(ref, new long[] {sequence});
        } else {
            cell[0] = sequence;
        }
        knownLastId = id;
    }

    /** The transaction rolled back (or a statement failed): every number is read again on next use. */
    void forget() {
        lastSequences.clear();
        knownLastId = -1;
    }

    private long readLastSequence(Connection connection, int ref) throws SQLException {
        try {
            PreparedStatement statement = lastSequence.on(connection);
            statement.setInt(1, ref);
            return one(statement);
        } catch (SQLException e) {
            lastSequence.drop(e);
            throw e;
        }
    }

    private long readLastId(Connection connection) throws SQLException {
        try {
            return one(lastId.on(connection));
        } catch (SQLException e) {
            lastId.drop(e);
            throw e;
        }
    }

    private static long one(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }
}
