package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The numbered conformance points of {@code shared/specs/line.md}, over real sockets. */
class LineConformanceTest {

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig();

    private WireClient client() {
        return server.connect("line");
    }

    /** A client that has sent its name; a message of its own proves it is in the room. */
    private WireClient member(String name) {
        WireClient client = client().send(name + "\n");
        client.send("(" + name + " is here)\n").expect(name + ": (" + name + " is here)\n");
        return client;
    }

    @Test
    void point1_everyMemberIncludingTheSenderGetsNameColonText() {
        WireClient alice = member("alice");
        WireClient bob = member("bob");
        alice.expect("* bob joined lobby\n").expect("bob: (bob is here)\n");

        alice.send("hello\n");

        alice.expect("alice: hello\n");
        bob.expect("alice: hello\n");
    }

    @Test
    void point2_nothingArrivesAfterTheNameUntilSomeoneSpeaks() {
        WireClient bob = member("bob");
        WireClient alice = client().send("alice\n");

        alice.send("first words\n");

        // No banner, prompt or join notice to the joiner: the first bytes it reads are its words.
        // Bob, already in, learns that alice joined.
        alice.expect("alice: first words\n");
        bob.expect("* alice joined lobby\n").expect("alice: first words\n");
    }

    @Test
    void point3_crlfInputGivesLfOutput() {
        WireClient alice = client().send("alice\r\n");

        alice.send("hello\r\n").expect("alice: hello\n");
    }

    @Test
    void point4_emptyLinesColonsTabsAndUtf8AreRelayedExactly() {
        WireClient alice = member("alice");

        alice.send("\n").expect("alice: \n");
        alice.send("a: b: c\n").expect("alice: a: b: c\n");
        alice.send("tab\there\n").expect("alice: tab\there\n");
        alice.send("héllo wörld ✓ 你好 🎉\n").expect("alice: héllo wörld ✓ 你好 🎉\n");
    }

    @Test
    void point5_framingDoesNotDependOnSegments() {
        WireClient together = client().send("alice\nin one segment\n");
        together.expect("alice: in one segment\n");

        WireClient slow = client().sendByteByByte("bob\nsplit over many segments\n");
        together.expect("* bob joined lobby\n").expect("bob: split over many segments\n");
        slow.expect("bob: split over many segments\n");

        together.send("one\ntwo\nthree\n");
        slow.expect("alice: one\nalice: two\nalice: three\n");
    }

