package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcMessage;
import io.parley.protocol.irc.IrcModule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code draft/multiline} over real sockets: a client's batch reaches clients with the capability
 * as the batch (its msgid on the BATCH line), others as its non-blank lines (the msgid on the
 * first), a line user as one message of several lines; history has it as one message; bad batches
 * get {@code FAIL BATCH MULTILINE_*} and are not sent.
 */
class IrcMultilineTest {

    private static final String S = ":My.Little.Server ";
    private static final String CAPS = "message-tags batch echo-message labeled-response draft/multiline";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    @Test
    void aBatchReachesEachClientInTheFormItTakesAndIsOneMessage() {
        IrcClient alice = IrcCaps.registered(server, "alice", CAPS);
        IrcClient bob = IrcCaps.registered(server, "bob", CAPS);
        IrcClient carol = IrcCaps.registered(server, "carol", "message-tags batch draft/chathistory");
        for (IrcClient client : List.of(alice, bob, carol)) {
            client.send("JOIN #test").next("366");
        }
        alice.until(line -> line.contains("JOIN") && line.contains("carol"));
        bob.until(line -> line.contains("JOIN") && line.contains("carol"));

        alice.send("@label=xyz;+draft/reply=1 BATCH +123 draft/multiline #test");
        alice.send("@batch=123 PRIVMSG #test hello");
        alice.send("@batch=123 PRIVMSG #test :");
        alice.send("@batch=123 PRIVMSG #test :how is ");
        alice.send("@batch=123;draft/multiline-concat PRIVMSG #test :everyone?");
        alice.send("BATCH -123");

        List<IrcMessage> echo = IrcCaps.batch(alice);
        assertThat(echo.get(0).tags()).containsEntry("label", "xyz").containsKey("msgid");
        assertThat(echo.get(0).params().subList(1, 3)).containsExactly("draft/multiline", "#test");
        String msgid = echo.get(0).tags().get("msgid");
        assertThat(echo.subList(1, 5)).extracting(line -> line.param(1)).containsExactly("hello", "", "how is ", "everyone?");
        assertThat(echo.get(4).tags()).containsKey("draft/multiline-concat");

        List<IrcMessage> relay = IrcCaps.batch(bob);
        assertThat(relay.get(0).tags()).containsEntry("msgid", msgid).containsEntry("+draft/reply", "1")
                .doesNotContainKey("label");
        assertThat(relay.subList(1, 5)).allSatisfy(line -> assertThat(line.tags()).doesNotContainKey("msgid"));

        IrcMessage first = IrcCaps.next(carol);
        assertThat(first.params()).containsExactly("#test", "hello");
        assertThat(first.tags()).containsEntry("msgid", msgid);
        IrcMessage second = IrcCaps.next(carol);
        assertThat(second.params()).containsExactly("#test", "how is ");
        assertThat(second.tags()).doesNotContainKey("msgid");
        assertThat(IrcCaps.next(carol).params()).containsExactly("#test", "everyone?");

        carol.send("CHATHISTORY LATEST #test * 10");
        List<IrcMessage> history = IrcCaps.batch(carol);
        assertThat(history.subList(1, history.size())).extracting(line -> line.param(1))
                .containsExactly("hello", "how is everyone?"); // stored as one message: "hello\n\nhow is everyone?"
    }

    @Test
    void badBatchesAreRefusedAndNotSent() {
        IrcClient alice = IrcCaps.registered(server, "alice", CAPS);
        alice.send("JOIN #test").next("366");

        alice.send("BATCH +1 draft/multiline #test").send("@batch=1 PRIVMSG #test :hi")
                .send("@batch=1;draft/multiline-concat PRIVMSG #test :").send("BATCH -1");
        assertThat(IrcCaps.next(alice).params().subList(0, 2)).containsExactly("BATCH", "MULTILINE_INVALID");

        alice.send("BATCH +2 draft/multiline #test").send("@batch=2 PRIVMSG #other :hi").send("BATCH -2");
        alice.expectLine(S + "FAIL BATCH MULTILINE_INVALID_TARGET #test #other :Invalid multiline target");

        alice.send("BATCH +3 draft/multiline #test");
        for (int i = 0; i < 33; i++) {
            alice.send("@batch=3 PRIVMSG #test hi");
        }
        alice.send("BATCH -3");
        alice.expectLine(S + "FAIL BATCH MULTILINE_MAX_LINES 32 :Multiline batch max-lines exceeded");

        alice.send("BATCH +4 draft/multiline #test");
        for (int i = 0; i < 11; i++) {
            alice.send("@batch=4 PRIVMSG #test " + "x".repeat(400));
        }
        alice.send("BATCH -4");
        alice.expectLine(S + "FAIL BATCH MULTILINE_MAX_BYTES 4096 :Multiline batch max-bytes exceeded");

        alice.send("PRIVMSG #test :after the refusals");
        IrcMessage echo = IrcCaps.next(alice); // nothing of the refused batches was sent
        assertThat(echo.command()).isEqualTo("PRIVMSG");
        assertThat(echo.param(1)).isEqualTo("after the refusals");
    }
}
