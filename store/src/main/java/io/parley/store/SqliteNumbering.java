package io.parley.store;

/**
 * How SQLite numbers a room's messages for {@link JdbcEventLog}: from the room's messages
 * themselves. One connection writes (the store's thread, inside {@code BEGIN IMMEDIATE}), so
 * nothing commits between reading the room's last sequence and the commit.
 */
final class SqliteNumbering {

    /**
     * One statement numbers, inserts and reports: the room's next sequence is read inside the
     * insert (the unique index on (room_ref, seq) finds the last one), and RETURNING gives back
     * the id SQLite chose (the next rowid, so unique and increasing in commit order), that
     * sequence and the time as given.
     */
    private static final String INSERT = """
            INSERT INTO messages (room_ref, seq, sent_at, author, kind, text)
            VALUES (?2, (SELECT COALESCE(MAX(seq), 0) + 1 FROM messages WHERE room_ref = ?2), ?1, ?3, ?4, ?5)
            RETURNING id, seq, sent_at""";
    private static final String LAST_SEQUENCE = "SELECT COALESCE(MAX(seq), 0) FROM messages WHERE room_ref = ?";

    static final JdbcEventLog.Numbering NUMBERING = new JdbcEventLog.Numbering(INSERT, LAST_SEQUENCE);

    private SqliteNumbering() {}
}
