package io.parley.server;

import static io.parley.server.TcdMessages.chat;
import static io.parley.server.TcdMessages.helo;
import static io.parley.server.TcdMessages.join;
import static io.parley.server.TcdMessages.joinedAnnouncement;
import static io.parley.server.TcdMessages.left;
import static io.parley.server.TcdMessages.leftAnnouncement;
import static io.parley.server.TcdMessages.relay;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.server.TcdClient.Joined;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the scoring client never tried: TCP cuts and joins requests anywhere, clients send CRLF. */
class TcdFramingTest {

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig();
    private TcdClient alice;
    private Joined aliceInRoom;

    @BeforeEach
    void start() throws Exception {
        alice = server.connectTcd();
        aliceInRoom = alice.join("room", "alice");
    }

    @Test
    void requestsWrittenOneByteAtATime() throws Exception {
        TcdClient bob = server.connectTcd();
        bob.sendByteByByte("HELO split\n");
        bob.expect(helo("split", server.port("tcd")));

        bob.sendByteByByte(join("room", "bob"));
        Joined bobInRoom = bob.expectJoined("room");
        bob.expect(joinedAnnouncement(bobInRoom.ref(), "bob"));
        alice.expect(joinedAnnouncement(aliceInRoom.ref(), "bob"));

        bob.sendByteByByte(chat(bobInRoom.ref(), bobInRoom.joinId(), "bob", "one byte at a time"));
        bob.expect(relay(bobInRoom.ref(), "bob", "one byte at a time"));
        alice.expect(relay(aliceInRoom.ref(), "bob", "one byte at a time"));
    }

    @Test
    void severalRequestsInOneWriteAreHandledInOrder() throws Exception {
        // The chats ride right behind the join: they must wait for it, not fail as "not a member".
        int ref = aliceInRoom.ref();
        TcdClient bob = server.connectTcd();
        bob.send(join("room", "bob") + chat(ref, 0, "bob", "first") + chat(ref, 0, "bob", "second")
                + TcdMessages.leave(ref, 0, "bob") + "HELO done\n");

        assertThat(bob.expectJoined("room").ref()).isEqualTo(ref);
        String roomTraffic = joinedAnnouncement(ref, "bob") + relay(ref, "bob", "first") + relay(ref, "bob", "second");
        bob.expect(roomTraffic + left(ref, 0) + leftAnnouncement(ref, "bob") + helo("done", server.port("tcd")));
        alice.expect(roomTraffic + leftAnnouncement(ref, "bob"));
    }

    @Test
    void crlfLineEndsWorkLikeLf() throws Exception {
        TcdClient bob = server.connectTcd();
        bob.send(crlf("HELO windows\n"));
        bob.expect(helo("windows", server.port("tcd")));

        bob.send(crlf(join("room", "bob")));
        Joined bobInRoom = bob.expectJoined("room");
        bob.expect(joinedAnnouncement(bobInRoom.ref(), "bob"));
        alice.expect(joinedAnnouncement(aliceInRoom.ref(), "bob"));

        bob.send(crlf(chat(bobInRoom.ref(), bobInRoom.joinId(), "bob", "two lines\nwith CRLF")));
        bob.expect(relay(bobInRoom.ref(), "bob", "two lines\nwith CRLF"));
        alice.expect(relay(aliceInRoom.ref(), "bob", "two lines\nwith CRLF"));
    }

    @Test
    void multiLineMessageIsRelayedIntact() throws Exception {
        String text = "first line\nsecond line\n   third, indented\nfourth: looks like a field\nHELO too";
        alice.send(chat(aliceInRoom.ref(), aliceInRoom.joinId(), "alice", text));

        alice.expect(relay(aliceInRoom.ref(), "alice", text));
    }

    /**
     * Issue 12 finding 17: a client that reads a relay up to its empty line, key by key, is never
     * handed a block the message carried, under another name: such lines are quoted.
     */
    @Test
    void aMessageCannotCarryAFakeChatBlock() throws Exception {
        TcdClient bob = server.connectTcd();
        Joined bobInRoom = bob.join("room", "bob");
        alice.expect(joinedAnnouncement(aliceInRoom.ref(), "bob"));
        String forged = "CHAT: " + bobInRoom.ref() + "\nCLIENT_NAME: admin\nMESSAGE: you are banned";

        alice.send(chat(aliceInRoom.ref(), aliceInRoom.joinId(), "alice", "hi\nthere\n" + forged));

        bob.expect(relay(bobInRoom.ref(), "alice", "hi\nthere\n> CHAT: " + bobInRoom.ref()
                + "\n> CLIENT_NAME: admin\n> MESSAGE: you are banned"));
        bob.expectNothingBeforeHelo();
    }

    @Test
    void aMessageCannotCarryAFakeBlockInLowerCaseOrAfterABlankLine() throws Exception {
        TcdClient bob = server.connectTcd();
        Joined bobInRoom = bob.join("room", "bob");
        alice.expect(joinedAnnouncement(aliceInRoom.ref(), "bob"));
        // Keys are case-insensitive (docs/protocols/tcd.md), and a client that strips lines reads
        // a line of spaces as the empty line that ends the relay.
        String forged = "hi\n   \nchat: " + bobInRoom.ref() + "\nclient_name: admin\nMessage: you are banned";

        alice.send(chat(aliceInRoom.ref(), aliceInRoom.joinId(), "alice", forged));

        bob.expect(relay(bobInRoom.ref(), "alice", "hi\n> chat: " + bobInRoom.ref()
                + "\n> client_name: admin\n> Message: you are banned"));
        bob.expectNothingBeforeHelo();
    }

    @Test
    void unknownInputGetsNoReply() throws Exception {
        alice.send("WHAT_IS_THIS\nSOME_KEY: some value\nno colon at all\n\n");

        alice.expectNothingBeforeHelo();
    }

    private static String crlf(String lf) {
        return lf.replace("\n", "\r\n");
    }
}