    @Test
    void point6_fiftyClientsEachSeeEveryLineInTheSameOrder() {
        int clientCount = 50;
        int linesEach = 20;
        List<WireClient> members = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            // Its own hello echoed proves a client is in the room before the flood starts.
            members.add(client().send("c" + i + "\nhello\n").expect("c" + i + ": hello\n"));
        }
        for (int line = 0; line < linesEach; line++) {
            for (int i = 0; i < clientCount; i++) {
                members.get(i).send("line " + line + " from c" + i + "\n");
            }
        }
        List<String> reference = null;
        for (WireClient member : members) {
            List<String> received = new ArrayList<>();
            while (received.size() < clientCount * linesEach) {
                String line = member.readLine();
                // Later members' joins and hellos came before the flood.
                if (!line.endsWith(": hello") && !line.endsWith(" joined lobby")) {
                    received.add(line);
                }
            }
            if (reference == null) {
                reference = received;
                assertThat(received).doesNotHaveDuplicates();
            }
            assertThat(received).isEqualTo(reference);
        }
    }

    @Test
    void point7_aClientThatLeavesEarlyLeavesNoTrace() {
        WireClient alice = member("alice");
        client().close(); // before its name
        WireClient midLine = client().send("bob\nhalf a li");
        midLine.close();

        // Not member(): bob's leave may reach carol after her join, before her own words.
        client().send("carol\nstill here?\n");

        // Bob named himself, so his coming and going show (when his close is handled is up to
        // the kernel); his cut-off line does not, nor does the client that never named itself.
        List<String> seen = new ArrayList<>();
        for (String line = alice.readLine(); !line.equals("carol: still here?"); line = alice.readLine()) {
            seen.add(line);
        }
        assertThat(seen).contains("* carol joined lobby")
                .isSubsetOf("* bob joined lobby", "* bob left lobby", "* carol joined lobby");
    }

    @Test
    void linesSentJustBeforeHangingUpStillReachTheRoom() {
        // printf 'dave\nhi\nbye\n' | nc: the lines wait behind the name's join when the close comes.
        WireClient alice = member("alice");
        client().send("dave\nhi\nbye\n").close();

        alice.expect("* dave joined lobby\n");
        alice.expect("dave: hi\n");
        alice.expect("dave: bye\n");
        alice.expect("* dave left lobby\n");
    }

    @Test
    void point9_aLobbyMessageFromAnotherProtocolArrivesAsNameColonText() {
        WireClient alice = member("alice");
        WireClient tcd = server.connect("tcd");
        tcd.send("JOIN_CHATROOM: lobby\nCLIENT_IP: 0\nPORT: 0\nCLIENT_NAME: tom\n");
        String joined = tcd.readLine() + tcd.readLine() + tcd.readLine();
        String ref = tcd.readLine().substring("ROOM_REF: ".length());
        tcd.readLine(); // JOIN_ID

        tcd.send("CHAT: " + ref + "\nJOIN_ID: 0\nCLIENT_NAME: tom\nMESSAGE: hi from tcd\n\n");

        assertThat(joined).startsWith("JOINED_CHATROOM: lobby");
        alice.expect("* tom joined lobby\n");
        alice.expect("tom: hi from tcd\n");
    }

    @Test
    void invalidUtf8IsReplacedNeverForwardedRaw() {
        WireClient alice = member("alice");

        alice.sendBytes(new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28, '\n'});

        alice.expect("alice: ok\uFFFD(\n");
    }

    @Test
    void overlongEncodingsAndControlCharactersNeverReachAnotherClient() {
        WireClient alice = member("alice");
        WireClient bob = member("bob");
        alice.expect("* bob joined lobby\n").expect("bob: (bob is here)\n");

        // C0 AF is an overlong '/', E0 80 AF another; ESC and BEL would drive bob's terminal.
        alice.sendBytes(new byte[] {'a', (byte) 0xC0, (byte) 0xAF, 'b', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '\n'});
        alice.send("red \u001b[31malert\u0007\n");

        bob.expect("alice: a\uFFFD\uFFFDb\uFFFD\uFFFD\uFFFD\n");
        bob.expect("alice: red \uFFFD[31malert\uFFFD\n");
    }

    @Test
    void badNamesGetANoticeAndAClose() {
        client().send(" alice\n").expect("* name must not start or end with a space\n").expectEof();
        client().send("\n").expect("* name must be 1-32 characters\n").expectEof();
        client().send("a".repeat(33) + "\n").expect("* name must be 1-32 characters\n").expectEof();
        client().send("al\u0007ice\n").expect("* name must not contain control characters\n").expectEof();
        client().send("bob: hi\n").expect("* name must not contain ':'\n").expectEof();
    }

    @Test
    void aLineOverTheLimitGetsANoticeAndACloseAndTheRoomGoesOn() {
        WireClient alice = member("alice");
        WireClient bob = member("bob");
        alice.expect("* bob joined lobby\n").expect("bob: (bob is here)\n");

        byte[] tooLong = ("x".repeat(16 * 1024 + 1) + "\n").getBytes(StandardCharsets.UTF_8);
        bob.sendBytes(tooLong).expect("* line too long (limit 16384 bytes)\n").expectEof();

        alice.expect("* bob left lobby\n");
        alice.send("still fine\n").expect("alice: still fine\n");
    }
}
