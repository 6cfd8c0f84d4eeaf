package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcMessage;
import io.parley.protocol.irc.IrcModule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code draft/read-marker} over real sockets: MARKREAD get and set, on JOIN before the names,
 * only forward, shared by an account's connections and kept across its reconnections, a guest's
 * gone with its connection, and the errors.
 */
class IrcReadMarkerTest {

    private static final String S = ":My.Little.Server ";
    private static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    @Test
    void aGuestGetsAndSetsMarkersThatOnlyMoveForward() {
        IrcClient alice = IrcCaps.registered(server, "alice", "draft/read-marker");
        alice.send("MARKREAD #nosuchtarget").expectLine(S + "MARKREAD #nosuchtarget *");

        alice.send("JOIN #test");
        List<String> join = alice.until(line -> IrcClient.command(line).equals("366"));
        assertThat(join).filteredOn(line -> IrcClient.command(line).equals("MARKREAD"))
                .containsExactly(S + "MARKREAD #test *");
        assertThat(IrcClient.command(join.get(join.size() - 2))).isEqualTo("353"); // MARKREAD came before the names

        alice.send("MARKREAD #test timestamp=2019-06-01T12:00:00.000Z")
                .expectLine(S + "MARKREAD #test timestamp=2019-06-01T12:00:00.000Z");
        alice.send("MARKREAD #TEST timestamp=2019-01-01T00:00:00.000Z") // older: the stored one is kept
                .expectLine(S + "MARKREAD #TEST timestamp=2019-06-01T12:00:00.000Z");
        alice.send("MARKREAD #test").expectLine(S + "MARKREAD #test timestamp=2019-06-01T12:00:00.000Z");

        alice.send("PART #test").next("PART");
        alice.send("JOIN #test");
        assertThat(alice.until(line -> IrcClient.command(line).equals("366")))
                .contains(S + "MARKREAD #test timestamp=2019-06-01T12:00:00.000Z");

        alice.send("MARKREAD bob timestamp=2999-01-01T00:00:00.000Z"); // the future: now at most
        IrcMessage clamped = IrcCaps.next(alice);
        Instant kept = Instant.parse(clamped.param(1).substring("timestamp=".length()));
        assertThat(kept).isBefore(Instant.parse("2999-01-01T00:00:00Z")).isAfter(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void badMarkreadsGetStandardReplies() {
        IrcClient alice = IrcCaps.registered(server, "alice", "draft/read-marker");
        alice.send("MARKREAD").expectLine(S + "FAIL MARKREAD NEED_MORE_PARAMS :Missing parameters");
        alice.send("MARKREAD #test *").expectLine(S + "FAIL MARKREAD INVALID_PARAMS * :Invalid timestamp");
        alice.send("MARKREAD #test timestamp=not-a-timestamp")
                .expectLine(S + "FAIL MARKREAD INVALID_PARAMS timestamp=not-a-timestamp :Invalid timestamp");
        alice.send("MARKREAD #a,b").expectLine(S + "FAIL MARKREAD INVALID_PARAMS #a,b :Invalid target");
    }

    @Test
    void aGuestsMarkersGoWithItsConnection() {
        IrcClient first = IrcCaps.registered(server, "guest", "draft/read-marker");
        first.send("MARKREAD #secret timestamp=2020-03-15T10:00:00.000Z").next("MARKREAD");
        first.send("QUIT").next("ERROR");
        IrcClient next = IrcCaps.registered(server, "guest", "draft/read-marker");
        next.send("MARKREAD #secret").expectLine(S + "MARKREAD #secret *");
    }

    @Test
    void aChangeIsToldToTheAccountsOwnConnectionsOnly() throws Exception {
        server.login("dora", PASSWORD).close();
        server.login("erin", PASSWORD).close();
        IrcClient laptop = loggedIn("dora", "dora");
        IrcClient phone = loggedIn("dora", "dora_phone");
        IrcClient tablet = loggedIn("dora", "dora_tablet");
        IrcClient erin = loggedIn("erin", "erin");
        tablet.send("QUIT").next("ERROR");

        laptop.send("MARKREAD #test timestamp=2022-11-11T11:11:11.111Z").next("MARKREAD");
        phone.expectLine(S + "MARKREAD #test timestamp=2022-11-11T11:11:11.111Z");
        erin.expectNothingMore("My.Little.Server"); // another account's connection is not told
        IrcClient tabletAgain = loggedIn("dora", "dora_tablet2");
        tabletAgain.send("MARKREAD #test").expectLine(S + "MARKREAD #test timestamp=2022-11-11T11:11:11.111Z");

        phone.send("MARKREAD #test timestamp=2023-01-01T00:00:00.000Z").next("MARKREAD");
        laptop.expectLine(S + "MARKREAD #test timestamp=2023-01-01T00:00:00.000Z");
        tabletAgain.expectLine(S + "MARKREAD #test timestamp=2023-01-01T00:00:00.000Z");
        erin.send("MARKREAD #test").expectLine(S + "MARKREAD #test *");
    }

    @Test
    void anAccountsConnectionsShareItsMarkersAndKeepThemAcrossReconnections() throws Exception {
        server.login("dora", PASSWORD).close();
        IrcClient laptop = loggedIn("dora", "dora");
        IrcClient phone = loggedIn("dora", "dora_phone");
        IrcClient guest = IrcCaps.registered(server, "guest", "draft/read-marker");

        laptop.send("MARKREAD #test timestamp=2022-11-11T11:11:11.111Z")
                .expectLine(S + "MARKREAD #test timestamp=2022-11-11T11:11:11.111Z");
        phone.expectLine(S + "MARKREAD #test timestamp=2022-11-11T11:11:11.111Z");
        guest.send("MARKREAD #test").expectLine(S + "MARKREAD #test *"); // never another user's

        phone.send("QUIT").next("ERROR");
        laptop.send("QUIT").next("ERROR");
        IrcClient again = loggedIn("dora", "dora");
        again.send("JOIN #test");
        assertThat(again.until(line -> IrcClient.command(line).equals("366")))
                .contains(S + "MARKREAD #test timestamp=2022-11-11T11:11:11.111Z");
    }

    /** Registers with SASL as {@code account} under {@code nick}, with draft/read-marker. */
    private IrcClient loggedIn(String account, String nick) {
        IrcClient client = new IrcClient(server.connect("irc"));
        client.send("CAP LS 302").send("NICK " + nick).send("USER u 0 * :Dora");
        client.next("CAP");
        client.send("CAP REQ :sasl draft/read-marker");
        client.next("CAP");
        client.send("AUTHENTICATE PLAIN").expectLine("AUTHENTICATE +");
        client.send("AUTHENTICATE " + IrcSaslTest.plain("", account, PASSWORD));
        client.next("903");
        client.send("CAP END");
        client.until(line -> IrcClient.command(line).equals("422"));
        return client;
    }
}
