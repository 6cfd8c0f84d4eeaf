package io.parley.server;

import static io.parley.server.TcdMessages.chat;
import static io.parley.server.TcdMessages.error;
import static io.parley.server.TcdMessages.helo;
import static io.parley.server.TcdMessages.joinedAnnouncement;
import static io.parley.server.TcdMessages.leftAnnouncement;
import static io.parley.server.TcdMessages.relay;

import io.parley.server.TcdClient.Joined;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A request over tcd.max-request-bytes: error 5, that connection closed, everyone else unharmed. */
class TcdRequestLimitTest {

    private static final int LIMIT = 256;

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(ServerConfig.TCD_MAX_REQUEST_BYTES, Integer.toString(LIMIT));
    private TcdClient alice;
    private TcdClient bob;
    private Joined room;

    @BeforeEach
    void start() throws Exception {
        alice = server.connectTcd();
        bob = server.connectTcd();
        room = alice.join("room", "alice");
        bob.join("room", "bob");
        alice.expect(joinedAnnouncement(room.ref(), "bob"));
    }

    @Test
    void aLineOverTheLimit() throws Exception {
        bob.send(chat(room.ref(), 0, "bob", "x".repeat(LIMIT + 1)));

        expectBobClosedAndAliceUnharmed();
    }

    @Test
    void aMultiLineMessageOverTheLimit() throws Exception {
        bob.send(chat(room.ref(), 0, "bob", "a short line\n".repeat(LIMIT / 10)));

        expectBobClosedAndAliceUnharmed();
    }

    @Test
    void aRequestOfExactlyTheLimitIsRelayed() throws Exception {
        String request = chat(room.ref(), 0, "bob", "");
        String text = "y".repeat(LIMIT - request.length());
        bob.send(chat(room.ref(), 0, "bob", text));

        bob.expect(relay(room.ref(), "bob", text));
        alice.expect(relay(room.ref(), "bob", text));
    }

    private void expectBobClosedAndAliceUnharmed() throws Exception {
        bob.expect(error(5, "message too long"));
        bob.expectEof();

        alice.expect(leftAnnouncement(room.ref(), "bob"));
        alice.send(chat(room.ref(), room.joinId(), "alice", "still talking"));
        alice.expect(relay(room.ref(), "alice", "still talking"));
        TcdClient carol = server.connectTcd();
        carol.send("HELO newcomer\n");
        carol.expect(helo("newcomer", server.port("tcd")));
    }
}
