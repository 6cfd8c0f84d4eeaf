package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcModule;
import io.parley.testing.WireClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IRC channels over real sockets: a channel is a core room, shared with line and TCD users;
 * JOIN, PART, NAMES, TOPIC, LIST, WHO, WHOIS, MODE, messages to channels and nicks, AWAY.
 */
class IrcChannelsTest {

    private static final String S = ":My.Little.Server ";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    @Test
    void joinGetsTheJoinTopicAndNamesAndOthersSeeJoinPrivmsgAndPart() {
        IrcClient alice = IrcClient.registered(server, "alice");
        IrcClient bob = IrcClient.registered(server, "bob");
        alice.send("JOIN #chat");
        alice.expectLine(":alice!~alice@127.0.0.1 JOIN #chat");
        alice.expectLine(S + "353 alice = #chat :@alice");
        alice.expectLine(S + "366 alice #chat :End of /NAMES list");

        bob.send("JOIN #chat,#other");
        bob.expectLine(":bob!~bob@127.0.0.1 JOIN #chat");
        assertThat(bob.line()).isEqualTo(S + "353 bob = #chat :@alice bob");
        bob.next("366");
        bob.expectLine(":bob!~bob@127.0.0.1 JOIN #other");
        bob.next("366");
        alice.expectLine(":bob!~bob@127.0.0.1 JOIN #chat");

        bob.send("PRIVMSG #chat :hello alice");
        alice.expectLine(":bob!~bob@127.0.0.1 PRIVMSG #chat :hello alice");
        alice.send("PRIVMSG #chat :\u0001ACTION waves\u0001");
        bob.expectLine(":alice!~alice@127.0.0.1 PRIVMSG #chat :\u0001ACTION waves\u0001");

        alice.send("TOPIC #chat :all about chat");
        alice.expectLine(":alice!~alice@127.0.0.1 TOPIC #chat :all about chat");
        bob.expectLine(":alice!~alice@127.0.0.1 TOPIC #chat :all about chat");
        bob.send("TOPIC #chat");
        bob.expectLine(S + "332 bob #chat :all about chat");
        assertThat(bob.line()).startsWith(S + "333 bob #chat alice ");

        bob.send("PART #chat");
        bob.expectLine(":bob!~bob@127.0.0.1 PART #chat");
        alice.expectLine(":bob!~bob@127.0.0.1 PART #chat");
        bob.send("PRIVMSG #chat :still there?").expectLine(S + "404 bob #chat :Cannot send to channel");
        bob.send("PART #chat").expectLine(S + "442 bob #chat :You're not on that channel");
        bob.send("PART #nosuch").expectLine(S + "403 bob #nosuch :No such channel");
        bob.send("QUIT :gone now");
        alice.send("NAMES #chat");
        alice.expectLine(S + "353 alice = #chat :@alice");
    }

    @Test
    void lineTcdAndIrcUsersShareTheLobby() {
        IrcClient irc = IrcClient.registered(server, "ircuser");
        irc.send("JOIN #lobby");
        irc.next("366");

        WireClient line = server.connect("line");
        line.send("liner\n");
        irc.expectLine(":liner!parley@parley.parley JOIN #lobby");
        TcdClient tcd = server.connectTcd();
        TcdClient.Joined lobby = tcd.join("lobby", "tcd user");
        irc.expectLine(":`tcd`20`user!parley@parley.parley JOIN #lobby");
        line.expect("* tcd user joined lobby\n");

        irc.send("PRIVMSG #lobby :hi from IRC");
        line.expect("ircuser: hi from IRC\n");
        tcd.expect(TcdMessages.relay(lobby.ref(), "ircuser", "hi from IRC"));

        line.send("hi from line\n");
        irc.expectLine(":liner!parley@parley.parley PRIVMSG #lobby :hi from line");
        tcd.send(TcdMessages.chat(lobby.ref(), lobby.joinId(), "tcd user", "hi from TCD"));
        irc.expectLine(":`tcd`20`user!parley@parley.parley PRIVMSG #lobby :hi from TCD");

        irc.send("NAMES #lobby");
        irc.expectLine(S + "353 ircuser = #lobby :`tcd`20`user @ircuser liner");
        irc.send("WHO #lobby");
        List<String> who = irc.until(l -> IrcClient.command(l).equals("315"));
        assertThat(who).contains(S + "352 ircuser #lobby ~ircuser 127.0.0.1 My.Little.Server ircuser H@ :0 ircuser Real",
                S + "352 ircuser #lobby parley parley.parley My.Little.Server liner H :0 liner");

        line.close();
        irc.expectLine(":liner!parley@parley.parley PART #lobby");
    }

