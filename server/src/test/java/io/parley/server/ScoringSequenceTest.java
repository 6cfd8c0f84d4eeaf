package io.parley.server;

import static io.parley.server.TcdMessages.chat;
import static io.parley.server.TcdMessages.disconnect;
import static io.parley.server.TcdMessages.helo;
import static io.parley.server.TcdMessages.joinedAnnouncement;
import static io.parley.server.TcdMessages.leftAnnouncement;
import static io.parley.server.TcdMessages.relay;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.server.TcdClient.Joined;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replays the lab's scoring client byte for byte (spec: shared/specs/tcd.md, "The scoring
 * client's sequence", steps 1-8). Where the client must receive nothing, the next thing it reads
 * is the next message it is due, so anything sent in between fails the exact comparison.
 */
class ScoringSequenceTest {

    private static final String LEAVE_ANNOUNCEMENT =
            "CHAT: \\d+\nCLIENT_NAME: client\\d\nMESSAGE: client\\d has left this chatroom\\.\n\n";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(ServerConfig.ALLOW_KILL, "true");

    @Test
    void theScoringClientsWholeSequence() throws Exception {
        // 1. The base connection: HELO, then a message the server does not know. Its reply would
        //    never be read, so there must be none: step 8 reads the end of stream right after it.
        TcdClient base = server.connectTcd();
        base.send("HELO BASE_TEST\n");
        base.expect(helo("BASE_TEST", server.port("tcd")));
        base.send("UNKNOWN_MESSAGE: scoring client\n");

        // 2. c1 joins room1 (JOINED, then its announcement) and leaves (LEFT, then its announcement).
        TcdClient c1 = server.connectTcd();
        Joined room1 = c1.join("room1", "client1");
        c1.leave(room1, "client1");

        // 3. c1 joins room1 and room2, then leaves both; room1 keeps its ref, c1 its JOIN_ID.
        assertThat(c1.join("room1", "client1")).isEqualTo(room1);
        Joined room2 = c1.join("room2", "client1");
        assertThat(room2.ref()).isNotEqualTo(room1.ref());
        assertThat(room2.joinId()).isEqualTo(room1.joinId());
        c1.leave(room1, "client1");
        c1.leave(room2, "client1");

        // 4. c1 joins room1; c2 joins (announced to both) and leaves (announced to both); c1 leaves.
        c1.join("room1", "client1");
        TcdClient c2 = server.connectTcd();
        Joined c2InRoom1 = c2.join("room1", "client2");
        assertThat(c2InRoom1.ref()).isEqualTo(room1.ref());
        assertThat(c2InRoom1.joinId()).isNotEqualTo(room1.joinId());
        c1.expect(joinedAnnouncement(room1.ref(), "client2"));
        c2.leave(c2InRoom1, "client2");
        c1.expect(leftAnnouncement(room1.ref(), "client2"));
        c1.leave(room1, "client1");

        // 5. c1, c2, c3 join room1; c1, c3, c4 join room2; every join is announced to all members.
        TcdClient c3 = server.connectTcd();
        TcdClient c4 = server.connectTcd();
        c1.join("room1", "client1");
        c2.join("room1", "client2");
        c1.expect(joinedAnnouncement(room1.ref(), "client2"));
        c3.join("room1", "client3");
        c1.expect(joinedAnnouncement(room1.ref(), "client3"));
        c2.expect(joinedAnnouncement(room1.ref(), "client3"));
        c1.join("room2", "client1");
        c3.join("room2", "client3");
        c1.expect(joinedAnnouncement(room2.ref(), "client3"));
        Joined c4InRoom2 = c4.join("room2", "client4");
        assertThat(c4InRoom2.ref()).isEqualTo(room2.ref());
        c1.expect(joinedAnnouncement(room2.ref(), "client4"));
        c3.expect(joinedAnnouncement(room2.ref(), "client4"));

        // 6. Chats, relayed to the room's members only, under the name each sender joined with.
        //    c2's carries c1's JOIN_ID, as the scoring client's does: it is still c2's message.
        c1.send(chat(room1.ref(), room1.joinId(), "client1", "hello world from client 1"));
        expectOn(relay(room1.ref(), "client1", "hello world from client 1"), c1, c2, c3);
        c2.send(chat(room1.ref(), room1.joinId(), "client2", "hello world from client 2"));
        expectOn(relay(room1.ref(), "client2", "hello world from client 2"), c1, c2, c3);
        c3.send(chat(room1.ref(), "3", "client3", "hello world from client 3"));
        expectOn(relay(room1.ref(), "client3", "hello world from client 3"), c1, c2, c3);
        c3.send(chat(room2.ref(), "3", "client3", "hello world from client 3"));
        // c4 has seen nothing of room1: this is the first thing it reads after its join.
        expectOn(relay(room2.ref(), "client3", "hello world from client 3"), c1, c3, c4);

        // 7. c1 disconnects: its leave is announced in room1, then room2 (ascending ROOM_REF), to
        //    every member including c1, and c1 is closed. c2 has seen nothing of room2: this is the
        //    first thing it reads after the room1 chats.
        c1.send(disconnect("client1"));
        Joined first = room1.ref() < room2.ref() ? room1 : room2;
        Joined second = first == room1 ? room2 : room1;
        c1.expect(leftAnnouncement(first.ref(), "client1") + leftAnnouncement(second.ref(), "client1"));
        c1.expectEof();
        c2.expect(leftAnnouncement(room1.ref(), "client1"));
        c3.expect(leftAnnouncement(first.ref(), "client1") + leftAnnouncement(second.ref(), "client1"));
        c4.expect(leftAnnouncement(room2.ref(), "client1"));

        // 8. KILL_SERVICE on the base connection: no reply (nor one to step 1's unknown message),
        //    the server stops, every connection is closed. The others are told the server is
        //    stopping (error 11, ours), and may then read the leaves of connections the shutdown
        //    closed before theirs: closing leaves a connection's rooms.
        base.send("KILL_SERVICE\n");
        base.expectEof();
        server.parley().stopped().get(30, TimeUnit.SECONDS);
        for (TcdClient client : List.of(c2, c3, c4)) {
            assertThat(client.readToEof())
                    .matches("ERROR_CODE: 11\nERROR_DESCRIPTION: server shutting down\n(" + LEAVE_ANNOUNCEMENT + ")*");
        }
    }

    private static void expectOn(String bytes, TcdClient... clients) throws Exception {
        for (TcdClient client : clients) {
            client.expect(bytes);
        }
    }
}
