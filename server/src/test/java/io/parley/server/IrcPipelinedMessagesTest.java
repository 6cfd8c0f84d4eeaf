package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcMessage;
import io.parley.protocol.irc.IrcModule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Channel messages sent back to back, without waiting for their echoes (docs/irc.md, "Messages"):
 * the server reads on while they are stored, yet every reply keeps the order of the commands it
 * answers (a PING after the messages is answered after their echoes, an error in between comes
 * between them, a labeled command's reply after the echoes before it), and every member gets
 * every message, in the order sent.
 */
class IrcPipelinedMessagesTest {

    private static final String S = ":My.Little.Server ";
    private static final int MESSAGES = 40; // several times the messages a connection may have in flight

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    /** alice, then bob, join #chat; alice has read bob's JOIN. */
    private static void bothIn(IrcClient alice, IrcClient bob) {
        alice.send("JOIN #chat").next("366");
        bob.send("JOIN #chat").next("366");
        alice.next("JOIN");
    }

    @Test
    void messagesSentAtOnceThenPingAreEchoedInOrderBeforeThePongAndAllDelivered() {
        IrcClient alice = IrcCaps.registered(server, "alice", "echo-message");
        IrcClient bob = IrcClient.registered(server, "bob");
        bothIn(alice, bob);

        List<String> burst = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            burst.add("PRIVMSG #chat :message " + i);
            if (i == MESSAGES / 2) {
                burst.add("PRIVMSG #nosuch :lost");
                burst.add("NOTICE #chat :a notice");
            }
        }
        burst.add("PING :after-all");
        alice.send(String.join("\r\n", burst)); // one write: the server has them all at once

        for (int i = 0; i < MESSAGES; i++) {
            alice.expectLine(":alice!~alice@127.0.0.1 PRIVMSG #chat :message " + i);
            bob.expectLine(":alice!~alice@127.0.0.1 PRIVMSG #chat :message " + i);
            if (i == MESSAGES / 2) {
                alice.expectLine(S + "403 alice #nosuch :No such channel");
                alice.expectLine(":alice!~alice@127.0.0.1 NOTICE #chat :a notice");
                bob.expectLine(":alice!~alice@127.0.0.1 NOTICE #chat :a notice");
            }
        }
        alice.expectLine(S + "PONG My.Little.Server after-all");
        bob.send("PING :bob").expectLine(S + "PONG My.Little.Server bob"); // and nothing more for bob
    }

    @Test
    void aCtcpSentRightAfterMessagesReachesTheMembersAfterThem() {
        IrcClient alice = IrcClient.registered(server, "alice");
        IrcClient bob = IrcClient.registered(server, "bob");
        bothIn(alice, bob);

        // The messages and the ACTION are stored on their way; the CTCP PING is not (it goes
        // straight to the members), so it must wait for them rather than overtake them.
        List<String> burst = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            burst.add("PRIVMSG #chat :message " + i);
        }
        burst.add("PRIVMSG #chat :\u0001ACTION waves\u0001");
        burst.add("PRIVMSG #chat :\u0001PING 12345\u0001");
        alice.send(String.join("\r\n", burst));

        for (int i = 0; i < MESSAGES; i++) {
            bob.expectLine(":alice!~alice@127.0.0.1 PRIVMSG #chat :message " + i);
        }
        bob.expectLine(":alice!~alice@127.0.0.1 PRIVMSG #chat :\u0001ACTION waves\u0001");
        bob.expectLine(":alice!~alice@127.0.0.1 PRIVMSG #chat :\u0001PING 12345\u0001");
    }

    @Test
    void aLabeledCommandAfterPipelinedMessagesIsAnsweredAfterTheirEchoes() {
        IrcClient alice = IrcCaps.registered(server, "alice", "echo-message labeled-response batch");
        alice.send("JOIN #chat").next("366");

        List<String> burst = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            burst.add("PRIVMSG #chat :message " + i);
        }
        burst.add("@label=p1 PING :one");
        burst.add("@label=m1 PRIVMSG #chat :labeled");
        burst.add("PRIVMSG #chat :plain");
        burst.add("@label=p2 PING :two");
        alice.send(String.join("\r\n", burst));

        for (int i = 0; i < MESSAGES; i++) {
            alice.expectLine(":alice!~alice@127.0.0.1 PRIVMSG #chat :message " + i);
        }
        alice.expectLine("@label=p1 " + S + "PONG My.Little.Server one");
        IrcMessage labeled = IrcCaps.next(alice);
        assertThat(labeled.tags()).containsEntry("label", "m1");
        assertThat(labeled.params()).containsExactly("#chat", "labeled");
        alice.expectLine(":alice!~alice@127.0.0.1 PRIVMSG #chat :plain");
        alice.expectLine("@label=p2 " + S + "PONG My.Little.Server two");
    }
}
