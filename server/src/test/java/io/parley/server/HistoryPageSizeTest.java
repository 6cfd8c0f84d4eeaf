package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.account.RsaKeys;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code CH} of 100,000 empty messages (blank lines of line users, empty TCD messages): each is
 * still a frame, so pages are sized by the frames' bytes, not by the texts' characters. A page
 * counted by text would be the whole history, megabytes queued at once past the reader's
 * outbound cap, and the next lobby message would cut the reader off as a slow reader.
 */
class HistoryPageSizeTest {

    private static final int ENTRIES = 100_000;
    private static final long OUTBOUND_CAP = 1024 * 1024;
    private static final String PASSWORD = "correct horse";

    @TempDir
    Path data;

    private ServerUnderTest server;

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aHistoryOfEmptyMessagesIsPagedWithinTheOutboundCap() throws Exception {
        server = ServerUnderTest.start(data);
        server.login("alice", PASSWORD).close();
        server.close();
        insertEmptyLobbyHistoryOf("alice");
        server = ServerUnderTest.start(data);

        WireClient carol = server.connect("line");
        carol.send("carol\n");
        // A reader with a small window, which reads nothing until a lobby message is delivered.
        Socket socket = new Socket();
        socket.setReceiveBufferSize(16 * 1024);
        WireClient alice = WireClient.connect(socket, server.port("account"));
        login(alice);
        carol.expect("* alice joined lobby\n");
        alice.send("C CH\n");
        assertThat(alice.readLine()).matches("D CH \\S+ BM bob lobby ");

        carol.send("lobby during CH\n").expect("carol: lobby during CH\n");
        assertThat(server.parley().pendingOutputBytes()).as("bytes queued for the reader mid-CH")
                .isLessThanOrEqualTo(OUTBOUND_CAP);

        int entries = 1;
        List<String> others = new ArrayList<>();
        String line;
        for (line = alice.readLine(); line.startsWith("D "); line = alice.readLine()) {
            if (line.startsWith("D CH ")) {
                assertThat(line).matches("D CH \\S+ BM bob lobby ");
                entries++;
            } else {
                others.add(line);
            }
        }
        assertThat(line).isEqualTo("C OK " + ENTRIES + " entries");
        assertThat(entries).isEqualTo(ENTRIES);
        assertThat(others).containsExactly("D BM carol lobby during CH");
        alice.send("C BM\n").expect("C OK send the message\n");
        alice.close();
        carol.close();
    }

    private void login(WireClient client) throws Exception {
        client.send("C USER alice\n");
        String reply = client.readLine();
        assertThat(reply).startsWith("C EXISTING ");
        String key = reply.substring(reply.lastIndexOf(' ') + 1);
        client.send("C PASS " + AccountClient.encrypt(PASSWORD, RsaKeys.fromLine(key)) + "\n")
                .expect("C OK welcome alice\n");
    }

    /** Writes ENTRIES empty lobby messages by bob straight into the database, inside one session of {@code user}. */
    private void insertEmptyLobbyHistoryOf(String user) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("parley.db"));
                Statement query = db.createStatement()) {
            db.setAutoCommit(false);
            long lobby = single(query, "SELECT ref FROM rooms WHERE name_key = 'lobby'");
            long last = single(query, "SELECT COALESCE(MAX(id), 0) FROM messages");
            long time = System.currentTimeMillis() - ENTRIES;
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO messages (id, room_ref, sent_at, author, kind, text) VALUES (?, ?, ?, 'bob', 'CHAT', '')")) {
                for (int i = 0; i < ENTRIES; i++) {
                    insert.setLong(1, last + 1 + i);
                    insert.setLong(2, lobby);
                    insert.setLong(3, time + i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            query.executeUpdate("INSERT INTO sessions (user_key, from_id, to_id) VALUES ('" + user + "', " + last
                    + ", " + (last + ENTRIES) + ")");
            db.commit();
        }
    }

    private static long single(Statement query, String sql) throws Exception {
        try (ResultSet rows = query.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
