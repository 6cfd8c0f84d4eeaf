package io.parley.store;

import io.parley.core.account.HistoryEntry;
import io.parley.core.account.HistoryPages;
import io.parley.core.account.HistoryStore;
import io.parley.core.account.Party;
import io.parley.core.account.PrivateMessage;
import io.parley.core.room.Lobby;
import io.parley.core.room.RoomReplay;
import io.parley.core.text.NameKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * History in SQLite: login sessions as ranges of the lobby's sequence over {@code messages}, and
 * {@code private_messages}. Thread-safe; see {@link HistoryStore}.
 */
final class SqliteHistoryStore implements HistoryStore {

    /**
     * The lobby messages inside any of the user's sessions, each once (sessions may overlap).
     * CROSS JOIN keeps SQLite's order: the user's sessions first, then an index range of the
     * lobby per session, so the cost follows the user's history, not the lobby's (0.4 ms instead
     * of 400 ms over a million messages). It runs on the reader connection; CH pages instead
     * ({@link JdbcHistoryPages}). Only what people said: join and leave rows, which databases
     * written before joins became presence events still hold, are not history.
     */
    private static final String BROADCASTS = """
            SELECT DISTINCT m.sent_at, m.author, m.text, m.seq FROM sessions s
            CROSS JOIN messages m ON m.room_ref = ? AND m.seq > s.from_seq
                AND m.seq <= COALESCE(s.to_seq, 9223372036854775807)
            WHERE s.user_key = ? AND m.kind = 'CHAT' AND m.redacted_by IS NULL
            ORDER BY m.seq""";
    private static final String PRIVATES = """
            SELECT sent_at, sender, recipient, encrypted, body FROM private_messages
            WHERE ((sender_key = ? AND sender_guest = '') OR (recipient_key = ? AND recipient_guest = ''))
                AND redacted_at IS NULL ORDER BY id""";

    private final SqliteStore store;

    SqliteHistoryStore(SqliteStore store) {
        this.store = store;
    }

    /**
     * Closes the sessions a crash left open at the last lobby message written before it. (Sessions
     * are ranges of the lobby, the account protocol's one room, which it opens by this name.)
     */
    void closeSessionsLeftOpen() {
        store.query(connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.executeUpdate("UPDATE sessions SET to_seq = (SELECT COALESCE(MAX(seq), 0) FROM messages"
                        + " WHERE room_ref = (SELECT ref FROM rooms WHERE name_key = 'lobby')) WHERE to_seq IS NULL");
            }
        }).join();
    }

    @Override
    public CompletionStage<Long> openSession(String user, long afterId) {
        return store.query(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO sessions (user_key, from_seq) VALUES (?, ?) RETURNING id")) {
                insert.setString(1, NameKeys.key(user));
                insert.setLong(2, afterId);
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
        long bytes = StoreWriter.TASK_OVERHEAD_BYTES + 2L * message.body().length();
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
            // Both lists are in server order; a stable sort by time merges them.
            entries.sort(Comparator.comparing(HistoryEntry::time));
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
