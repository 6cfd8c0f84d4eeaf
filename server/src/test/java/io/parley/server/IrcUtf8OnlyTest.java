package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcModule;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * UTF8ONLY over real sockets: the server says so in 005, and a line that is not UTF-8 is refused
 * with {@code FAIL <command> INVALID_UTF8} and never relayed, stored or taken as a topic or name,
 * while UTF-8 (U+FFFD itself included) passes.
 */
class IrcUtf8OnlyTest {

    private static final String S = ":My.Little.Server ";
    private static final String REFUSED = ":Message rejected, your IRC software MUST use UTF-8 encoding on this network";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    @Test
    void theServerAdvertisesUtf8Only() {
        IrcClient alice = new IrcClient(server.connect("irc"));
        alice.send("NICK alice").send("USER alice 0 * :Alice");
        assertThat(alice.until(line -> IrcClient.command(line).equals("422")))
                .filteredOn(line -> IrcClient.command(line).equals("005"))
                .anySatisfy(line -> assertThat(line.split(" ")).contains("UTF8ONLY"));
    }

    @Test
    void aMessageThatIsNotUtf8IsRefusedAndNeverRelayed() {
        IrcClient alice = IrcClient.registered(server, "alice");
        IrcClient bob = IrcClient.registered(server, "bob");
        alice.send("JOIN #x").next("366");
        bob.send("JOIN #x").next("366");
        alice.next("JOIN");

        sendBytes(alice, "PRIVMSG bob :hi", 0xAA);
        alice.expectLine(S + "FAIL PRIVMSG INVALID_UTF8 " + REFUSED);
        sendBytes(alice, "PRIVMSG #x :caf", 0xE9); // Latin-1, as an old client would send it
        alice.expectLine(S + "FAIL PRIVMSG INVALID_UTF8 " + REFUSED);
        sendBytes(alice, "TOPIC #x :caf", 0xE9);
        alice.expectLine(S + "FAIL TOPIC INVALID_UTF8 " + REFUSED);

        alice.send("PRIVMSG #x :caf\u00e9 \uFFFD");
        bob.expectLine(":alice!~alice@127.0.0.1 PRIVMSG #x :caf\u00e9 \uFFFD"); // the first bob is sent
        alice.send("PRIVMSG bob :next");
        bob.expectLine(":alice!~alice@127.0.0.1 PRIVMSG bob :next");
        bob.send("TOPIC #x").expectLine(S + "331 bob #x :No topic is set");
    }

    @Test
    void aLabeledRefusalCarriesItsLabelAndAnUnreadableCommandIsFailStar() {
        IrcClient alice = IrcCaps.registered(server, "alice", "batch labeled-response");
        sendBytes(alice, "@label=xyz PRIVMSG alice :hi", 0xAA);
        alice.expectLine("@label=xyz " + S + "FAIL PRIVMSG INVALID_UTF8 " + REFUSED);
        sendBytes(alice, "", 0xFF, 0xFE);
        alice.expectLine(S + "FAIL * INVALID_UTF8 " + REFUSED);
        alice.send("PING still-here").expectLine(S + "PONG My.Little.Server still-here");
    }

    @Test
    void aRealNameThatIsNotUtf8IsRefusedBeforeRegistration() {
        IrcClient bar = new IrcClient(server.connect("irc"));
        bar.send("NICK bar");
        sendBytes(bar, "USER username * * :i", 0xE8, 'r', 'c', 0xE9);
        bar.expectLine(S + "FAIL USER INVALID_UTF8 " + REFUSED);
        bar.send("USER username * * :ircé");
        assertThat(bar.line()).startsWith(S + "001 bar ");
    }

    /** Sends {@code text} followed by raw {@code bytes} and CR LF. */
    private static void sendBytes(IrcClient client, String text, int... bytes) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        for (int b : bytes) {
            line.write(b);
        }
        line.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        client.wire().sendBytes(line.toByteArray());
    }
}
