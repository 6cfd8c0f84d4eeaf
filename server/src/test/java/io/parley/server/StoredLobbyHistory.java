package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.crypto.RsaKeys;
import io.parley.testing.WireClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.function.IntFunction;

/**
 * A large lobby history for CH tests, written straight into a server's database (100k messages
 * through the protocol would take minutes), and the account login that reads it.
 */
final class StoredLobbyHistory {

    private StoredLobbyHistory() {}

    /**
     * Writes {@code entries} lobby messages by bob, the i-th with {@code text.apply(i)}, inside one
     * session of {@code user}, so that user's CH lists them all.
     */
    static void insert(Path data, String user, int entries, IntFunction<String> text) throws Exception {
        insert(data, user, entries, System.currentTimeMillis() - entries, 1, text);
    }

    /** As {@link #insert(Path, String, int, IntFunction)}, the first sent at {@code firstMillis}, each next {@code stepMillis} later. */
    static void insert(Path data, String user, int entries, long firstMillis, long stepMillis, IntFunction<String> text)
            throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("parley.db"));
                Statement query = db.createStatement()) {
            db.setAutoCommit(false);
            long lobby = single(query, "SELECT ref FROM rooms WHERE name_key = 'lobby'");
            long last = single(query, "SELECT COALESCE(MAX(id), 0) FROM messages");
            long lastSequence = single(query, "SELECT COALESCE(MAX(seq), 0) FROM messages WHERE room_ref = " + lobby);
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO messages (id, room_ref, seq, sent_at, author, kind, text) VALUES (?, ?, ?, ?, 'bob', 'CHAT', ?)")) {
                for (int i = 0; i < entries; i++) {
                    insert.setLong(1, last + 1 + i);
                    insert.setLong(2, lobby);
                    insert.setLong(3, lastSequence + 1 + i);
                    insert.setLong(4, firstMillis + i * stepMillis);
                    insert.setString(5, text.apply(i));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            query.executeUpdate("INSERT INTO sessions (user_key, from_seq, to_seq) VALUES ('" + user + "', "
                    + lastSequence + ", " + (lastSequence + entries) + ")");
            db.commit();
        }
    }

    /** Logs an existing account in over the account protocol on {@code client}. */
    static void login(WireClient client, String user, String password) throws Exception {
        client.send("C USER " + user + "\n");
        String reply = client.readLine();
        assertThat(reply).startsWith("C EXISTING ");
        String key = reply.substring(reply.lastIndexOf(' ') + 1);
        client.send("C PASS " + AccountWire.encrypt(password, RsaKeys.fromLine(key)) + "\n")
                .expect("C OK welcome " + user + "\n");
    }

    private static long single(Statement query, String sql) throws Exception {
        try (ResultSet rows = query.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
