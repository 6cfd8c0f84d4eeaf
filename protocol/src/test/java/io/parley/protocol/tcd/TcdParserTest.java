package io.parley.protocol.tcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TCD parser on its own: lines in, requests out (spec: shared/specs/tcd.md). */
class TcdParserTest {

    private static final int LIMIT = 64 * 1024;

    private final TcdParser parser = new TcdParser(LIMIT);

    /** Feeds each line (without its line end) and returns the requests they completed. */
    private List<TcdRequest> feed(String... lines) {
        List<TcdRequest> requests = new ArrayList<>();
        for (String line : lines) {
            TcdRequest request = parser.accept(line);
            if (request != null) {
                requests.add(request);
            }
        }
        return requests;
    }

    @Test
    void helo() {
        assertThat(feed("HELO BASE_TEST")).containsExactly(new TcdRequest.Helo("BASE_TEST"));
    }

    @Test
    void heloKeepsTheTextAfterTheVerbWhole() {
        assertThat(feed("HELO some text here ")).containsExactly(new TcdRequest.Helo("some text here"));
    }

    @Test
    void killService() {
        assertThat(feed("KILL_SERVICE")).containsExactly(new TcdRequest.KillService());
    }

    @Test
    void joinChatroomEndsWithItsClientName() {
        assertThat(feed("JOIN_CHATROOM: room1", "CLIENT_IP: 0", "PORT: 0"))
                .as("not complete before CLIENT_NAME").isEmpty();
        assertThat(feed("CLIENT_NAME: client1")).containsExactly(new TcdRequest.Join("room1", "client1"));
    }

    @Test
    void leaveChatroom() {
        assertThat(feed("LEAVE_CHATROOM: 7", "JOIN_ID: 3", "CLIENT_NAME: client1"))
                .containsExactly(new TcdRequest.Leave("7", "3", "client1"));
    }

    @Test
    void chatEndsWithTheEmptyLineAfterItsMessage() {
        assertThat(feed("CHAT: 7", "JOIN_ID: 3", "CLIENT_NAME: client1", "MESSAGE: hello world from client 1"))
                .as("not complete before the empty line").isEmpty();
        assertThat(feed("")).containsExactly(new TcdRequest.Chat("7", "3", "client1", "hello world from client 1"));
    }

    @Test
    void disconnect() {
        assertThat(feed("DISCONNECT: 0", "PORT: 0", "CLIENT_NAME: client1"))
                .containsExactly(new TcdRequest.Disconnect("client1"));
    }

    @Test
    void fieldsInSpecOrderAreReadWithTheirValuesTrimmed() {
        assertThat(feed("JOIN_CHATROOM:   room one  ", "CLIENT_IP: 0", "PORT: 0", "CLIENT_NAME:\tclient one "))
                .containsExactly(new TcdRequest.Join("room one", "client one"));
    }

    @Test
    void multiLineMessageIsJoinedWithNewlines() {
        assertThat(feed("CHAT: 7", "JOIN_ID: 3", "CLIENT_NAME: c", "MESSAGE: first line", "second line",
                "  third, indented", ""))
                .containsExactly(new TcdRequest.Chat("7", "3", "c", "first line\nsecond line\n  third, indented"));
    }

    @Test
    void linesThatLookLikeRequestsInsideAMessageAreText() {
        assertThat(feed("CHAT: 7", "JOIN_ID: 3", "CLIENT_NAME: c", "MESSAGE: see:", "KILL_SERVICE",
                "HELO x", ""))
                .containsExactly(new TcdRequest.Chat("7", "3", "c", "see:\nKILL_SERVICE\nHELO x"));
    }

    @Test
    void blankLinesBetweenRequestsAreIgnored() {
        assertThat(feed("", "HELO a", "", "   ", "", "LEAVE_CHATROOM: 1", "JOIN_ID: 2", "CLIENT_NAME: c", "", ""))
                .containsExactly(new TcdRequest.Helo("a"), new TcdRequest.Leave("1", "2", "c"));
    }

    @Test
    void anUnknownLineYieldsNothing() {
        assertThat(feed("UNKNOWN_MESSAGE", "NOT_A_VERB: 1", "JOIN_ID: 3")).isEmpty();
    }

    @Test
    void anUnknownLineEndsTheUnfinishedRequestAsIncomplete() {
        assertThat(feed("JOIN_CHATROOM: room1", "CLIENT_IP: 0", "GARBAGE", "PORT: 0", "CLIENT_NAME: c1"))
                .as("the fields after the garbage belong to no request")
                .containsExactly(new TcdRequest.Incomplete("JOIN_CHATROOM", "CLIENT_NAME", null));
        assertThat(feed("HELO after")).containsExactly(new TcdRequest.Helo("after"));
    }

    @Test
    void aNewVerbEndsTheUnfinishedRequestAsIncomplete() {
        assertThat(feed("JOIN_CHATROOM: room1", "CLIENT_IP: 0", "LEAVE_CHATROOM: 5", "JOIN_ID: 1",
                "CLIENT_NAME: c1"))
                .containsExactly(new TcdRequest.Incomplete("JOIN_CHATROOM", "CLIENT_NAME", null),
                        new TcdRequest.Leave("5", "1", "c1"));
    }

