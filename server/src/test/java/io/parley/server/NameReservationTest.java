package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Names are unambiguous and a registered name is its owner's alone, on every protocol (account.md,
 * "Session": registered names are reserved on every protocol), over real sockets.
 */
class NameReservationTest {

    private static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig();

    @Test
    void aLineUserChattingUnderANameIsCutOffWhenItsOwnerRegistersIt() throws Exception {
        WireClient impostor = server.connect("line").send("Alice\nhi\n").expect("Alice: hi\n");
        WireClient witness = server.connect("line").send("bob\nhere\n").expect("bob: here\n");
        impostor.expect("* bob joined lobby\n").expect("bob: here\n");

        server.login("alice", PASSWORD);

        impostor.expect("* the name \"Alice\" was just registered by its owner; connect with another name\n")
                .expectEof();
        impostor.close();
        // The impostor's leave and the owner's join reach the room in either order.
        witness.send("who is left?\n");
        assertThat(List.of(witness.readLine(), witness.readLine(), witness.readLine()))
                .containsExactlyInAnyOrder("* Alice left lobby", "* alice joined lobby", "bob: who is left?");
        server.connect("line").send("alice\n")
                .expect("* name \"alice\" belongs to a registered account; connect with another name\n").expectEof();
    }

    @Test
    void aTcdUserChattingUnderANameIsCutOffWhenItsOwnerRegistersIt() throws Exception {
        TcdClient impostor = TcdClient.connect(server.port("tcd"));
        TcdClient witness = TcdClient.connect(server.port("tcd"));
        TcdClient.Joined lobby = impostor.join("lobby", "ALICE");
        witness.join("lobby", "bob");
        impostor.expect(TcdMessages.joinedAnnouncement(lobby.ref(), "bob"));

        server.login("alice", PASSWORD);

        impostor.expect(TcdMessages.error(4, "name ALICE was just registered by its owner"));
        impostor.expectEof();
        // It left the room as an abrupt close does (in either order with the owner's join, which
        // her login is); the room goes on without it.
        assertThat(List.of(nextRelay(witness), nextRelay(witness))).containsExactlyInAnyOrder(
                TcdMessages.leftAnnouncement(lobby.ref(), "ALICE"), TcdMessages.joinedAnnouncement(lobby.ref(), "alice"));
        witness.send(TcdMessages.chat(lobby.ref(), 0, "bob", "still here"));
        witness.expect(TcdMessages.relay(lobby.ref(), "bob", "still here"));
        impostor.close();
        witness.close();
    }

    @Test
    void blankLookAlikesOfARegisteredNameAreRefused() throws Exception {
        server.login("alice", PASSWORD);

        server.connect("line").send("alice\u2800\n")
                .expect("* name \"alice\u2800\" belongs to a registered account; connect with another name\n")
                .expectEof();
        server.connect("line").send("alice\u00A0\n")
                .expect("* name \"alice\u00A0\" belongs to a registered account; connect with another name\n")
                .expectEof();
        server.connect("tcd").send(TcdMessages.join("lobby", "alice\u2800"))
                .expect(TcdMessages.error(4, "name alice\u2800 belongs to a registered account"));
        server.connect("tcd").send(TcdMessages.join("lobby", "alice\u00A0"))
                .expect(TcdMessages.error(4, "name alice\u00A0 belongs to a registered account"));
    }

    @Test
    void aNameWithASpaceCannotPassForAnAccountUserInFramesOrHistory() throws Exception {
        AccountWire bob = server.login("bob", PASSWORD);
        TcdClient forger = TcdClient.connect(server.port("tcd"));
        TcdClient.Joined lobby = forger.join("lobby", "alice says");

        forger.send(TcdMessages.chat(lobby.ref(), 0, "alice says", "hi"));
        assertThat(nextDeliveryEndingWith(bob, " hi")).isEqualTo("D BM alice%20says hi");
        server.connect("line").send("100% carol\nhello\n");
        assertThat(nextDeliveryEndingWith(bob, " hello")).isEqualTo("D BM 100%25%20carol hello");
        bob.wire.send("C CH\n");
        assertThat(nextDeliveryEndingWith(bob, " hi")).matches("D CH \\S+ BM alice%20says lobby hi");
        assertThat(nextDeliveryEndingWith(bob, " hello")).matches("D CH \\S+ BM 100%25%20carol lobby hello");
        forger.close();
    }

    /** The next relay block (CHAT, CLIENT_NAME, MESSAGE and the blank line), as sent. */
    private static String nextRelay(TcdClient client) {
        StringBuilder block = new StringBuilder();
        for (int line = 0; line < 4; line++) {
            block.append(client.readLine()); // its \n included
        }
        return block.toString();
    }

    /** Reads frames (skipping others, such as join announcements) until one ends with {@code end}. */
    private static String nextDeliveryEndingWith(AccountWire client, String end) {
        while (true) {
            String frame = client.wire.readLine();
            if (frame.endsWith(end)) {
                return frame;
            }
        }
    }
}