    @Test
    void privateMessagesAwayWhoisIsonAndUserhost() {
        IrcClient alice = IrcClient.registered(server, "alice");
        IrcClient bob = IrcClient.registered(server, "bob");
        alice.send("PRIVMSG bob psst");
        bob.expectLine(":alice!~alice@127.0.0.1 PRIVMSG bob psst");
        alice.send("PRIVMSG nobody :psst").expectLine(S + "401 alice nobody :No such nick/channel");

        bob.send("AWAY :lunch").expectLine(S + "306 bob :You have been marked as being away");
        alice.send("PRIVMSG bob :back?").expectLine(S + "301 alice bob :lunch");
        alice.send("WHOIS bob");
        List<String> whois = alice.until(l -> IrcClient.command(l).equals("318"));
        assertThat(whois).containsExactly(
                S + "311 alice bob ~bob 127.0.0.1 * :bob Real",
                S + "312 alice bob My.Little.Server Parley",
                S + "301 alice bob lunch",
                S + "318 alice bob :End of /WHOIS list");
        alice.send("ISON bob nobody alice").expectLine(S + "303 alice :bob alice");
        alice.send("USERHOST bob").expectLine(S + "302 alice :bob=-~bob@127.0.0.1");
        bob.next("PRIVMSG");
        bob.send("AWAY").expectLine(S + "305 bob :You are no longer marked as being away");

        alice.send("MODE alice").expectLine(S + "221 alice +");
        alice.send("MODE alice +i").expectLine(":alice!~alice@127.0.0.1 MODE alice +i");
        alice.send("MODE bob").expectLine(S + "502 alice bob :Cannot change mode for other users");
        alice.send("JOIN #m");
        alice.next("366");
        alice.send("INVITE bob #m").expectLine(S + "341 alice bob #m");
        bob.expectLine(":alice!~alice@127.0.0.1 INVITE bob #m");
        alice.send("INVITE alice #m").expectLine(S + "443 alice alice #m :is already on channel");
        alice.send("MODE #m").expectLine(S + "324 alice #m +nt");
        assertThat(alice.line()).startsWith(S + "329 alice #m ");
        alice.send("LIST #m");
        assertThat(alice.until(l -> IrcClient.command(l).equals("323")))
                .contains(S + "322 alice #m 1 :");
    }

    @Test
    void capabilitiesTagAndEchoMessages() {
        IrcClient alice = new IrcClient(server.connect("irc"));
        alice.send("CAP LS 302").send("NICK alice").send("USER a 0 * :A");
        alice.line();
        alice.send("CAP REQ :server-time echo-message extended-join userhost-in-names").next("CAP");
        alice.send("CAP END").next("422");
        alice.send("JOIN #tags");
        assertThat(alice.line()).matches("@time=[^ ]+Z :alice!~a@127\\.0\\.0\\.1 JOIN #tags \\* :?A");
        alice.expectLine(S + "353 alice = #tags :@alice!~a@127.0.0.1");
        alice.next("366");
        alice.send("PRIVMSG #tags :echo me");
        String echo = alice.line();
        assertThat(echo).matches("@time=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z "
                + ":alice!~a@127\\.0\\.0\\.1 PRIVMSG #tags :echo me");
    }
}
