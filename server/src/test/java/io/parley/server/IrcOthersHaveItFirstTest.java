package io.parley.server;

import io.parley.protocol.irc.IrcModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Over real sockets: once a user's command that others see (MODE, TOPIC, KICK, JOIN, PART,
 * QUIT, INVITE, NICK, SETNAME, a channel message, a CTCP, a STATUSMSG) is answered, the others
 * have its line: one that asks anything afterwards (here a {@code PING}, the barrier irctest and
 * bots use) gets the line before the answer, as from a server that writes it to everyone at once.
 */
class IrcOthersHaveItFirstTest {

    private static final String S = ":My.Little.Server ";
    private static final String ALICE = ":alice!~alice@127.0.0.1 ";
    private static final String BOB = ":bob!~bob@127.0.0.1 ";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    /** alice founds #x (its operator), then bob joins; both have read everything so far. */
    private IrcClient[] aliceAndBobIn(String channel) {
        IrcClient alice = IrcClient.joined(server, "alice", channel);
        IrcClient bob = IrcClient.joined(server, "bob", channel);
        alice.next("JOIN");
        return new IrcClient[] {alice, bob};
    }

    private static void pong(IrcClient client, String token) {
        client.expectLine(S + "PONG My.Little.Server " + token);
    }

    /** {@code author} sends {@code command} and a PING, and reads its own {@code line}, then the PONG. */
    private static void sendsAndHasItsLineBeforeItsPong(IrcClient author, String command, String line, String token) {
        author.send(command).send("PING " + token).expectLine(line);
        pong(author, token);
    }

    /** {@code client} pings and reads {@code line} first: it had the line before its PONG. */
    private static void hasBeforeItsPong(IrcClient client, String token, String line) {
        client.send("PING " + token).expectLine(line);
        pong(client, token);
    }

    @Test
    void aStoredModeReachesTheOtherMembersBeforeTheSettersNextReply() {
        IrcClient[] both = aliceAndBobIn("#x");
        IrcClient alice = both[0];
        IrcClient bob = both[1];
        sendsAndHasItsLineBeforeItsPong(alice, "MODE #x +m", ALICE + "MODE #x +m", "set");
        hasBeforeItsPong(bob, "after", ALICE + "MODE #x +m");
        // A member status (not stored) likewise; then bob, voiced, speaks and alice hears it.
        sendsAndHasItsLineBeforeItsPong(alice, "MODE #x +v bob", ALICE + "MODE #x +v bob", "voiced");
        hasBeforeItsPong(bob, "voiced", ALICE + "MODE #x +v bob");
        bob.send("PRIVMSG #x :hi again").send("PING said");
        pong(bob, "said");
        hasBeforeItsPong(alice, "heard", BOB + "PRIVMSG #x :hi again");
    }

    @Test
    void aTopicAndACtcpReachTheOtherMembersBeforeTheSendersNextReply() {
        IrcClient[] both = aliceAndBobIn("#x");
        IrcClient alice = both[0];
        IrcClient bob = both[1];
        sendsAndHasItsLineBeforeItsPong(alice, "TOPIC #x :news", ALICE + "TOPIC #x :news", "set");
        hasBeforeItsPong(bob, "after", ALICE + "TOPIC #x :news");
        bob.send("PRIVMSG #x :\u0001PING 12345\u0001").send("PING sent");
        pong(bob, "sent");
        hasBeforeItsPong(alice, "heard", BOB + "PRIVMSG #x :\u0001PING 12345\u0001");
        // A message to the channel's operators (STATUSMSG) likewise: alice founded #x.
        bob.send("PRIVMSG @#x :to the ops").send("PING asked");
        pong(bob, "asked");
        hasBeforeItsPong(alice, "told", BOB + "PRIVMSG @#x :to the ops");
    }

    @Test
    void aPartAndAKickReachTheOtherMembersBeforeTheAuthorsNextReply() {
        IrcClient[] both = aliceAndBobIn("#x");
        IrcClient alice = both[0];
        IrcClient bob = both[1];
        sendsAndHasItsLineBeforeItsPong(bob, "PART #x :bye", BOB + "PART #x :bye", "parted");
        hasBeforeItsPong(alice, "after", BOB + "PART #x :bye");
        bob.send("JOIN #x").next("366");
        alice.next("JOIN");
        sendsAndHasItsLineBeforeItsPong(alice, "KICK #x bob :out", ALICE + "KICK #x bob :out", "kicked");
        hasBeforeItsPong(bob, "after", ALICE + "KICK #x bob :out");
    }

    @Test
    void aJoinReachesTheOtherMembersBeforeTheJoinersNextReply() {
        IrcClient alice = IrcClient.joined(server, "alice", "#x");
        IrcClient bob = IrcClient.registered(server, "bob");
        bob.send("JOIN #x").send("PING joined").next("366");
        pong(bob, "joined");
        hasBeforeItsPong(alice, "after", BOB + "JOIN #x");
        // Several channels at once: every one's members have the JOIN by the joiner's next reply.
        IrcClient carol = IrcClient.joined(server, "carol", "#y");
        bob.send("JOIN #y,#z").send("PING both").next("366");
        bob.next("366");
        pong(bob, "both");
        hasBeforeItsPong(carol, "after", BOB + "JOIN #y");
    }

    @Test
    void anInviteANickChangeAndANewRealNameReachTheOthersBeforeTheAuthorsNextReply() {
        IrcClient alice = IrcCaps.registered(server, "alice", "setname");
        alice.send("JOIN #x").next("366");
        IrcClient bob = IrcCaps.registered(server, "bob", "setname");
        alice.send("INVITE bob #x").send("PING invited").next("341");
        pong(alice, "invited");
        hasBeforeItsPong(bob, "after", ALICE + "INVITE bob #x");
        bob.send("JOIN #x").next("366");
        alice.next("JOIN");
        sendsAndHasItsLineBeforeItsPong(bob, "NICK robert", BOB + "NICK robert", "renamed");
        hasBeforeItsPong(alice, "after", BOB + "NICK robert");
        String robert = ":robert!~bob@127.0.0.1 ";
        sendsAndHasItsLineBeforeItsPong(bob, "SETNAME :Robert B", robert + "SETNAME :Robert B", "named");
        hasBeforeItsPong(alice, "after", robert + "SETNAME :Robert B");
    }

    @Test
    void aQuitReachesTheOtherMembersBeforeTheQuitterReadsItsError() {
        IrcClient[] both = aliceAndBobIn("#x");
        IrcClient alice = both[0];
        IrcClient bob = both[1];
        bob.send("QUIT :bob out").expectLine("ERROR :Closing Link: 127.0.0.1 (Quit: bob out)");
        bob.expectEof(); // no QUIT line of its own before its ERROR
        hasBeforeItsPong(alice, "after", BOB + "QUIT :Quit: bob out");
    }
}
