package io.parley.store;

import io.parley.core.room.RoomModes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code room_modes} and {@code room_mode_entries} tables' statements (IRC's channel modes),
 * the same SQL for SQLite and PostgreSQL; each store runs them on its own writing connection. A
 * change sets and clears single flags, the key or the limit on the row as it is, and adds and
 * removes single list entries, so that changes made on two nodes at once are all kept. Stateless.
 */
public final class JdbcRoomModes {

    private static final String ROOMS = "SELECT room_ref, flags, channel_key, member_limit FROM room_modes";
    private static final String ENTRIES = "SELECT room_ref, list, mask, set_by, set_at FROM room_mode_entries";

    private JdbcRoomModes() {}

    /** Every room's stored modes, by room ref. */
    public static List<RoomModes> load(Connection connection) throws SQLException {
        Map<Integer, List<RoomModes.Entry>> entries = new LinkedHashMap<>();
        for (Object[] row : JdbcRows.all(connection, ENTRIES + " ORDER BY id", JdbcRoomModes::entry)) {
            entries.computeIfAbsent((Integer) row[0], ref -> new ArrayList<>()).add((RoomModes.Entry) row[1]);
        }
        return JdbcRows.all(connection, ROOMS + " ORDER BY room_ref", row -> new RoomModes(row.getInt(1),
                row.getString(2), row.getString(3), row.getInt(4), entries.getOrDefault(row.getInt(1), List.of())));
    }

    /** The stored modes of one room, if it has any. */
    public static Optional<RoomModes> load(Connection connection, int ref) throws SQLException {
        List<RoomModes.Entry> entries = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(ENTRIES + " WHERE room_ref = ? ORDER BY id")) {
            select.setInt(1, ref);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add((RoomModes.Entry) entry(rows)[1]);
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement(ROOMS + " WHERE room_ref = ?")) {
            select.setInt(1, ref);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next()
                        ? Optional.of(new RoomModes(ref, rows.getString(2), rows.getString(3), rows.getInt(4), entries))
                        : Optional.empty();
            }
        }
    }

    private static Object[] entry(ResultSet row) throws SQLException {
        return new Object[] {row.getInt(1), new RoomModes.Entry(row.getString(2).charAt(0), row.getString(3),
                row.getString(4), Instant.ofEpochMilli(row.getLong(5)))};
    }

    /**
     * Stores one change of a room's modes: applies it to the row as it is, read under the row's
     * lock (taken by a no-op update, the same SQL for both stores; SQLite's single writer holds the
     * database anyway), so that a change committed meanwhile by another node is kept, not overwritten.
     */
    public static Void change(Connection connection, RoomModes.Change change) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO room_modes (room_ref, flags, channel_key, member_limit) VALUES (?, '', NULL, 0)"
                + " ON CONFLICT (room_ref) DO NOTHING");
                PreparedStatement lock = connection.prepareStatement(
                        "UPDATE room_modes SET flags = flags WHERE room_ref = ?")) {
            insert.setInt(1, change.roomRef());
            insert.executeUpdate();
            lock.setInt(1, change.roomRef());
            lock.executeUpdate();
        }
        String flags;
        String key;
        int limit;
        try (PreparedStatement select = connection.prepareStatement(ROOMS + " WHERE room_ref = ?")) {
            select.setInt(1, change.roomRef());
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                flags = change.flagsAfter(rows.getString(2));
                key = change.keyAfter(rows.getString(3));
                limit = change.limitAfter(rows.getInt(4));
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE room_modes SET flags = ?, channel_key = ?, member_limit = ? WHERE room_ref = ?")) {
            update.setString(1, flags);
            update.setString(2, key);
            update.setInt(3, limit);
            update.setInt(4, change.roomRef());
            update.executeUpdate();
        }
        if (!change.removed().isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM room_mode_entries WHERE room_ref = ? AND list = ? AND mask_key = ?")) {
                for (RoomModes.Entry entry : change.removed()) {
                    delete.setInt(1, change.roomRef());
                    delete.setString(2, Character.toString(entry.list()));
                    delete.setString(3, maskKey(entry.mask()));
                    delete.executeUpdate();
                }
            }
        }
        if (!change.added().isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO room_mode_entries (room_ref, list, mask, mask_key, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (room_ref, list, mask_key) DO NOTHING")) {
                for (RoomModes.Entry entry : change.added()) {
                    insert.setInt(1, change.roomRef());
                    insert.setString(2, Character.toString(entry.list()));
                    insert.setString(3, entry.mask());
                    insert.setString(4, maskKey(entry.mask()));
                    insert.setString(5, entry.setBy());
                    insert.setLong(6, entry.setAt().toEpochMilli());
                    insert.executeUpdate();
                }
            }
        }
        return null;
    }

    /** Masks are compared ignoring ASCII case (IRC's {@code ascii} casemapping); other letters as they are. */
    private static String maskKey(String mask) {
        StringBuilder key = new StringBuilder(mask.length());
        for (int i = 0; i < mask.length(); i++) {
            char c = mask.charAt(i);
            key.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return key.toString();
    }
}
