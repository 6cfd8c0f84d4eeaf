package io.parley.store;

import io.parley.core.room.ChatMessage;
import io.parley.core.room.RoomEvent;
import io.parley.core.room.RoomId;
import io.parley.core.room.RoomReplay;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@link RoomReplay#window} over a store's reader connections, the same SQL for SQLite and
 * PostgreSQL: a range scan of the {@code (room_ref, seq)} index from either end, the time bounds
 * checked on the rows it passes (a room's times grow with its sequence). Thread-safe (stateless).
 */
public final class JdbcRoomWindows {

    private static final String SELECT = """
            SELECT id, seq, sent_at, author, kind, text FROM messages
            WHERE room_ref = ? AND seq > ? AND seq < ? AND sent_at > ? AND sent_at < ? AND kind = 'CHAT'
              AND redacted_by IS NULL
            ORDER BY seq""";

    private final ConnectionReads reads;

    public JdbcRoomWindows(ConnectionReads reads) {
        this.reads = reads;
    }

    public CompletableFuture<List<RoomEvent.Posted>> window(RoomId room, RoomReplay.Window window) {
        String sql = SELECT + (window.newestFirst() ? " DESC" : "") + " LIMIT ?";
        return reads.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setInt(1, room.ref());
                select.setLong(2, window.afterSequence());
                select.setLong(3, window.beforeSequence());
                select.setLong(4, window.afterMillis());
                select.setLong(5, window.beforeMillis());
                select.setInt(6, window.limit());
                List<RoomEvent.Posted> messages = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ChatMessage message = new ChatMessage(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(3)),
                                room.ref(), rows.getString(4), ChatMessage.Kind.valueOf(rows.getString(5)),
                                rows.getString(6));
                        messages.add(new RoomEvent.Posted(room, rows.getLong(2), message));
                    }
                }
                if (window.newestFirst()) {
                    Collections.reverse(messages);
                }
                return messages;
            }
        });
    }
}