    @Test
    void aBlankLineEndsAKnownVerbsRequestBeforeItsLastFieldAsIncomplete() {
        assertThat(feed("JOIN_CHATROOM: room1", "CLIENT_IP: 0", "PORT: 0", "")).containsExactly(
                new TcdRequest.Incomplete("JOIN_CHATROOM", "CLIENT_NAME", null));
        assertThat(feed("LEAVE_CHATROOM: 1", "JOIN_ID: 2", "")).containsExactly(
                new TcdRequest.Incomplete("LEAVE_CHATROOM", "CLIENT_NAME", null));
        assertThat(feed("DISCONNECT: 0", "PORT: 0", "")).containsExactly(
                new TcdRequest.Incomplete("DISCONNECT", "CLIENT_NAME", null));
        assertThat(feed("CHAT: 1", "JOIN_ID: 2", "CLIENT_NAME: c", "")).containsExactly(
                new TcdRequest.Incomplete("CHAT", "MESSAGE", null));
    }

    @Test
    void aOneLineRequestThatEndsAnUnfinishedOneFollowsItsIncomplete() {
        assertThat(feed("JOIN_CHATROOM: room1", "HELO x")).containsExactly(
                new TcdRequest.Incomplete("JOIN_CHATROOM", "CLIENT_NAME", new TcdRequest.Helo("x")));
    }

    @Test
    void aRequestOverTheLimitThrowsAndTheNextRequestStartsClean() {
        TcdParser small = new TcdParser(40);
        small.accept("CHAT: 7");
        small.accept("JOIN_ID: 3");
        small.accept("CLIENT_NAME: c");

        assertThatThrownBy(() -> small.accept("MESSAGE: twelve chars"))
                .isInstanceOf(RequestTooLongException.class)
                .hasMessageContaining("40 bytes");
        assertThat(small.accept("HELO again")).isEqualTo(new TcdRequest.Helo("again"));
    }

    @Test
    void theLimitCountsEveryLineOfAMultiLineMessage() {
        TcdParser small = new TcdParser(40);
        small.accept("CHAT: 7");
        small.accept("MESSAGE: a");
        small.accept("bbbbbbbbbb");

        assertThatThrownBy(() -> small.accept("cccccccccc")).isInstanceOf(RequestTooLongException.class);
    }

    @Test
    void aRequestOfExactlyTheLimitIsAccepted() {
        // 13 + 1 and 25 + 1 bytes with their line ends: 40.
        TcdParser small = new TcdParser(40);
        small.accept("DISCONNECT: 0");

        assertThat(small.accept("CLIENT_NAME: client_12345")).isEqualTo(new TcdRequest.Disconnect("client_12345"));
    }

    @Test
    void theLimitCountsCharactersByTheirUtf8Length() {
        // "MESSAGE: " + 3 two-byte and 3 three-byte characters is 9 + 6 + 9 = 24 bytes, 25 with its end.
        TcdParser small = new TcdParser(40);
        small.accept("CHAT: 7"); // 8 bytes with its end
        small.accept("JOIN_ID: 3"); // 11: 19 in all

        assertThatThrownBy(() -> small.accept("MESSAGE: \u00e9\u00e9\u00e9\u20ac\u20ac\u20ac"))
                .isInstanceOf(RequestTooLongException.class);
    }

    @Test
    void utf8LengthCountsEachCharacterAsItsEncoding() {
        for (String text : List.of("", "ascii", "caf\u00e9", "\u20ac \u2615", "\ud83d\ude00 emoji", "\uFFFD")) {
            assertThat(TcdParser.utf8Length(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void aMessageOfMoreLinesThanTheLimitIsReadToItsEndAndRefused() {
        TcdParser parser = new TcdParser(LIMIT, 3);
        assertThat(feed(parser, "CHAT: 7", "JOIN_ID: 3", "CLIENT_NAME: c", "MESSAGE: one", "two", "three", "four", "",
                "HELO after"))
                .containsExactly(new TcdRequest.TooManyLines(), new TcdRequest.Helo("after"));
    }

    @Test
    void aMessageOfExactlyTheLimitOfLinesIsAccepted() {
        TcdParser parser = new TcdParser(LIMIT, 3);
        assertThat(feed(parser, "CHAT: 7", "JOIN_ID: 3", "CLIENT_NAME: c", "MESSAGE: one", "two", "three", ""))
                .containsExactly(new TcdRequest.Chat("7", "3", "c", "one\ntwo\nthree"));
    }

    private static List<TcdRequest> feed(TcdParser parser, String... lines) {
        List<TcdRequest> requests = new ArrayList<>();
        for (String line : lines) {
            TcdRequest request = parser.accept(line);
            if (request != null) {
                requests.add(request);
            }
        }
        return requests;
    }

    @Test
    void fieldsLoseTheWhitespaceAroundThemAsStripWouldTakeIt() {
        // U+2003 (em space) is whitespace to Java; U+00A0 (no-break space) is not, and stays.
        assertThat(feed(" join_chatroom :\t\u2003room one\u2003 ", "CLIENT_IP:0", "PORT:0",
                "CLIENT_NAME:\u00a0ann\u00a0"))
                .containsExactly(new TcdRequest.Join("room one", "\u00a0ann\u00a0"));
        for (String line : List.of("", " ", "a", " a ", "\t\u2003x y\u3000", "\u00a0b\u00a0", "\ud83d\ude00 ")) {
            assertThat(TcdParser.stripped(line, 0, line.length())).isEqualTo(line.strip());
        }
    }
}
