package io.parley.server;

import static io.parley.server.TcdMessages.error;
import static io.parley.server.TcdMessages.join;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TCD names that would fake a line for line members ({@code name: text}, notices {@code * ...}):
 * a colon look-alike anywhere or a {@code *} first is an invalid name, error 3.
 */
class TcdNamesThatFakeLinesTest {

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig();
    private TcdClient client;

    @BeforeEach
    void start() throws Exception {
        client = server.connectTcd();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob\uA789 hi", "bob\uFF1A hi", "bob\u2236 hi", "bob\u02D0 hi", "bob\u05C3 hi",
        "bob\uFE13 hi", "bob\uFE55 hi", "* alice joined lobby", "\u2217 alice joined lobby", "\u2800* alice"})
    void aClientNameThatFakesALineIsError3(String name) throws Exception {
        client.send(join("room", name));
        client.expect(error(3, "invalid client name"));
        client.expectNothingBeforeHelo();
    }

    @ParameterizedTest
    @ValueSource(strings = {"room\uA789 x", "room\uFF1Ax"})
    void aRoomNameWithAColonLookAlikeIsError3(String room) throws Exception {
        client.send(join(room, "c"));
        client.expect(error(3, "invalid room name"));
    }
}
