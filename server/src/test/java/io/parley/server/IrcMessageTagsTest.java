package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcMessage;
import io.parley.protocol.irc.IrcModule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IRCv3 message-tags, TAGMSG, msgid, batch and labeled-response over real sockets: client-only tags
 * reach clients that enabled message-tags and nobody else, every message has one msgid for its
 * sender and its recipients, a labeled command's replies carry the label (ACK, one line, or a
 * labeled-response batch), and tags past their limit are refused with 417.
 */
class IrcMessageTagsTest {

    private static final String S = ":My.Little.Server ";
    private static final String TAGS = "message-tags server-time echo-message batch labeled-response";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    @Test
    void clientOnlyTagsAndTagmsgReachClientsWithMessageTagsWithOneMsgid() {
        IrcClient alice = IrcCaps.registered(server, "alice", TAGS);
        IrcClient bob = IrcCaps.registered(server, "bob", "message-tags");
        IrcClient carol = IrcClient.registered(server, "carol");
        for (IrcClient client : List.of(alice, bob, carol)) {
            client.send("JOIN #tags");
            client.next("366");
        }
        alice.next("JOIN");
        alice.next("JOIN");
        bob.next("JOIN");

        alice.send("@+example.com/colour=red;+draft/reply=x\\sy;nonclient=1 PRIVMSG #tags :hello");
        IrcMessage echo = IrcCaps.next(alice);
        IrcMessage relayed = IrcCaps.next(bob);
        assertThat(relayed.tags()).containsEntry("+example.com/colour", "red").containsEntry("+draft/reply", "x y")
                .doesNotContainKey("nonclient").containsEntry("msgid", echo.tags().get("msgid"));
        assertThat(echo.tags()).containsEntry("+example.com/colour", "red").containsKey("time");
        carol.expectLine(":alice!~alice@127.0.0.1 PRIVMSG #tags hello");
        alice.send("NOTICE #tags :a notice");
        IrcCaps.next(alice);
        IrcCaps.next(bob);
        carol.expectLine(":alice!~alice@127.0.0.1 NOTICE #tags :a notice");

        alice.send("@+draft/typing=active TAGMSG #tags");
        IrcMessage tagEcho = IrcCaps.next(alice);
        assertThat(tagEcho.command()).isEqualTo("TAGMSG");
        IrcMessage tagRelay = IrcCaps.next(bob);
        assertThat(tagRelay.toLine()).startsWith("@").endsWith(" :alice!~alice@127.0.0.1 TAGMSG #tags");
        assertThat(tagRelay.tags()).containsEntry("+draft/typing", "active").containsEntry("msgid", tagEcho.tags().get("msgid"));
        assertThat(tagRelay.tags().get("msgid")).isNotEqualTo(echo.tags().get("msgid"));
        carol.send("PING barrier").expectLine(S + "PONG My.Little.Server barrier"); // carol got no TAGMSG

        alice.send("@+draft/react=yes PRIVMSG bob :psst");
        IrcMessage pmEcho = IrcCaps.next(alice);
        IrcMessage pm = IrcCaps.next(bob);
        assertThat(pm.params()).containsExactly("bob", "psst");
        assertThat(pm.tags()).containsEntry("+draft/react", "yes").containsEntry("msgid", pmEcho.tags().get("msgid"));
        alice.send("@+draft/typing=done TAGMSG bob");
        IrcCaps.next(alice);
        assertThat(IrcCaps.next(bob).tags()).containsEntry("+draft/typing", "done");
        alice.send("TAGMSG nobody").expectLine(S + "401 alice nobody :No such nick/channel");
        alice.send("TAGMSG #nowhere").expectLine(S + "403 alice #nowhere :No such channel");
    }

