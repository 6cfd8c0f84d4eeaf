package io.parley.server;

import static io.parley.server.TcdMessages.chat;
import static io.parley.server.TcdMessages.error;
import static io.parley.server.TcdMessages.helo;
import static io.parley.server.TcdMessages.join;
import static io.parley.server.TcdMessages.relay;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.server.TcdClient.Joined;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The errors the spec asks for on real failures of known requests (spec: Decisions). */
class TcdErrorRepliesTest {

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig();
    private TcdClient client;

    @BeforeEach
    void start() throws Exception {
        client = server.connectTcd();
    }

    @Test
    void chatToAnUnknownRefIsError1() throws Exception {
        client.send(chat(424242, 1, "c", "anyone?"));
        client.expect(error(1, "no room with ROOM_REF 424242"));

        client.send(chat("lobby", 1, "c", "anyone?"));
        client.expect(error(1, "no room with ROOM_REF lobby"));
    }

    @Test
    void chatToARoomNotJoinedIsError2AndReachesNobody() throws Exception {
        TcdClient member = server.connectTcd();
        Joined room = member.join("room", "member");

        client.send(chat(room.ref(), room.joinId(), "outsider", "let me in"));
        client.expect(error(2, "not a member of room " + room.ref()));

        // Had the outsider's chat been relayed, the member would read it before its own.
        member.send(chat(room.ref(), room.joinId(), "member", "mine"));
        member.expect(relay(room.ref(), "member", "mine"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bell\u0007name", "tab\tname", "zero\u200bwidth",
        "x12345678901234567890123456789012345678901234567890123456789012345"})
    void invalidRoomNamesAreError3(String room) throws Exception {
        client.send(join(room, "c"));
        client.expect(error(3, "invalid room name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bell\u0007name", "tab\tname", "zero\u200bwidth",
        "x12345678901234567890123456789012345678901234567890123456789012345"})
    void invalidClientNamesAreError3(String name) throws Exception {
        client.send(join("room", name));
        client.expect(error(3, "invalid client name"));
        client.expectNothingBeforeHelo();
    }

    @Test
    void aJoinWithoutClientNameIsError13NotSilence() throws Exception {
        client.send("JOIN_CHATROOM: room1\nCLIENT_IP: 0\nPORT: 0\n\n");
        client.expect(error(13, "JOIN_CHATROOM without CLIENT_NAME"));
        client.expectNothingBeforeHelo();
    }

    @Test
    void everyKnownVerbCutShortGetsError13AndTheRequestAfterItIsStillAnswered() throws Exception {
        client.send("LEAVE_CHATROOM: 1\nJOIN_ID: 2\n\n");
        client.expect(error(13, "LEAVE_CHATROOM without CLIENT_NAME"));
        client.send("CHAT: 1\nJOIN_ID: 2\nCLIENT_NAME: c\n\n");
        client.expect(error(13, "CHAT without MESSAGE"));
        client.send("DISCONNECT: 0\nPORT: 0\nHELO next\n");
        client.expect(error(13, "DISCONNECT without CLIENT_NAME"));
        client.expect(helo("next", server.port("tcd")));
    }

    @Test
    void namesOfExactly64CharactersAreValid() throws Exception {
        String name = "n".repeat(64);
        client.join(name, name); // expects JOINED_CHATROOM, then the announcement under the whole name
    }

    @Test
    void killServiceWhenNotAllowedIsError6AndTheServerKeepsServing() throws Exception {
        client.send("KILL_SERVICE\n");
        client.expect(error(6, "KILL_SERVICE is disabled on this server"));

        client.expectNothingBeforeHelo();
        TcdClient later = server.connectTcd();
        later.send("HELO still up\n");
        later.expect(helo("still up", server.port("tcd")));
        assertThat(server.parley().stopped()).isNotDone();
    }
}
