package io.parley.store;

import io.parley.core.room.RoomTopic;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The {@code room_topics} table's statements, the same SQL for SQLite and PostgreSQL (both have
 * {@code ON CONFLICT ... DO UPDATE}); each store runs them on its own connections. Stateless.
 */
public final class JdbcRoomTopics {

    private JdbcRoomTopics() {}

    /** Every stored topic, by room ref. */
    public static List<RoomTopic> load(Connection connection) throws SQLException {
        return JdbcRows.all(connection, "SELECT room_ref, text, set_by, set_at FROM room_topics ORDER BY room_ref",
                row -> new RoomTopic(row.getInt(1), row.getString(2), row.getString(3), Instant.ofEpochMilli(row.getLong(4))));
    }

    /** Sets (or replaces) a room's topic. */
    public static Void set(Connection connection, RoomTopic topic) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO room_topics (room_ref, text, set_by, set_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (room_ref) DO UPDATE SET text = excluded.text, set_by = excluded.set_by,"
                + " set_at = excluded.set_at")) {
            upsert.setInt(1, topic.roomRef());
            upsert.setString(2, topic.text());
            upsert.setString(3, topic.setBy());
            upsert.setLong(4, topic.setAt().toEpochMilli());
            upsert.executeUpdate();
            return null;
        }
    }

    /** Removes a room's topic, if it has one. */
    public static Void clear(Connection connection, int ref) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM room_topics WHERE room_ref = ?")) {
            delete.setInt(1, ref);
            delete.executeUpdate();
            return null;
        }
    }
}
