package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two full Parley servers in one JVM, each with its own ports and data directory, sharing one
 * PostgreSQL database (the store of record) and one NATS server (the bus), on subjects of this
 * test's own: a TCD user on node a and a line user on node b chat in one room.
 */
class ClusterServersTest {

    @RegisterExtension
    final TwoNodeCluster cluster = TwoNodeCluster.withConfig();

    private ServerUnderTest nodeA;
    private ServerUnderTest nodeB;

    @BeforeEach
    void nodes() {
        nodeA = cluster.a();
        nodeB = cluster.b();
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
}
