package io.parley.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Redacting a room message ({@link io.parley.core.room.RoomStore#redact}), the same SQL for SQLite
 * and PostgreSQL: the row keeps its number, loses its text, and records who redacted it and when;
 * every history read leaves rows with {@code redacted_by} out. Stateless.
 */
public final class JdbcRedactions {

    private static final String REDACT = """
            UPDATE messages SET text = '', redacted_by = ?, redacted_at = ?
            WHERE room_ref = ? AND seq = ? AND kind = 'CHAT' AND redacted_by IS NULL""";

    private JdbcRedactions() {}

    /** Redacts message {@code sequence} of room {@code ref}; whether there was one to redact. */
    public static boolean redact(Connection connection, int ref, long sequence, String by, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(REDACT)) {
            update.setString(1, by);
            update.setLong(2, at.toEpochMilli());
            update.setInt(3, ref);
            update.setLong(4, sequence);
            return update.executeUpdate() == 1;
        }
    }
}
