package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcMessage;
import io.parley.protocol.irc.IrcModule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IRCv3 draft/message-redaction over real sockets: an author or a channel operator redacts a
 * channel message, the channel's members with the capability are told, those without are not,
 * and history no longer serves it; what may not be redacted gets FAIL REDACT.
 */
class IrcRedactionTest {

    private static final String CAPS = "message-tags server-time echo-message batch draft/chathistory draft/message-redaction";
    private static final String S = ":My.Little.Server ";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    private static IrcClient joined(IrcClient client, String channel) {
        client.send("JOIN " + channel);
        client.next("366");
        return client;
    }

    @Test
    void anAuthorRedactsItsMessageForEveryoneWithTheCapabilityAndHistoryForgetsIt() {
        IrcClient alice = joined(IrcCaps.registered(server, "alice", CAPS), "#room");
        IrcClient bob = joined(IrcCaps.registered(server, "bob", CAPS), "#room");
        IrcClient carol = joined(IrcCaps.registered(server, "carol", "message-tags echo-message"), "#room");
        alice.next("JOIN");
        alice.next("JOIN");
        bob.next("JOIN");
        bob.send("PRIVMSG #room :kept");
        IrcCaps.next(bob);
        bob.send("PRIVMSG #room :oops");
        String msgid = IrcCaps.next(bob).tags().get("msgid");
        alice.next("PRIVMSG");
        alice.next("PRIVMSG");
        carol.next("PRIVMSG");
        carol.next("PRIVMSG");

        bob.send("REDACT #room " + msgid);

        String redact = ":bob!~bob@127.0.0.1 REDACT #room " + msgid;
        assertThat(IrcCaps.next(bob).toLine()).endsWith(redact);
        assertThat(IrcCaps.next(alice).toLine()).endsWith(redact);
        carol.send("PING barrier").expectLine(S + "PONG My.Little.Server barrier"); // carol has no redaction cap
        alice.send("CHATHISTORY LATEST #room * 10");
        List<IrcMessage> batch = IrcCaps.batch(alice);
        assertThat(batch.subList(1, batch.size())).extracting(line -> line.param(1)).containsExactly("kept");
    }

    @Test
    void onlyTheAuthorOrAChannelOperatorMayRedactAndTheReasonIsRelayed() {
        IrcClient alice = joined(IrcCaps.registered(server, "alice", CAPS), "#room"); // the founder: +o
        IrcClient bob = joined(IrcCaps.registered(server, "bob", CAPS), "#room");
        alice.next("JOIN");
        alice.send("PRIVMSG #room :from the op");
        String opsMessage = IrcCaps.next(alice).tags().get("msgid");
        bob.next("PRIVMSG");
        bob.send("PRIVMSG #room :spam");
        String bobsMessage = IrcCaps.next(bob).tags().get("msgid");
        alice.next("PRIVMSG");

        bob.send("REDACT #room " + opsMessage).expectLine(S + "FAIL REDACT REDACT_FORBIDDEN #room " + opsMessage
                + " :You may redact only your own messages here");
        alice.send("REDACT #room " + bobsMessage + " :no spam here");

        String redact = ":alice!~alice@127.0.0.1 REDACT #room " + bobsMessage + " :no spam here";
        assertThat(IrcCaps.next(alice).toLine()).endsWith(redact);
        assertThat(IrcCaps.next(bob).toLine()).endsWith(redact);
        alice.send("REDACT #room " + bobsMessage).expectLine(S + "FAIL REDACT UNKNOWN_MSGID #room " + bobsMessage
                + " :No such message in this channel");
    }

    @Test
    void whatIsNotAStoredMessageOfAChannelOneIsInCannotBeRedacted() {
        IrcClient alice = joined(IrcCaps.registered(server, "alice", CAPS), "#room");
        IrcClient bob = joined(IrcCaps.registered(server, "bob", CAPS), "#elsewhere");
        bob.send("PRIVMSG #elsewhere :not alice's channel");
        String elsewhere = IrcCaps.next(bob).tags().get("msgid");
        alice.send("@+draft/react=x TAGMSG #room");
        String tagmsg = IrcCaps.next(alice).tags().get("msgid");

        alice.send("REDACT #room nonexistent").expectLine(S + "FAIL REDACT UNKNOWN_MSGID #room nonexistent"
                + " :No such message in this channel");
        alice.send("REDACT #room " + tagmsg).expectLine(S + "FAIL REDACT UNKNOWN_MSGID #room " + tagmsg
                + " :No such message in this channel");
        alice.send("REDACT #room " + elsewhere).expectLine(S
                + "FAIL REDACT UNKNOWN_MSGID #room " + elsewhere + " :No such message in this channel");
        alice.send("REDACT #elsewhere " + elsewhere).expectLine(S + "FAIL REDACT INVALID_TARGET #elsewhere"
                + " :You can redact only messages of a channel you are in");
        alice.send("REDACT bob " + elsewhere).expectLine(S + "FAIL REDACT UNKNOWN_MSGID bob " + elsewhere
                + " :No such message of yours to bob");
        alice.send("REDACT").expectLine(S + "FAIL REDACT NEED_MORE_PARAMS * :Missing parameters");
    }
}
