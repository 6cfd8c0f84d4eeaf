package io.parley.server;

import static io.parley.server.TcdMessages.chat;
import static io.parley.server.TcdMessages.join;
import static io.parley.server.TcdMessages.joinedAnnouncement;
import static io.parley.server.TcdMessages.leave;
import static io.parley.server.TcdMessages.left;
import static io.parley.server.TcdMessages.leftAnnouncement;
import static io.parley.server.TcdMessages.relay;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Joins and leaves are presence, not chat (issue 12, finding 8): each protocol shows them in its
 * own form (TCD's announcement relay, a line {@code * ...} notice, nothing for account users),
 * and history holds only what people said.
 */
class PresenceTest {

    private static final String PASSWORD = "correct horse";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig();

    /** A line member of lobby; its own words prove it is in. */
    private WireClient lineMember(String name) {
        return server.connect("line").send(name + "\n").send("(" + name + " is here)\n")
                .expect(name + ": (" + name + " is here)\n");
    }

    /** A TCD member of lobby; returns lobby's ref (after JOINED and its own announcement). */
    private int tcdJoin(WireClient tcd, String name) {
        tcd.send(join("lobby", name));
        assertThat(tcd.readLine()).isEqualTo("JOINED_CHATROOM: lobby");
        tcd.readLine(); // SERVER_IP
        tcd.readLine(); // PORT
        int ref = Integer.parseInt(tcd.readLine().substring("ROOM_REF: ".length()));
        tcd.readLine(); // JOIN_ID
        tcd.expect(joinedAnnouncement(ref, name));
        return ref;
    }

    @Test
    void aTcdJoinAndLeaveAreNoticesForLineMembersNotChat() {
        WireClient alice = lineMember("alice");
        WireClient carol = server.connect("tcd");
        int lobby = tcdJoin(carol, "carol");

        alice.expect("* carol joined lobby\n");
        carol.send(chat(lobby, 0, "carol", "hi")).expect(relay(lobby, "carol", "hi"));
        alice.expect("carol: hi\n");
        carol.send(leave(lobby, 7, "carol")).expect(left(lobby, 7)).expect(leftAnnouncement(lobby, "carol"));
        alice.expect("* carol left lobby\n");
    }

    @Test
    void aLineJoinAndLeaveAreAnnouncedToLineAndTcdMembers() {
        WireClient alice = lineMember("alice");
        WireClient tom = server.connect("tcd");
        int lobby = tcdJoin(tom, "tom");
        alice.expect("* tom joined lobby\n");

        WireClient bob = server.connect("line").send("bob\n");

        alice.expect("* bob joined lobby\n");
        tom.expect(joinedAnnouncement(lobby, "bob"));
        // The joiner itself is told nothing (line.md): the next thing it reads is its own words.
        bob.send("hello\n").expect("bob: hello\n");
        alice.expect("bob: hello\n");
        tom.expect(relay(lobby, "bob", "hello"));

        bob.close();
        alice.expect("* bob left lobby\n");
        tom.expect(leftAnnouncement(lobby, "bob"));
    }

    @Test
    void accountUsersSeeNoJoinFramesAndTheirHistoryHoldsOnlyWhatWasSaid() throws Exception {
        AccountWire alice = server.login("alice", PASSWORD);
        WireClient carol = server.connect("tcd");
        int lobby = tcdJoin(carol, "carol");
        carol.send(chat(lobby, 0, "carol", "hello")).expect(relay(lobby, "carol", "hello"));
        carol.send(leave(lobby, 1, "carol")).expect(left(lobby, 1)).expect(leftAnnouncement(lobby, "carol"));
        WireClient dave = lineMember("dave");
        dave.close();

        // Carol's join and leave, and dave's, show nothing: the next frames are what they said.
        alice.wire.expect("D BM carol hello\n");
        alice.wire.expect("D BM dave (dave is here)\n");
        alice.wire.send("C CH\n");
        assertThat(alice.wire.readLine()).matches("D CH \\S+ BM carol lobby hello");
        assertThat(alice.wire.readLine()).matches("D CH \\S+ BM dave lobby \\(dave is here\\)");
        assertThat(alice.wire.readLine()).isEqualTo("C OK 2 entries");
    }
}
