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
 * <p>The messages of one room that follow one another in a writer's batch are stored by one
 * statement ({@link #INSERT_MANY}), which takes their numbers with one {@code UPDATE}.
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
    /**
     * The messages of one room that a batch holds, in one statement, so that the room's row is
     * locked for one round trip instead of one per message (other nodes appending to the room wait
     * for that lock). The {@code locked} CTE locks the row and reads its last time as it is once
     * locked (READ COMMITTED returns the latest version to a locking read, even one committed after
     * this statement's snapshot); the update joins it so that it runs after the lock is taken (a
     * locking read of a row this statement had already updated would return nothing). Each
     * message's number is the row's old {@code last_seq} plus its place in the batch, and its time
     * no earlier than the room's last, as {@link #INSERT} one message after another would store them.
     */
    private static final String INSERT_MANY = """
            WITH batch AS (
                SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[])
                    WITH ORDINALITY AS m(sent_at, author, kind, text, place)),
            locked AS (
                SELECT ref, last_sent_at FROM rooms WHERE ref = ? FOR NO KEY UPDATE),
            room AS (
                UPDATE rooms r SET last_seq = r.last_seq + (SELECT count(*) FROM batch),
                    last_sent_at = GREATEST(r.last_sent_at, (SELECT max(sent_at) FROM batch))
                FROM locked WHERE r.ref = locked.ref
                RETURNING r.ref, r.last_seq - (SELECT count(*) FROM batch) AS seq_before,
                    locked.last_sent_at AS sent_before)
            INSERT INTO messages (room_ref, seq, sent_at, author, kind, text)
            SELECT room.ref, room.seq_before + batch.place, GREATEST(batch.sent_at, room.sent_before),
                batch.author, batch.kind, batch.text
            FROM room, batch ORDER BY batch.place
            RETURNING id, seq, sent_at""";
    private static final String LAST_SEQUENCE = "SELECT last_seq FROM rooms WHERE ref = ? FOR NO KEY UPDATE";

    static final JdbcEventLog.Numbering NUMBERING = new JdbcEventLog.Numbering(INSERT, LAST_SEQUENCE, INSERT_MANY);

    private PgNumbering() {}
}
