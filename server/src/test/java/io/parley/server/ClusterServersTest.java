package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two full Parley servers in one JVM, each with its own ports and data directory, sharing one
 * PostgreSQL database (the store of record) and one NATS server (the bus), on subjects of this
 * test's own: a TCD user on node a and a line user on node b chat in one room.
 */
class ClusterServersTest {

    private static final String POSTGRES = "127.0.0.1:5432";

    @TempDir
    Path dataA;
    @TempDir
    Path dataB;

    private final String database = "parley_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private final String prefix = "test" + UUID.randomUUID().toString().replace("-", "");
    private ServerUnderTest nodeA;
    private ServerUnderTest nodeB;

    @BeforeEach
    void start() throws Exception {
        requireNats();
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        nodeA = ServerUnderTest.start(dataA, node("a"));
        nodeB = ServerUnderTest.start(dataB, node("b"));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (nodeA != null) {
                nodeA.close();
            }
            if (nodeB != null) {
                nodeB.close();
            }
        } finally {
            try (Connection admin = admin(); Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private Map<String, String> node(String name) {
        return Map.of(ServerConfig.STORE_URL, "postgresql://" + POSTGRES + "/" + database + "?user=postgres",
                ServerConfig.BUS_URL, "nats://127.0.0.1:4222",
                ServerConfig.NODE_NAME, name,
                ServerConfig.BUS_SUBJECT_PREFIX, prefix);
    }

    @Test
    void aTcdUserOnOneNodeAndALineUserOnAnotherChatInOneRoomInOneOrder() {
        WireClient alice = nodeA.connect("tcd");
        alice.send("JOIN_CHATROOM: lobby\nCLIENT_IP: 0\nPORT: 0\nCLIENT_NAME: alice\n");
        assertThat(alice.readLine()).isEqualTo("JOINED_CHATROOM: lobby");
        alice.readLine(); // SERVER_IP
        alice.readLine(); // PORT
        String ref = alice.readLine().substring("ROOM_REF: ".length());
        alice.readLine(); // JOIN_ID
        alice.expect(chat(ref, "alice", "alice has joined this chatroom."));

        WireClient bob = nodeB.connect("line"); // the line protocol's room is lobby
        bob.send("bob\n");
        // Bob's join, made on node b, reaches node a's TCD user over the bus.
        alice.expect(chat(ref, "bob", "bob has joined this chatroom."));

        bob.send("hello from b\n");
        String first = bob.readLine();
        if (first.equals("* alice joined lobby")) {
            // Alice's join, made on node a before bob joined, reached node b after bob's own join
            // (a slow hop over NATS): presence arriving late is delivered at the node's current
            // place (docs/cluster.md, "Presence (joins and leaves): the rule").
            first = bob.readLine();
        }
        assertThat(first).isEqualTo("bob: hello from b");
        alice.expect(chat(ref, "bob", "hello from b"));

        alice.send("CHAT: " + ref + "\nJOIN_ID: 0\nCLIENT_NAME: alice\nMESSAGE: hello from a\n\n");
        alice.expect(chat(ref, "alice", "hello from a"));
        bob.expect("alice: hello from a\n");

        // Both at once, several each: both read the room in one and the same order.
        for (int i = 0; i < 20; i++) {
            bob.send("b" + i + "\n");
            alice.send("CHAT: " + ref + "\nJOIN_ID: 0\nCLIENT_NAME: alice\nMESSAGE: a" + i + "\n\n");
        }
        StringBuilder seenByBob = new StringBuilder();
        StringBuilder seenByAlice = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String line = bob.readLine(); // "name: text"
            seenByBob.append(line.substring(line.indexOf(": ") + 2)).append(' ');
            assertThat(alice.readLine()).isEqualTo("CHAT: " + ref);
            String author = alice.readLine().substring("CLIENT_NAME: ".length());
            String text = alice.readLine().substring("MESSAGE: ".length());
            alice.readLine(); // the blank line
            assertThat(line).startsWith(author + ": ");
            seenByAlice.append(text).append(' ');
        }
        assertThat(seenByAlice.toString()).isEqualTo(seenByBob.toString());
        for (int i = 0; i < 20; i++) {
            assertThat(seenByBob.toString()).contains("a" + i + " ", "b" + i + " ");
        }
    }

    private static String chat(String ref, String author, String text) {
        return "CHAT: " + ref + "\nCLIENT_NAME: " + author + "\nMESSAGE: " + text + "\n\n";
    }

    private static Connection admin() throws SQLException {
        try {
            return DriverManager.getConnection("jdbc:postgresql://" + POSTGRES + "/postgres?user=postgres");
        } catch (SQLException e) {
            throw new SQLException("this test needs PostgreSQL on " + POSTGRES + " with trust auth for user postgres;"
                    + " start it with `pg_ctlcluster --skip-systemctl-redirect 15 main start`", e);
        }
    }

    private static void requireNats() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 4222), 2000);
        } catch (IOException e) {
            throw new IOException("this test needs a NATS server on 127.0.0.1:4222; start one with: start-stop-daemon"
                    + " --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js"
                    + " -sd /var/lib/nats-server -l /var/log/nats-server.log", e);
        }
    }
}
