package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcModule;
import io.parley.testing.WireClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SASL PLAIN over a real socket, against accounts the account protocol registered: success,
 * wrong passwords (counted with the account protocol's), abort, long payloads, and a registered
 * nick that only its owner may take.
 */
class IrcSaslTest {

    private static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server",
            ServerConfig.LOGIN_FAILURES_PER_ACCOUNT, "3");

    static String plain(String authzid, String authcid, String password) {
        return Base64.getEncoder().encodeToString((authzid + "\0" + authcid + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Negotiates sasl, sends NICK/USER, and starts PLAIN. */
    private IrcClient startPlain(String nick) {
        IrcClient client = new IrcClient(server.connect("irc"));
        client.send("CAP LS 302");
        assertThat(client.line()).contains("sasl=PLAIN", "account-tag", "account-notify", "setname");
        client.send("NICK " + nick).send("USER u 0 * :Real Name").send("CAP REQ :sasl");
        client.expectLine(":My.Little.Server CAP " + nick + " ACK :sasl");
        client.send("AUTHENTICATE PLAIN").expectLine("AUTHENTICATE +");
        return client;
    }

    @Test
    void anAccountMadeOverTheAccountProtocolLogsInAndTakesItsName() throws Exception {
        server.login("dora", PASSWORD).close();
        IrcClient dora = startPlain("dora");
        dora.send("AUTHENTICATE " + plain("", "dora", PASSWORD));
        dora.expectLine(":My.Little.Server 900 dora dora!~u@127.0.0.1 dora :You are now logged in as dora");
        dora.expectLine(":My.Little.Server 903 dora :SASL authentication successful");
        dora.send("CAP END");
        assertThat(dora.line()).startsWith(":My.Little.Server 001 dora ");
        dora.until(line -> IrcClient.command(line).equals("422"));

        dora.send("AUTHENTICATE PLAIN").expectLine(":My.Little.Server 907 dora :You have already authenticated using SASL");
        IrcClient other = IrcClient.registered(server, "watcher");
        other.send("WHOIS dora");
        assertThat(other.until(line -> IrcClient.command(line).equals("318")))
                .contains(":My.Little.Server 330 watcher dora dora :is logged in as");
        // WHOX's account field (irssi and WeeChat ask for it on every join) names the account too.
        other.send("WHO dora %na").expectLine(":My.Little.Server 354 watcher dora dora").next("315");
        other.send("WHO watcher %na").expectLine(":My.Little.Server 354 watcher watcher 0").next("315");
    }

    @Test
    void aRegisteredNickWithoutItsLoginIs433AtRegistrationAndAnotherNickCompletesIt() throws Exception {
        server.login("dora", PASSWORD).close();
        server.login("eve", PASSWORD).close();
        IrcClient eve = startPlain("dora");
        eve.send("AUTHENTICATE " + plain("eve", "eve", PASSWORD));
        eve.next("903");
        eve.send("CAP END");
        eve.expectLine(":My.Little.Server 433 * dora :Nickname is registered to an account; log in with SASL to use it");
        eve.send("NICK evening");
        assertThat(eve.line()).startsWith(":My.Little.Server 001 evening ");
        eve.until(line -> IrcClient.command(line).equals("422"));
        eve.send("NICK dora").expectLine(
                ":My.Little.Server 433 evening dora :Nickname is registered to an account; log in with SASL to use it");
        eve.send("NICK eve").expectLine(":evening!~u@127.0.0.1 NICK eve");
    }

    @Test
    void wrongPasswordsAre904AndCountWithTheAccountProtocolsFailures() throws Exception {
        server.login("dora", PASSWORD).close();
        IrcClient guesser = startPlain("guesser");
        guesser.send("AUTHENTICATE " + plain("", "dora", "wrong one"))
                .expectLine(":My.Little.Server 904 guesser :SASL authentication failed");
        guesser.send("AUTHENTICATE PLAIN").expectLine("AUTHENTICATE +");
        guesser.send("AUTHENTICATE " + plain("dora", "dora", "wrong two"))
                .expectLine(":My.Little.Server 904 guesser :SASL authentication failed");

        WireClient account = server.connectFrom("127.0.0.2", "account");
        account.send("C USER dora\n");
        String reply = account.readLine();
        java.security.PublicKey key = io.parley.crypto.RsaKeys.fromLine(reply.substring(reply.lastIndexOf(' ') + 1));
        account.send("C PASS " + AccountWire.encrypt("wrong three", key) + "\n").expect("C ERR 401 incorrect password\n");

        guesser.send("AUTHENTICATE PLAIN").expectLine("AUTHENTICATE +");
        guesser.send("AUTHENTICATE " + plain("", "dora", PASSWORD));
        assertThat(guesser.line()).matches(":My.Little.Server 904 guesser :SASL authentication failed: "
                + "Too many failed logins; try again in \\d+ seconds");
        account.send("C PASS " + AccountWire.encrypt(PASSWORD, key) + "\n");
        assertThat(account.readLine()).matches("C ERR 429 too many failed logins for dora; try again in \\d+ seconds");
    }

    @Test
    void abortUnknownMechanismTooLongChunksAndMalformedPayloads() {
        IrcClient client = new IrcClient(server.connect("irc"));
        client.send("CAP REQ :sasl").expectLine(":My.Little.Server CAP * ACK :sasl");
        client.send("AUTHENTICATE FOO");
        client.expectLine(":My.Little.Server 908 * PLAIN :are available SASL mechanisms");
        client.expectLine(":My.Little.Server 904 * :SASL authentication failed");
        client.send("AUTHENTICATE PLAIN").expectLine("AUTHENTICATE +");
        client.send("AUTHENTICATE *").expectLine(":My.Little.Server 906 * :SASL authentication aborted");
        client.send("AUTHENTICATE PLAIN").expectLine("AUTHENTICATE +");
        client.send("AUTHENTICATE " + "A".repeat(401)).expectLine(":My.Little.Server 905 * :SASL message too long");
        client.send("AUTHENTICATE PLAIN").expectLine("AUTHENTICATE +");
        client.send("AUTHENTICATE !!!!").expectLine(":My.Little.Server 904 * :SASL authentication failed");
        client.send("AUTHENTICATE PLAIN").expectLine("AUTHENTICATE +");
        client.send("AUTHENTICATE " + plain("someone-else", "dora", PASSWORD))
                .expectLine(":My.Little.Server 904 * :SASL authentication failed");
        client.send("AUTHENTICATE").expectLine(":My.Little.Server 461 * AUTHENTICATE :Not enough parameters");
    }

    @Test
    void aPayloadOfExactly400BytesWaitsForMoreAndPlusEndsIt() throws Exception {
        String name = "dora" + "a".repeat(20);
        String password = "p".repeat(250);
        server.login(name, password).close();
        String payload = plain(name, name, password);
        assertThat(payload).hasSize(400);
        IrcClient dora = startPlain(name);
        dora.send("AUTHENTICATE " + payload);
        dora.send("AUTHENTICATE +");
        dora.expectLine(":My.Little.Server 900 " + name + " " + name + "!~u@127.0.0.1 " + name
                + " :You are now logged in as " + name);
        dora.expectLine(":My.Little.Server 903 " + name + " :SASL authentication successful");
    }
}
