package io.parley.store.postgresql;

import io.parley.core.account.HistoryEntry;
import io.parley.core.account.HistoryPages;
import io.parley.core.account.HistoryStore;
import io.parley.core.account.Party;
import io.parley.core.account.PrivateMessage;
import io.parley.core.room.Lobby;
import io.parley.core.room.RoomReplay;
import io.parley.core.text.NameKeys;
import io.parley.store.JdbcHistoryPages;
import io.parley.store.JdbcPrivateMessages;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * History in PostgreSQL, as in SQLite: login sessions as ranges of the lobby's sequence over
 * {@code messages}, and {@code private_messages}. Each session records the node that holds it,
 * so that a node restarting after a crash closes its own sessions and no other node's.
 * Thread-safe; see {@link HistoryStore}.
 */
final class PgHistoryStore implements HistoryStore {

    /** The lobby messages inside any of the user's sessions, each once (sessions may overlap). */
    private static final String BROADCASTS = """
            SELECT DISTINCT m.sent_at, m.author, m.text, m.seq FROM sessions s
            JOIN messages m ON m.room_ref = ? AND m.seq > s.from_seq
                AND m.seq <= COALESCE(s.to_seq, 9223372036854775807)
            WHERE s.user_key = ? AND m.kind = 'CHAT' AND m.redacted_by IS NULL
            ORDER BY m.seq""";
    private static final String PRIVATES = """
            SELECT sent_at, sender, recipient, encrypted, body FROM private_messages
            WHERE ((sender_key = ? AND sender_guest = '') OR (recipient_key = ? AND recipient_guest = ''))
                AND redacted_at IS NULL ORDER BY id""";
    private static final String CLOSE_LEFT_OPEN = """
            UPDATE sessions SET to_seq = COALESCE((SELECT last_seq FROM rooms WHERE name_key = 'lobby'), 0)
            WHERE node = ? AND to_seq IS NULL""";

    private final PostgresStore store;

    PgHistoryStore(PostgresStore store) {
        this.store = store;
    }

    /** Closes the sessions {@code node} left open (it crashed) at the lobby's last message now. */
    CompletionStage<Integer> closeSessionsLeftOpen(String node) {
        return store.query(connection -> {
            try (PreparedStatement update = connection.prepareStatement(CLOSE_LEFT_OPEN)) {
                update.setString(1, node);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public CompletionStage<Long> openSession(String user, long afterId) {
        return store.query(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO sessions (user_key, node, from_seq) VALUES (?, ?, ?) RETURNING id")) {
                insert.setString(1, NameKeys.key(user));
                insert.setString(2, store.node());
                insert.setLong(3, afterId);
                try (ResultSet keys = insert.executeQuery()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    @Override
    public CompletionStage<Void> closeSession(long sessionId, long lastId) {
        return store.query(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE sessions SET to_seq = ? WHERE id = ?")) {
                update.setLong(1, lastId);
                update.setLong(2, sessionId);
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public CompletionStage<Long> addPrivate(PrivateMessage message) {
        // Refused at once when the write queue is full, like a chat message.
        long bytes = PgWriter.TASK_OVERHEAD_BYTES + 2L * message.body().length();
        return store.query(bytes, connection -> JdbcPrivateMessages.insert(connection, message));
    }

    @Override
    public CompletionStage<List<PrivateMessage>> conversation(Party reader, String other, RoomReplay.Window window) {
        return new JdbcPrivateMessages(store::read).conversation(reader, other, window);
    }

    @Override
    public CompletionStage<Boolean> redactPrivate(long id, Party sender, String recipient, Instant at) {
        return store.query(connection -> JdbcPrivateMessages.redact(connection, id, sender, recipient, at));
    }

    @Override
    public CompletionStage<List<PrivateMessage>> lastOfConversations(Party reader, long afterMillis, long beforeMillis,
            int limit) {
        return new JdbcPrivateMessages(store::read).lastOfConversations(reader, afterMillis, beforeMillis, limit);
    }

    @Override
    public CompletionStage<List<HistoryEntry>> history(String user, int lobbyRef) {
        String key = NameKeys.key(user);
        return store.read(connection -> {
            List<HistoryEntry> entries = new ArrayList<>(broadcasts(connection, key, lobbyRef));
            entries.addAll(privates(connection, key));
            entries.sort(Comparator.comparing(HistoryEntry::time)); // stable: merges two ordered lists
            return entries;
        });
    }

    @Override
    public HistoryPages pages(String user, int lobbyRef) {
        return new JdbcHistoryPages(store::read, NameKeys.key(user), lobbyRef);
    }

    private static List<HistoryEntry> broadcasts(Connection connection, String key, int lobbyRef) throws SQLException {
        List<HistoryEntry> entries = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(BROADCASTS)) {
            select.setInt(1, lobbyRef);
            select.setString(2, key);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new HistoryEntry(Instant.ofEpochMilli(rows.getLong(1)), HistoryEntry.Kind.ROOM, rows.getString(2),
                            Lobby.NAME, false, rows.getString(3)));
                }
            }
        }
        return entries;
    }

    private static List<HistoryEntry> privates(Connection connection, String key) throws SQLException {
        List<HistoryEntry> entries = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(PRIVATES)) {
            select.setString(1, key);
            select.setString(2, key);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new HistoryEntry(Instant.ofEpochMilli(rows.getLong(1)), HistoryEntry.Kind.PRIVATE, rows.getString(2),
                            rows.getString(3), rows.getInt(4) == 1, rows.getString(5)));
                }
            }
        }
        return entries;
    }
}
