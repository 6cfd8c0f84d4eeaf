package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcMessage;
import io.parley.protocol.irc.IrcModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Over real sockets: the user's own NICK and SETNAME are the reply to its command (so a labeled
 * one carries the label), and what a QUIT changes is visible to others as soon as the quitter has
 * read its ERROR: WHOWAS knows it, and MONITOR watchers have their 731 before anything they ask
 * for afterwards. Likewise a message to a nick and an AWAY have reached the others before the
 * sender's next command is answered.
 */
class IrcQuitAndRenameTest {

    private static final String S = ":My.Little.Server ";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    @Test
    void aLabeledNickIsAnsweredByTheNickChangeCarryingTheLabel() {
        IrcClient alice = IrcCaps.registered(server, "alice", "batch labeled-response setname");
        alice.send("@label=abc NICK alice2");
        alice.expectLine("@label=abc :alice!~alice@127.0.0.1 NICK alice2");
        alice.send("@label=def SETNAME :Alice Two");
        alice.expectLine("@label=def :alice2!~alice@127.0.0.1 SETNAME :Alice Two");
        alice.send("@label=same NICK alice2"); // no change: nothing but the ACK
        alice.expectLine("@label=same " + S + "ACK");
    }

    @Test
    void aNickChangeStillReachesTheUserWithoutLabelsAndItsChannel() {
        IrcClient alice = IrcClient.registered(server, "alice");
        IrcClient bob = IrcClient.registered(server, "bob");
        alice.send("JOIN #x").next("366");
        bob.send("JOIN #x").next("366");
        alice.next("JOIN");
        alice.send("NICK alicia").expectLine(":alice!~alice@127.0.0.1 NICK alicia");
        bob.expectLine(":alice!~alice@127.0.0.1 NICK alicia");
    }

    @Test
    void whowasKnowsAUserAsSoonAsItsQuitIsAnswered() {
        IrcClient nick1 = IrcClient.registered(server, "nick1");
        IrcClient nick2 = IrcClient.registered(server, "nick2");
        nick2.send("QUIT :bye").expectLine("ERROR :Closing Link: 127.0.0.1 (Quit: bye)");
        nick1.send("WHOWAS nick2");
        nick1.expectLine(S + "314 nick1 nick2 ~nick2 127.0.0.1 * :nick2 Real");
        IrcMessage whereWas = IrcCaps.next(nick1);
        assertThat(whereWas.command()).isEqualTo("312");
        assertThat(whereWas.params().subList(0, 3)).containsExactly("nick1", "nick2", "My.Little.Server");
        nick1.expectLine(S + "369 nick1 nick2 :End of WHOWAS");
    }

    @Test
    void aMessageToANickAndAnAwayAreOutBeforeTheSendersNextReply() {
        IrcClient alice = IrcCaps.registered(server, "alice", "away-notify");
        IrcClient bob = IrcCaps.registered(server, "bob", "away-notify");
        alice.send("JOIN #x").next("366");
        bob.send("JOIN #x").next("366");
        alice.next("JOIN");
        bob.send("PRIVMSG alice :hey").send("PING sent").expectLine(S + "PONG My.Little.Server sent");
        alice.send("PING barrier");
        alice.expectLine(":bob!~bob@127.0.0.1 PRIVMSG alice :hey");
        alice.expectLine(S + "PONG My.Little.Server barrier");
        bob.send("AWAY :afk").next("306");
        bob.send("PING away").expectLine(S + "PONG My.Little.Server away");
        alice.send("PING barrier2");
        alice.expectLine(":bob!~bob@127.0.0.1 AWAY :afk");
        alice.expectLine(S + "PONG My.Little.Server barrier2");
    }

    @Test
    void monitorWatchersHearOfAQuitBeforeTheQuitterReadsItsError() {
        IrcClient foo = IrcClient.registered(server, "foo");
        foo.send("MONITOR + bar").expectLine(S + "731 foo bar");
        IrcClient bar = IrcClient.registered(server, "bar");
        foo.expectLine(S + "730 foo bar!~bar@127.0.0.1");
        bar.send("QUIT :bye").expectLine("ERROR :Closing Link: 127.0.0.1 (Quit: bye)");
        foo.send("PING after-quit");
        foo.expectLine(S + "731 foo bar");
        foo.expectLine(S + "PONG My.Little.Server after-quit");
    }
}
