package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcModule;
import io.parley.testing.WireClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IRC users as identities shared with the other protocols: private messages between IRC and the
 * account protocol both ways (stored like any PM, plain ones marked as such), one nick across IRC
 * and line users, and the account an IRC user logged in to, as account-tag, account-notify and
 * extended-join show it.
 */
class IrcAccountsAcrossProtocolsTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String S = ":My.Little.Server ";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    /** Registers over IRC with SASL as {@code account} (nick {@code nick}) and the given capabilities. */
    private IrcClient loggedIn(String nick, String account, String caps) {
        IrcClient client = new IrcClient(server.connect("irc"));
        client.send("CAP LS 302").send("NICK " + nick).send("USER u 0 * :Real " + nick);
        client.next("CAP");
        client.send("CAP REQ :sasl " + caps);
        client.next("CAP");
        client.send("AUTHENTICATE PLAIN").expectLine("AUTHENTICATE +");
        client.send("AUTHENTICATE " + IrcSaslTest.plain("", account, PASSWORD));
        client.next("903");
        client.send("CAP END");
        client.until(line -> IrcClient.command(line).equals("422"));
        return client;
    }

    @Test
    void privateMessagesGoBothWaysBetweenIrcAndTheAccountProtocolAndAreKept() throws Exception {
        try (AccountWire dora = server.login("dora", PASSWORD)) {
            IrcClient ivan = IrcClient.registered(server, "ivan");

            ivan.send("PRIVMSG dora :hello from IRC");
            dora.wire.expect("D PM ivan text hello from IRC\n"); // dora has a key: "text" says it is in clear
            ivan.send("PING barrier").expectLine(S + "PONG My.Little.Server barrier");

            dora.wire.send("C PM\n");
            assertThat(dora.wire.readLine()).startsWith("C USERS").contains("ivan");
            dora.wire.send("C TO ivan\n").expect("C KEY ivan -\n");
            dora.wire.send("D hello from the account client\n").expect("C OK sent\n");
            ivan.expectLine(":dora!parley@parley.parley PRIVMSG ivan :hello from the account client");

            dora.wire.send("C CH\n");
            String history = dora.wire.readLine() + "\n" + dora.wire.readLine() + "\n" + dora.wire.readLine();
            assertThat(history).containsPattern("D CH \\S+ PM ivan dora text hello from IRC")
                    .containsPattern("D CH \\S+ PM dora ivan text hello from the account client")
                    .contains("C OK 2 entries");

            ivan.send("PRIVMSG nobody :hi").expectLine(S + "401 ivan nobody :No such nick/channel");
        }
    }

    @Test
    void aNickIsOneUserAcrossIrcAndTheLineProtocol() {
        WireClient bob = server.connect("line");
        bob.send("bob\n");
        IrcClient watcher = IrcClient.registered(server, "watcher");
        watcher.send("JOIN #lobby");
        watcher.next("366"); // bob is in the lobby by now: NAMES lists him

        IrcClient other = new IrcClient(server.connect("irc"));
        other.send("NICK Bob").expectLine(S + "433 * Bob :Nickname is already in use");

        IrcClient carol = IrcClient.registered(server, "carol");
        WireClient lineCarol = server.connect("line");
        lineCarol.send("carol\n");
        assertThat(lineCarol.readToEof()).contains("name \"carol\" is in use by someone online");

        bob.close();
        watcher.expectLine(":bob!parley@parley.parley PART #lobby");
        other.send("NICK Bob").send("USER b 0 * :B");
        assertThat(other.line()).startsWith(S + "001 Bob ");
    }

    @Test
    void accountTagAccountNotifyAndExtendedJoinShowTheAccount() throws Exception {
        server.login("dora", PASSWORD).close();
        IrcClient watcher = new IrcClient(server.connect("irc"));
        watcher.send("CAP REQ :account-tag account-notify extended-join setname").send("NICK watcher").send("USER w 0 * :W")
                .send("CAP END");
        watcher.until(line -> IrcClient.command(line).equals("422"));
        watcher.send("JOIN #lobby");
        watcher.next("366");

        IrcClient dora = loggedIn("dee", "dora", "setname");
        dora.send("JOIN #lobby");
        watcher.expectLine("@account=dora :dee!~u@127.0.0.1 JOIN #lobby dora :Real dee");
        dora.send("PRIVMSG #lobby :tagged");
        watcher.expectLine("@account=dora :dee!~u@127.0.0.1 PRIVMSG #lobby :tagged");

        IrcClient late = IrcClient.registered(server, "late");
        late.send("JOIN #lobby");
        watcher.expectLine(":late!~late@127.0.0.1 JOIN #lobby * :late Real");
        late.send("CAP REQ :sasl").next("CAP");
        late.send("AUTHENTICATE PLAIN").expectLine("AUTHENTICATE +");
        late.send("AUTHENTICATE " + IrcSaslTest.plain("", "dora", PASSWORD));
        late.next("903");
        watcher.expectLine("@account=dora :late!~late@127.0.0.1 ACCOUNT dora");

        dora.send("SETNAME :Dora the Explorer");
        assertThat(dora.next("SETNAME")).isEqualTo(":dee!~u@127.0.0.1 SETNAME :Dora the Explorer"); // no tags asked for
        watcher.expectLine("@account=dora :dee!~u@127.0.0.1 SETNAME :Dora the Explorer");
        dora.send("SETNAME :").expectLine(S + "FAIL SETNAME INVALID_REALNAME :Real name is empty or too long");

        try (AccountWire eve = server.login("eve", PASSWORD)) {
            watcher.expectLine("@account=eve :eve!parley@parley.parley JOIN #lobby eve :eve");
            eve.broadcast("from the account protocol");
            watcher.expectLine("@account=eve :eve!parley@parley.parley PRIVMSG #lobby :from the account protocol");
        }
    }
}