    /**
     * A member's lines of others' messages follow its capabilities as they are now and the author's
     * nick as it is now: what the server works out once per message and capability set is not kept
     * past a change.
     */
    @Test
    void capabilitiesChangedAfterRegistrationAndANewNickShowInTheNextMessage() {
        IrcClient alice = IrcClient.registered(server, "alice");
        IrcClient bob = IrcClient.registered(server, "bob");
        for (IrcClient client : List.of(alice, bob)) {
            client.send("JOIN #later");
            client.next("366");
        }
        alice.next("JOIN");
        alice.send("PRIVMSG #later :plain");
        bob.expectLine(":alice!~alice@127.0.0.1 PRIVMSG #later plain");

        bob.send("CAP REQ :server-time message-tags").next("CAP");
        alice.send("PRIVMSG #later :tagged");
        IrcMessage tagged = IrcCaps.next(bob);
        assertThat(tagged.params()).containsExactly("#later", "tagged");
        assertThat(tagged.tags()).containsKeys("time", "msgid");

        bob.send("CAP REQ :-server-time").next("CAP");
        alice.send("PRIVMSG #later :untimed");
        IrcMessage untimed = IrcCaps.next(bob);
        assertThat(untimed.tags()).containsKey("msgid").doesNotContainKey("time");

        alice.send("NICK alicia").next("NICK");
        bob.next("NICK");
        alice.send("PRIVMSG #later :renamed");
        assertThat(IrcCaps.next(bob).source()).isEqualTo("alicia!~alice@127.0.0.1");
        alice.send("PING barrier").expectLine(S + "PONG My.Little.Server barrier"); // no echo-message: nothing of its own
    }

    @Test
    void tagsPastTheirLimitAreRefusedWith417AndTheConnectionStays() {
        IrcClient alice = IrcCaps.registered(server, "alice", "message-tags");
        alice.send("JOIN #big");
        alice.next("366");
        alice.send("@+x=" + "a".repeat(4094 - 3) + " PING fits");
        alice.expectLine(S + "PONG My.Little.Server fits");
        alice.send("@+x=" + "a".repeat(4094 - 2) + " PRIVMSG #big :too many tag bytes");
        alice.expectLine(S + "417 alice :Input line was too long");
        alice.send("PING still-here").expectLine(S + "PONG My.Little.Server still-here");
    }

    @Test
    void labeledCommandsGetTheirLabelOnOneReplyAnAckOrABatch() {
        IrcClient alice = IrcCaps.registered(server, "alice", TAGS);
        alice.send("@label=one PING x");
        IrcMessage pong = IrcCaps.next(alice);
        assertThat(pong.tags()).isEqualTo(Map.of("label", "one"));
        assertThat(pong.command()).isEqualTo("PONG");

        alice.send("@label=none PONG x");
        assertThat(IrcCaps.next(alice)).isEqualTo(IrcCaps.parse("@label=none " + S + "ACK"));

        alice.send("@label=several JOIN #labeled");
        List<IrcMessage> batch = IrcCaps.batch(alice);
        assertThat(batch.get(0).tags()).containsEntry("label", "several");
        assertThat(batch.get(0).param(1)).isEqualTo("labeled-response");
        assertThat(batch.subList(1, batch.size())).extracting(IrcMessage::command).containsExactly("JOIN", "353", "366");

        alice.send("@label=unknown NO_SUCH_COMMAND");
        assertThat(IrcCaps.next(alice)).isEqualTo(IrcCaps.parse("@label=unknown " + S + "421 alice NO_SUCH_COMMAND :Unknown command"));

        alice.send("@label=echo PRIVMSG #labeled :labeled message");
        IrcMessage echo = IrcCaps.next(alice);
        assertThat(echo.tags()).containsEntry("label", "echo").containsKey("msgid");
        assertThat(echo.params()).containsExactly("#labeled", "labeled message");

        alice.send("@label=hist CHATHISTORY LATEST #labeled * 5");
        assertThat(IrcCaps.next(alice).command()).as("chathistory not enabled: the line is read anyway").isEqualTo("BATCH");
    }

    @Test
    void withoutLabeledResponseALabelIsIgnored() {
        IrcClient alice = IrcCaps.registered(server, "alice", "message-tags");
        alice.send("@label=one PING x").expectLine(S + "PONG My.Little.Server x");
    }
}
