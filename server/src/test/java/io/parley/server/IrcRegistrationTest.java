package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcModule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** IRC registration over a real socket: CAP, NICK/USER, the welcome, PING/PONG, QUIT, nick rules. */
class IrcRegistrationTest {

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    @Test
    void nickAndUserGetTheWelcomeATruthfulIsupportLusersAndNoMotd() {
        IrcClient alice = new IrcClient(server.connect("irc"));
        alice.send("NICK alice").send("USER al 0 * :Alice Liddell");

        List<String> lines = alice.until(line -> IrcClient.command(line).equals("422"));
        assertThat(lines.get(0)).isEqualTo(":My.Little.Server 001 alice :Welcome to the Parley IRC Network alice!~al@127.0.0.1");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(":My.Little.Server 004 alice My.Little.Server "));
        assertThat(String.join("\n", lines)).contains(" CASEMAPPING=ascii ", " CHANTYPES=# ", " NICKLEN=32 ",
                " CHANNELLEN=64 ", " NETWORK=Parley ", " CHATHISTORY=100 ", " MSGREFTYPES=msgid,timestamp ", " MONITOR=100 ", " WHOX ");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(":My.Little.Server 251 alice :There are 1 users"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo(":My.Little.Server 422 alice :MOTD File is missing");

        alice.send("PING :token 1").expectLine(":My.Little.Server PONG My.Little.Server :token 1");
        alice.send("QUIT :bye");
        assertThat(alice.line()).startsWith("ERROR :");
        alice.expectEof();
    }

    @Test
    void capabilityNegotiationHoldsRegistrationUntilEnd() {
        IrcClient client = new IrcClient(server.connect("irc"));
        client.send("CAP LS 302").send("NICK bob").send("USER bob 0 * :Bob");
        String ls = client.line();
        assertThat(ls).startsWith(":My.Little.Server CAP * LS :").contains("server-time", "echo-message", "message-tags",
                "batch", "labeled-response", "draft/chathistory", "standard-replies").doesNotContain("sasl");
        client.send("CAP REQ :server-time nosuch");
        assertThat(client.line()).isEqualTo(":My.Little.Server CAP bob NAK :server-time nosuch");
        client.send("CAP REQ :server-time echo-message");
        assertThat(client.line()).isEqualTo(":My.Little.Server CAP bob ACK :server-time echo-message");
        client.send("PING x").expectLine(":My.Little.Server PONG My.Little.Server x");
        client.send("CAP END");
        assertThat(client.line()).startsWith(":My.Little.Server 001 bob ");
    }

    @Test
    void aTakenNickIs433AndAnInvalidOne432AndCommandsBeforeRegistration451() {
        IrcClient alice = IrcClient.registered(server, "alice");
        IrcClient other = new IrcClient(server.connect("irc"));
        other.send("JOIN #lobby").expectLine(":My.Little.Server 451 * :You have not registered");
        other.send("NICK ALICE").expectLine(":My.Little.Server 433 * ALICE :Nickname is already in use");
        other.send("NICK 1abc").expectLine(":My.Little.Server 432 * 1abc :Erroneous nickname");
        other.send("NICK").expectLine(":My.Little.Server 431 * :No nickname given");
        other.send("NICK carol").send("USER c 0 * :C");
        assertThat(other.line()).startsWith(":My.Little.Server 001 carol ");
        other.until(line -> IrcClient.command(line).equals("422"));
        other.send("FROB").expectLine(":My.Little.Server 421 carol FROB :Unknown command");
        alice.send("NICK carol").expectLine(":My.Little.Server 433 alice carol :Nickname is already in use");
        alice.send("NICK alice2").expectLine(":alice!~alice@127.0.0.1 NICK alice2");
    }

    @Test
    void aLineTooLongIs417AndTheConnectionStays() {
        IrcClient alice = IrcClient.registered(server, "alice");
        alice.send("PRIVMSG #lobby :" + "x".repeat(9000));
        alice.expectLine(":My.Little.Server 417 alice :Input line was too long");
        alice.send("PING after").expectLine(":My.Little.Server PONG My.Little.Server after");
        alice.send("PRIVMSG #lobby :" + "x".repeat(600));
        alice.expectLine(":My.Little.Server 417 alice :Input line was too long");
    }

    @Test
    void aNameAnAccountRegisteredIsRefused() throws Exception {
        server.login("dora", "correct horse battery").wire.close();
        IrcClient client = new IrcClient(server.connect("irc"));
        client.send("NICK Dora").expectLine(":My.Little.Server 433 * Dora :Nickname is registered to an account");
    }

    @Test
    void aMessageWhoseRelayedLineIsExactly512BytesPassesAndOneMoreIs417() {
        IrcClient alice = IrcClient.registered(server, "alice");
        IrcClient bob = IrcClient.registered(server, "bob");
        String prefix = ":alice!~alice@127.0.0.1 PRIVMSG bob ";
        String fits = "a".repeat(512 - 2 - prefix.length());
        alice.send("PRIVMSG bob :" + fits);
        bob.expectLine(prefix + fits);
        alice.send("PRIVMSG bob :" + fits + "a").expectLine(":My.Little.Server 417 alice :Input line was too long");
    }

    @Test
    void helpAndWhowas() {
        IrcClient alice = IrcClient.registered(server, "alice");
        alice.send("HELP privmsg");
        assertThat(alice.line()).startsWith(":My.Little.Server 704 alice privmsg ");
        assertThat(alice.line()).startsWith(":My.Little.Server 705 alice privmsg :PRIVMSG <target>");
        alice.expectLine(":My.Little.Server 706 alice privmsg :End of /HELP");
        alice.send("HELP nosuch").expectLine(":My.Little.Server 524 alice nosuch :No help available on this topic");

        IrcClient bob = IrcClient.registered(server, "bob");
        bob.send("QUIT");
        bob.readToEof();
        alice.send("WHOWAS nobody");
        alice.expectLine(":My.Little.Server 406 alice nobody :There was no such nickname");
        alice.expectLine(":My.Little.Server 369 alice nobody :End of WHOWAS");
        // bob's session ends on the server's side after his socket closes: ask until it is recorded.
        String first;
        do {
            alice.send("WHOWAS bob");
            first = alice.line();
            alice.until(line -> IrcClient.command(line).equals("369"));
        } while (first.contains(" 406 "));
        assertThat(first).isEqualTo(":My.Little.Server 314 alice bob ~bob 127.0.0.1 * :bob Real");
    }
}
