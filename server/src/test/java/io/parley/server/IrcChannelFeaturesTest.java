package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcModule;
import io.parley.testing.WireClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The channel features beyond the core modes, over real sockets: ban and invite exceptions
 * ({@code +e}, {@code +I}), the mute extban ({@code m:}), {@code +C} and CTCP to a channel, bot
 * mode ({@code +B}), STATUSMSG ({@code @#chan}), LIST's ELIST filters and {@code INVITE} alone.
 * A PING whose PONG must come next is the barrier for "nothing else arrived".
 */
class IrcChannelFeaturesTest {

    private static final String SERVER_NAME = "My.Little.Server";
    private static final String S = ":" + SERVER_NAME + " ";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, SERVER_NAME);

    @Test
    void isupportAdvertisesTheFeatures() {
        IrcClient client = new IrcClient(server.connect("irc"));
        client.send("NICK probe").send("USER probe 0 * :Probe");
        List<String> lines = client.until(line -> IrcClient.command(line).equals("422"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(S + "004 probe My.Little.Server parley-1 Biow CIbeiklmnostv"));
        String tokens = String.join(" ", lines.stream().filter(line -> IrcClient.command(line).equals("005")).toList());
        assertThat(tokens).contains(" CHANMODES=beI,k,l,Cimnst ", " EXCEPTS=e ", " INVEX=I ", " EXTBAN=,m ",
                " MAXLIST=b:100,e:100,I:100 ", " STATUSMSG=@+ ", " BOT=B ", " ELIST=CMNTU ");
    }

    @Test
    void aBanExceptionLetsAUserInAndAnInviteExceptionPastInviteOnly() {
        IrcClient op = IrcClient.joined(server, "op", "#door");
        op.send("MODE #door +b ba*").expectLine(":op!~op@127.0.0.1 MODE #door +b ba*!*@*");
        IrcClient bar = IrcClient.registered(server, "bar");
        bar.send("JOIN #door").expectLine(S + "474 bar #door :Cannot join channel (+b)");
        op.send("MODE #door +e *ar").expectLine(":op!~op@127.0.0.1 MODE #door +e *ar!*@*");
        bar.send("JOIN #door").expectLine(":bar!~bar@127.0.0.1 JOIN #door");
        bar.next("366");
        op.next("JOIN");

        op.send("MODE #door +iI baz").expectLine(":op!~op@127.0.0.1 MODE #door +iI baz!*@*");
        IrcClient qux = IrcClient.registered(server, "qux");
        qux.send("JOIN #door").expectLine(S + "473 qux #door :Cannot join channel (+i)");
        IrcClient baz = IrcClient.registered(server, "baz");
        baz.send("JOIN #door").expectLine(S + "474 baz #door :Cannot join channel (+b)"); // +I does not lift a ban
        op.send("MODE #door +e baz").next("MODE");
        baz.send("JOIN #door").expectLine(":baz!~baz@127.0.0.1 JOIN #door");
        baz.next("366");
        op.next("JOIN");

        op.send("MODE #door e");
        assertThat(op.line()).matches(":My\\.Little\\.Server 348 op #door \\*ar!\\*@\\* op!~op@127\\.0\\.0\\.1 [0-9]+");
        assertThat(op.line()).matches(":My\\.Little\\.Server 348 op #door baz!\\*@\\* op!~op@127\\.0\\.0\\.1 [0-9]+");
        op.expectLine(S + "349 op #door :End of channel exception list");
        op.send("MODE #door +I");
        assertThat(op.line()).matches(":My\\.Little\\.Server 346 op #door baz!\\*@\\* op!~op@127\\.0\\.0\\.1 [0-9]+");
        op.expectLine(S + "347 op #door :End of channel invite exception list");
        assertThat(bar.send("MODE #door e").next("482")).isEqualTo(S + "482 bar #door :You're not a channel operator");
        bar.send("MODE #door -e *ar!*@*").expectLine(S + "482 bar #door :You're not a channel operator");

        op.send("MODE #door -I BAZ!*@*").expectLine(":op!~op@127.0.0.1 MODE #door -I baz!*@*");
        op.send("MODE #door I").expectLine(S + "347 op #door :End of channel invite exception list");
    }

    @Test
    void aMuteSilencesAMemberUntilVoicedOrExcepted() {
        IrcClient op = IrcClient.joined(server, "op", "#quiet");
        op.send("MODE #quiet +b m:bar").expectLine(":op!~op@127.0.0.1 MODE #quiet +b m:bar!*@*");
        IrcClient bar = IrcClient.joined(server, "bar", "#quiet"); // a mute does not keep out
        op.next("JOIN");
        bar.send("MODE #quiet b");
        assertThat(bar.line()).matches(":My\\.Little\\.Server 367 bar #quiet m:bar!\\*@\\* op!~op@127\\.0\\.0\\.1 [0-9]+");
        bar.next("368");
        bar.send("PRIVMSG #quiet :hello?").expectLine(S + "404 bar #quiet :Cannot send to channel");
        bar.send("NOTICE #quiet :hello?");
        bar.expectNothingMore(SERVER_NAME);
        op.expectNothingMore(SERVER_NAME);

        op.send("MODE #quiet +e m:*!~bar@*").next("MODE");
        bar.next("MODE");
        bar.send("PRIVMSG #quiet :thanks");
        op.expectLine(":bar!~bar@127.0.0.1 PRIVMSG #quiet :thanks");
        op.send("MODE #quiet -e+v m:*!~bar@* bar").next("MODE");
        bar.next("MODE");
        bar.send("PRIVMSG #quiet :voiced");
        op.expectLine(":bar!~bar@127.0.0.1 PRIVMSG #quiet :voiced");
        op.send("MODE #quiet -v-b bar m:BAR!*@*").expectLine(":op!~op@127.0.0.1 MODE #quiet -vb bar m:bar!*@*");
        bar.next("MODE");
        bar.send("PRIVMSG #quiet :free");
        op.expectLine(":bar!~bar@127.0.0.1 PRIVMSG #quiet :free");
    }

    @Test
    void ctcpReachesTheIrcMembersAsSentAndNoCtcpRefusesAllButAction() {
        IrcClient op = IrcClient.joined(server, "op", "#lobby");
        WireClient line = server.connect("line");
        line.send("liner\n");
        op.expectLine(":liner!parley@parley.parley JOIN #lobby");
        IrcClient bob = IrcClient.joined(server, "bob", "#lobby");
        op.next("JOIN");
        line.expect("* bob joined lobby\n");

        bob.send("PRIVMSG #lobby :\u0001VERSION\u0001");
        op.expectLine(":bob!~bob@127.0.0.1 PRIVMSG #lobby :\u0001VERSION\u0001");
        bob.send("PRIVMSG #lobby :\u0001ACTION waves\u0001");
        op.expectLine(":bob!~bob@127.0.0.1 PRIVMSG #lobby :\u0001ACTION waves\u0001");
        bob.send("PRIVMSG #lobby :plain");
        op.expectLine(":bob!~bob@127.0.0.1 PRIVMSG #lobby :plain");
        // The VERSION request is IRC client traffic: the line user only gets the chat.
        assertThat(line.readLine()).doesNotContain("VERSION").contains("waves");
        line.expect("bob: plain\n");

        op.send("MODE #lobby +C").expectLine(":op!~op@127.0.0.1 MODE #lobby +C");
        bob.next("MODE");
        bob.send("PRIVMSG #lobby :\u0001PING 12345\u0001")
                .expectLine(S + "404 bob #lobby :Cannot send CTCP to channel (+C)");
        bob.send("NOTICE #lobby :\u0001PING 12345\u0001");
        bob.expectNothingMore(SERVER_NAME);
        bob.send("PRIVMSG #lobby :\u0001ACTION still waves\u0001");
        op.expectLine(":bob!~bob@127.0.0.1 PRIVMSG #lobby :\u0001ACTION still waves\u0001");
        op.send("MODE #lobby").expectLine(S + "324 op #lobby +Cnt");
    }

    @Test
    void aBotIsShownInWhoisWhoAndTaggedOnItsMessages() {
        IrcClient bot = IrcClient.joined(server, "botnick", "#bots");
        IrcClient user = IrcClient.registered(server, "usernick");
        user.send("CAP REQ :message-tags").next("CAP");
        user.send("JOIN #bots").next("366");
        bot.next("JOIN");

        bot.send("MODE botnick +B").expectLine(":botnick!~botnick@127.0.0.1 MODE botnick +B");
        bot.send("MODE botnick").expectLine(S + "221 botnick +B");
        bot.send("MODE botnick +B");
        bot.expectNothingMore(SERVER_NAME);
        user.send("WHOIS botnick");
        assertThat(user.until(line -> IrcClient.command(line).equals("318")))
                .contains(S + "335 usernick botnick :is a bot on Parley");
        user.send("WHO #bots");
        assertThat(user.until(line -> IrcClient.command(line).equals("315")))
                .contains(S + "352 usernick #bots ~botnick 127.0.0.1 My.Little.Server botnick H@B :0 botnick Real");

        bot.send("PRIVMSG #bots :beep");
        assertThat(user.line()).matches("@msgid=[^ ;]+;bot :botnick!~botnick@127\\.0\\.0\\.1 PRIVMSG #bots beep");
        bot.send("PRIVMSG usernick :boop");
        assertThat(user.line()).matches("@msgid=[^ ;]+;bot :botnick!~botnick@127\\.0\\.0\\.1 PRIVMSG usernick boop");
        user.send("PRIVMSG #bots :human");
        bot.expectLine(":usernick!~usernick@127.0.0.1 PRIVMSG #bots human"); // no tags without message-tags

        bot.send("MODE botnick -B").expectLine(":botnick!~botnick@127.0.0.1 MODE botnick -B");
        bot.send("PRIVMSG #bots :human now");
        assertThat(user.line()).matches("@msgid=[^ ;]+ :botnick!~botnick@127\\.0\\.0\\.1 PRIVMSG #bots :human now");
    }

    @Test
    void aStatusMessageReachesOnlyTheMembersWithThatStatus() {
        IrcClient op = IrcClient.joined(server, "op", "#s");
        IrcClient voiced = IrcClient.joined(server, "voiced", "#s");
        IrcClient plain = IrcClient.joined(server, "plain", "#s");
        op.send("MODE #s +v voiced").next("MODE");
        voiced.next("MODE");
        plain.next("MODE");
        op.expectNothingMore(SERVER_NAME);

        plain.send("PRIVMSG @#s :for the ops");
        op.expectLine(":plain!~plain@127.0.0.1 PRIVMSG @#s :for the ops");
        plain.send("PRIVMSG +#s :for the voiced");
        voiced.expectLine(":plain!~plain@127.0.0.1 PRIVMSG +#s :for the voiced");
        op.expectLine(":plain!~plain@127.0.0.1 PRIVMSG +#s :for the voiced");
        plain.expectNothingMore(SERVER_NAME); // no echo without echo-message, and plain is neither

        plain.send("PRIVMSG @#nosuch :x").expectLine(S + "403 plain @#nosuch :No such channel");
        op.send("MODE #s +m").next("MODE");
        plain.next("MODE");
        voiced.next("MODE");
        plain.send("PRIVMSG @#s :muted?").expectLine(S + "404 plain #s :Cannot send to channel");
        op.expectNothingMore(SERVER_NAME);
    }

    @Test
    void listFiltersByMaskMembersAndTimes() {
        IrcClient alice = IrcClient.joined(server, "alice", "#chan1");
        alice.send("JOIN #chan2").next("366");
        IrcClient bob = IrcClient.joined(server, "bob", "#chan2");
        alice.send("TOPIC #chan1 :first").next("TOPIC");

        assertThat(list(bob, "LIST #chan*,>1")).containsExactly("#chan2 2");
        assertThat(list(bob, "LIST #chan*,<2")).containsExactly("#chan1 1");
        assertThat(list(bob, "LIST #c?an1")).containsExactly("#chan1 1");
        assertThat(list(bob, "LIST #chan*,!*1")).containsExactly("#chan2 2");
        assertThat(list(bob, "LIST #chan*,C<10")).containsExactly("#chan1 1", "#chan2 2");
        assertThat(list(bob, "LIST #chan*,C>10")).isEmpty();
        assertThat(list(bob, "LIST T<10")).containsExactly("#chan1 1");
        assertThat(list(bob, "LIST #chan2")).containsExactly("#chan2 2");
        assertThat(list(bob, "LIST nonsense")).isEmpty();
    }

    /** The channels and member counts a LIST gives, in order. */
    private static List<String> list(IrcClient client, String command) {
        client.send(command).next("321");
        return client.until(line -> IrcClient.command(line).equals("323")).stream()
                .filter(line -> IrcClient.command(line).equals("322"))
                .map(line -> line.split(" ")[3] + " " + line.split(" ")[4]).toList();
    }

    @Test
    void aPartIsAnsweredBeforeTheNextCommandSoAJoinAfterItIsJudgedAfresh() {
        IrcClient op = IrcClient.joined(server, "op", "#gate");
        op.send("MODE #gate +iI guest").next("MODE");
        IrcClient guest = IrcClient.joined(server, "guest", "#gate");
        op.send("MODE #gate -I guest!*@*").next("MODE");
        guest.next("MODE");
        guest.send("PART #gate").send("JOIN #gate");
        guest.expectLine(":guest!~guest@127.0.0.1 PART #gate");
        guest.expectLine(S + "473 guest #gate :Cannot join channel (+i)");
    }

    @Test
    void inviteAloneListsTheInvitationsNotYetUsed() {
        IrcClient op = IrcClient.joined(server, "op", "#a");
        op.send("JOIN #b").next("366");
        IrcClient guest = IrcClient.registered(server, "guest");
        guest.send("INVITE").expectLine(S + "337 guest :End of /INVITE list");
        op.send("INVITE guest #b").next("341");
        op.send("INVITE guest #a").next("341");
        guest.next("INVITE");
        guest.next("INVITE");
        guest.send("INVITE");
        guest.expectLine(S + "336 guest #a");
        guest.expectLine(S + "336 guest #b");
        guest.expectLine(S + "337 guest :End of /INVITE list");
        guest.send("JOIN #a").next("366");
        guest.send("INVITE").expectLine(S + "336 guest #b");
        guest.expectLine(S + "337 guest :End of /INVITE list");
        guest.send("INVITE op").expectLine(S + "461 guest INVITE :Not enough parameters");
    }
}
