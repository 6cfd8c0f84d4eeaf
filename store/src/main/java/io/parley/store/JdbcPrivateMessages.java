package io.parley.store;

import io.parley.core.account.Party;
import io.parley.core.account.PrivateMessage;
import io.parley.core.room.RoomReplay;
import io.parley.core.text.NameKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code private_messages} for both stores, the same SQL for SQLite and PostgreSQL: the insert
 * (on the store's writer) and the reads of one user's conversations (on its reader connections):
 * a conversation by the reader's key and guest token and the other party's key
 * ({@code private_messages_by_pair} and {@code _by_pair_received}), and the last message of each
 * of the reader's conversations (a scan of the reader's own messages, grouped by the other party);
 * and a sender's redaction of one (the body removed; redacted rows are read by none of them).
 * Thread-safe (stateless).
 */
public final class JdbcPrivateMessages {

    private static final String COLUMNS = "id, sent_at, sender, sender_guest, recipient, recipient_guest, encrypted, body";
    private static final String INSERT = """
            INSERT INTO private_messages
            (sent_at, sender_key, sender, sender_guest, recipient_key, recipient, recipient_guest, encrypted, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""";
    private static final String CONVERSATION = "SELECT " + COLUMNS + """
             FROM private_messages
            WHERE ((sender_key = ? AND sender_guest = ? AND recipient_key = ?)
                OR (recipient_key = ? AND recipient_guest = ? AND sender_key = ?))
              AND id > ? AND id < ? AND sent_at > ? AND sent_at < ? AND redacted_at IS NULL
            ORDER BY id""";
    private static final String LAST_OF_CONVERSATIONS = """
            SELECT p.id, p.sent_at, p.sender, p.sender_guest, p.recipient, p.recipient_guest, p.encrypted, p.body
            FROM private_messages p JOIN (
                SELECT MAX(id) AS last FROM (
                    SELECT id, recipient_key AS other FROM private_messages
                    WHERE sender_key = ? AND sender_guest = ? AND redacted_at IS NULL
                    UNION ALL
                    SELECT id, sender_key AS other FROM private_messages
                    WHERE recipient_key = ? AND recipient_guest = ? AND redacted_at IS NULL
                ) mine GROUP BY other
            ) lasts ON p.id = lasts.last
            WHERE p.sent_at > ? AND p.sent_at < ?
            ORDER BY p.sent_at, p.id LIMIT ?""";

    private static final String REDACT = """
            UPDATE private_messages SET body = '', redacted_at = ?
            WHERE id = ? AND sender_key = ? AND sender_guest = ? AND recipient_key = ? AND redacted_at IS NULL""";

    private final ConnectionReads reads;

    public JdbcPrivateMessages(ConnectionReads reads) {
        this.reads = reads;
    }

    /** Inserts {@code message} on the writer's {@code connection}; returns its id. */
    public static long insert(Connection connection, PrivateMessage message) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setLong(1, message.time().toEpochMilli());
            insert.setString(2, NameKeys.key(message.from()));
            insert.setString(3, message.from());
            insert.setString(4, message.fromGuest());
            insert.setString(5, NameKeys.key(message.to()));
            insert.setString(6, message.to());
            insert.setString(7, message.toGuest());
            insert.setInt(8, message.encrypted() ? 1 : 0);
            insert.setString(9, message.body());
            try (ResultSet keys = insert.executeQuery()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** See {@link io.parley.core.account.HistoryStore#redactPrivate}; on the writer's {@code connection}. */
    public static boolean redact(Connection connection, long id, Party sender, String recipient, Instant at)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(REDACT)) {
            update.setLong(1, at.toEpochMilli());
            update.setLong(2, id);
            update.setString(3, NameKeys.key(sender.name()));
            update.setString(4, sender.guest());
            update.setString(5, NameKeys.key(recipient));
            return update.executeUpdate() == 1;
        }
    }

    /** See {@link io.parley.core.account.HistoryStore#conversation}. */
    public CompletableFuture<List<PrivateMessage>> conversation(Party reader, String other, RoomReplay.Window window) {
        String sql = CONVERSATION + (window.newestFirst() ? " DESC" : "") + " LIMIT ?";
        String readerKey = NameKeys.key(reader.name());
        String otherKey = NameKeys.key(other);
        return reads.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, readerKey);
                select.setString(2, reader.guest());
                select.setString(3, otherKey);
                select.setString(4, readerKey);
                select.setString(5, reader.guest());
                select.setString(6, otherKey);
                select.setLong(7, window.afterSequence());
                select.setLong(8, window.beforeSequence());
                select.setLong(9, window.afterMillis());
                select.setLong(10, window.beforeMillis());
                select.setInt(11, window.limit());
                List<PrivateMessage> messages = rows(select);
                if (window.newestFirst()) {
                    Collections.reverse(messages);
                }
                return messages;
            }
        });
    }

    /** See {@link io.parley.core.account.HistoryStore#lastOfConversations}. */
    public CompletableFuture<List<PrivateMessage>> lastOfConversations(Party reader, long afterMillis, long beforeMillis,
            int limit) {
        String readerKey = NameKeys.key(reader.name());
        return reads.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(LAST_OF_CONVERSATIONS)) {
                select.setString(1, readerKey);
                select.setString(2, reader.guest());
                select.setString(3, readerKey);
                select.setString(4, reader.guest());
                select.setLong(5, afterMillis);
                select.setLong(6, beforeMillis);
                select.setInt(7, limit);
                return rows(select);
            }
        });
    }

    private static List<PrivateMessage> rows(PreparedStatement select) throws SQLException {
        List<PrivateMessage> messages = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                messages.add(new PrivateMessage(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(2)), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getString(6), rows.getInt(7) == 1, rows.getString(8)));
            }
        }
        return messages;
    }
}
