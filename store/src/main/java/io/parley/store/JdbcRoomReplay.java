package io.parley.store;

import io.parley.core.room.ChatMessage;
import io.parley.core.room.RoomEvent;
import io.parley.core.room.RoomId;
import io.parley.core.room.RoomReplay;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Reads a room's messages back by sequence on a store's reader connections (beside the writer, so
 * a gap being filled never delays a message), the same SQL for SQLite and PostgreSQL (on both,
 * {@code UNIQUE (room_ref, seq)} is its index). Old join and leave rows (before they became
 * presence) are returned as stored: they hold a sequence too. Thread-safe.
 */
public final class JdbcRoomReplay implements RoomReplay {

    private static final String AFTER = """
            SELECT id, seq, sent_at, author, kind, text FROM messages
            WHERE room_ref = ? AND seq > ? ORDER BY seq LIMIT ?""";

    private final ConnectionReads reads;
    private final JdbcRoomWindows windows;

    public JdbcRoomReplay(ConnectionReads reads) {
        this.reads = reads;
        this.windows = new JdbcRoomWindows(reads);
    }

    @Override
    public CompletionStage<List<RoomEvent.Posted>> window(RoomId room, Window window) {
        return windows.window(room, window);
    }

    @Override
    public CompletionStage<List<RoomEvent.Posted>> messagesAfter(RoomId room, long after, int limit) {
        return reads.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(AFTER)) {
                select.setInt(1, room.ref());
                select.setLong(2, after);
                select.setInt(3, limit);
                List<RoomEvent.Posted> messages = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ChatMessage message = new ChatMessage(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(3)),
                                room.ref(), rows.getString(4), ChatMessage.Kind.valueOf(rows.getString(5)),
                                rows.getString(6));
                        messages.add(new RoomEvent.Posted(room, rows.getLong(2), message));
                    }
                }
                return messages;
            }
        });
    }
}
