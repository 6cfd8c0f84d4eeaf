package io.parley.store.postgresql;

import io.parley.store.JdbcEventLog;

/**
 * How PostgreSQL numbers a room's messages for {@link JdbcEventLog}, whichever node appends: from
 * a counter in the room's row. The message's number is {@code UPDATE rooms SET last_seq =
 * last_seq + 1 ... RETURNING last_seq}, and the insert uses it, in one statement. The update
 * locks the row until the transaction ends, so another node's append to the same room waits for
 * this commit (or rollback) and then increments what this one left: numbers are unique and, since
 * a rolled-back increment is undone with its message, without gaps (a sequence object would skip
 * numbers on rollback). {@code UNIQUE (room_ref, seq)} backs it. The id comes from an identity
 * column: unique over the cluster, and increasing in this node's commit order (one writing
 * thread); the ids of two nodes interleave. The time is no earlier than this node's last message
 * nor the room's ({@code last_sent_at}, kept in the same row).
 *
 * <p>A join or leave takes the room's {@code last_seq}, reading the row under the same lock, so no
 * message of the room commits between its read and its commit.
 */
final class PgNumbering {

    private static final String INSERT = """
            WITH room AS (
                UPDATE rooms SET last_seq = last_seq + 1, last_sent_at = GREATEST(last_sent_at, ?)
                WHERE ref = ? RETURNING ref, last_seq, last_sent_at)
            INSERT INTO messages (room_ref, seq, sent_at, author, kind, text)
            SELECT ref, last_seq, last_sent_at, ?, ?, ? FROM room
            RETURNING id, seq, sent_at""";
    private static final String LAST_SEQUENCE = "SELECT last_seq FROM rooms WHERE ref = ? FOR NO KEY UPDATE";

    static final JdbcEventLog.Numbering NUMBERING = new JdbcEventLog.Numbering(INSERT, LAST_SEQUENCE);

    private PgNumbering() {}
}
