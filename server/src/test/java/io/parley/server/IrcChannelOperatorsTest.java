package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcModule;
import io.parley.testing.WireClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IRC channel operators over real sockets: the founder's {@code +o}, the modes {@code o v t n m
 * k l b i s}, KICK (of IRC and line users), INVITE on {@code +i}, and a topic that outlives a
 * restart. A PING whose PONG must come next is the barrier for "nothing else arrived".
 */
class IrcChannelOperatorsTest {

    private static final String S = ":My.Little.Server ";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    /** Registers {@code nick} and joins {@code channel}, reading up to the end of NAMES. */
    private IrcClient joined(String nick, String channel) {
        IrcClient client = IrcClient.registered(server, nick);
        client.send("JOIN " + channel);
        client.next("366");
        return client;
    }

    private static void nothingMore(IrcClient client) {
        client.send("PING barrier").expectLine(S + "PONG My.Little.Server barrier");
    }

    @Test
    void theFounderIsOpAndGivesOpAndVoiceWhichNamesWhoAndWhoisShow() {
        IrcClient alice = IrcClient.registered(server, "alice");
        alice.send("CAP REQ :multi-prefix").next("CAP");
        alice.send("JOIN #ops");
        alice.expectLine(":alice!~alice@127.0.0.1 JOIN #ops");
        alice.expectLine(S + "353 alice = #ops :@alice");
        alice.next("366");
        IrcClient bob = joined("bob", "#ops");
        alice.next("JOIN");

        bob.send("MODE #ops +o bob").expectLine(S + "482 bob #ops :You're not a channel operator");
        alice.send("MODE #ops +o nobody").expectLine(S + "401 alice nobody :No such nick/channel");
        IrcClient carol = IrcClient.registered(server, "carol");
        alice.send("MODE #ops +o carol").expectLine(S + "441 alice carol #ops :They aren't on that channel");
        carol.send("MODE #ops +v carol").expectLine(S + "442 carol #ops :You're not on that channel");
        alice.send("MODE #nosuch +o bob").expectLine(S + "403 alice #nosuch :No such channel");

        alice.send("MODE #ops +vo bob bob");
        alice.expectLine(":alice!~alice@127.0.0.1 MODE #ops +vo bob bob");
        bob.expectLine(":alice!~alice@127.0.0.1 MODE #ops +vo bob bob");
        alice.send("NAMES #ops").expectLine(S + "353 alice = #ops :@alice @+bob");
        bob.send("NAMES #ops").expectLine(S + "353 bob = #ops :@alice @bob");
        bob.next("366");
        bob.send("WHO #ops");
        assertThat(bob.until(line -> IrcClient.command(line).equals("315")))
                .contains(S + "352 bob #ops ~alice 127.0.0.1 My.Little.Server alice H@ :0 alice Real");
        bob.send("WHOIS alice").next("311");
        bob.expectLine(S + "319 bob alice :@#ops");
        bob.next("318");

        bob.send("MODE #ops -o+x bob");
        bob.expectLine(S + "472 bob x :is unknown mode char to me");
        bob.expectLine(":bob!~bob@127.0.0.1 MODE #ops -o bob");
        bob.send("MODE #ops -v bob").expectLine(S + "482 bob #ops :You're not a channel operator");
    }

    @Test
    void modeShowsTheModesAndTheirParametersAndEveryChangeIsRelayed() {
        IrcClient alice = joined("alice", "#m");
        IrcClient bob = joined("bob", "#m");
        alice.next("JOIN");
        alice.send("MODE #m").expectLine(S + "324 alice #m +nt");
        assertThat(alice.line()).matches(":My\\.Little\\.Server 329 alice #m [0-9]+");

        alice.send("MODE #m +imsk-t secret");
        alice.expectLine(":alice!~alice@127.0.0.1 MODE #m +imsk-t secret");
        bob.expectLine(":alice!~alice@127.0.0.1 MODE #m +imsk-t secret");
        alice.send("MODE #m +l 5").expectLine(":alice!~alice@127.0.0.1 MODE #m +l 5");
        alice.send("MODE #m").expectLine(S + "324 alice #m +iklmns secret 5");
        alice.next("329");
        IrcClient carol = IrcClient.registered(server, "carol");
        carol.send("MODE #m").expectLine(S + "324 carol #m +iklmns * 5");
        carol.next("329");
        carol.send("NAMES #m").expectLine(S + "366 carol #m :End of /NAMES list"); // +s: not to outsiders
        alice.send("NAMES #m").expectLine(S + "353 alice @ #m :@alice bob");
        alice.next("366");

        alice.send("MODE #m +l 0").expectLine(S + "696 alice #m l 0 :Invalid limit: a whole number from 1");
        alice.send("MODE #m +k :has space").expectLine(S + "696 alice #m k * "
                + ":Invalid key: 1 to 32 characters without spaces, commas or control characters");
        alice.send("MODE #m +k").expectLine(S + "696 alice #m k * :You must specify a parameter for the k mode");
        alice.send("MODE #m -imslk *").expectLine(":alice!~alice@127.0.0.1 MODE #m -imslk *");
        alice.send("MODE #m").expectLine(S + "324 alice #m +n");
        alice.next("329");
        nothingMore(alice);
    }

    @Test
    void keyLimitBanAndInviteOnlyRefuseJoinsWithTheirNumerics() {
        IrcClient op = joined("op", "#door");
        IrcClient guest = IrcClient.registered(server, "guest");

        op.send("MODE #door +k sesame").next("MODE");
        guest.send("JOIN #door").expectLine(S + "475 guest #door :Cannot join channel (+k)");
        guest.send("JOIN #door wrong").expectLine(S + "475 guest #door :Cannot join channel (+k)");
        guest.send("JOIN #door sesame").expectLine(":guest!~guest@127.0.0.1 JOIN #door");
        guest.next("366");
        guest.send("PART #door").next("PART");
        op.next("JOIN");
        op.next("PART");
        op.send("MODE #door -k x").expectLine(":op!~op@127.0.0.1 MODE #door -k *");

        op.send("MODE #door +l 1").next("MODE");
        guest.send("JOIN #door").expectLine(S + "471 guest #door :Cannot join channel (+l)");
        op.send("MODE #door -l").expectLine(":op!~op@127.0.0.1 MODE #door -l");

        op.send("MODE #door +b GUEST");
        op.expectLine(":op!~op@127.0.0.1 MODE #door +b GUEST!*@*");
        op.send("MODE #door +b");
        assertThat(op.line()).matches(":My\\.Little\\.Server 367 op #door GUEST!\\*@\\* op!~op@127\\.0\\.0\\.1 [0-9]+");
        op.expectLine(S + "368 op #door :End of channel ban list");
        guest.send("JOIN #door").expectLine(S + "474 guest #door :Cannot join channel (+b)");
        op.send("MODE #door -b guest!*@*").expectLine(":op!~op@127.0.0.1 MODE #door -b GUEST!*@*");

        op.send("MODE #door +i").next("MODE");
        guest.send("JOIN #door").expectLine(S + "473 guest #door :Cannot join channel (+i)");
        op.send("INVITE guest #door").expectLine(S + "341 op guest #door");
        guest.expectLine(":op!~op@127.0.0.1 INVITE guest #door");
        guest.send("JOIN #door").expectLine(":guest!~guest@127.0.0.1 JOIN #door");
        guest.next("366");
        guest.send("INVITE op #door").expectLine(S + "482 guest #door :You're not a channel operator");
        guest.send("PART #door").next("PART");
        guest.send("JOIN #door").expectLine(S + "473 guest #door :Cannot join channel (+i)");
    }

    @Test
    void moderatedNoExternalAndBansDecideWhoSpeaks() {
        IrcClient op = joined("op", "#talk");
        IrcClient quiet = joined("quiet", "#talk");
        op.next("JOIN");
        IrcClient outsider = IrcClient.registered(server, "outsider");

        outsider.send("PRIVMSG #talk :from outside").expectLine(S + "404 outsider #talk :Cannot send to channel");
        op.send("MODE #talk -n").next("MODE");
        quiet.next("MODE");
        outsider.send("PRIVMSG #talk :from outside now");
        op.expectLine(":outsider!~outsider@127.0.0.1 PRIVMSG #talk :from outside now");
        quiet.expectLine(":outsider!~outsider@127.0.0.1 PRIVMSG #talk :from outside now");

        op.send("MODE #talk +m").next("MODE");
        quiet.next("MODE");
        quiet.send("PRIVMSG #talk :may I?").expectLine(S + "404 quiet #talk :Cannot send to channel");
        op.send("MODE #talk +v quiet").next("MODE");
        quiet.next("MODE");
        quiet.send("PRIVMSG #talk :thanks");
        op.expectLine(":quiet!~quiet@127.0.0.1 PRIVMSG #talk :thanks");

        op.send("MODE #talk -mv+b quiet quiet!*@*").expectLine(":op!~op@127.0.0.1 MODE #talk -mv+b quiet quiet!*@*");
        quiet.next("MODE");
        quiet.send("PRIVMSG #talk :banned now").expectLine(S + "404 quiet #talk :Cannot send to channel");
        nothingMore(op);
    }

    @Test
    void topicIsForOpsUnderPlusTAndOutlivesARestart() throws Exception {
        IrcClient op = joined("op", "#news");
        IrcClient reader = joined("reader", "#news");
        op.next("JOIN");
        reader.send("TOPIC #news :reader's topic").expectLine(S + "482 reader #news :You're not a channel operator");
        op.send("MODE #news -t").next("MODE");
        reader.next("MODE");
        reader.send("TOPIC #news :reader's topic");
        reader.expectLine(":reader!~reader@127.0.0.1 TOPIC #news :reader's topic");
        op.expectLine(":reader!~reader@127.0.0.1 TOPIC #news :reader's topic");
        op.send("TOPIC #news :the real news");
        op.expectLine(":op!~op@127.0.0.1 TOPIC #news :the real news");
        reader.expectLine(":op!~op@127.0.0.1 TOPIC #news :the real news");
        nothingMore(op);

        server.restart();

        IrcClient later = IrcClient.registered(server, "later");
        later.send("JOIN #news");
        later.expectLine(":later!~later@127.0.0.1 JOIN #news");
        later.expectLine(S + "332 later #news :the real news");
        assertThat(later.line()).matches(":My\\.Little\\.Server 333 later #news op [0-9]+");
        later.next("366");
        later.send("TOPIC #news :");
        later.expectLine(":later!~later@127.0.0.1 TOPIC #news :");
        later.send("TOPIC #news").expectLine(S + "331 later #news :No topic is set");
    }

    @Test
    void kickRemovesIrcMembersWithEveryoneSeeingTheKick() {
        IrcClient op = joined("op", "#k");
        IrcClient bob = joined("bob", "#k");
        op.next("JOIN");
        IrcClient carol = joined("carol", "#k");
        op.next("JOIN");
        bob.next("JOIN");

        bob.send("KICK #k carol").expectLine(S + "482 bob #k :You're not a channel operator");
        op.send("KICK #k").expectLine(S + "461 op KICK :Not enough parameters");
        op.send("KICK #nope bob").expectLine(S + "403 op #nope :No such channel");
        op.send("KICK #k nobody").expectLine(S + "401 op nobody :No such nick/channel");

        op.send("KICK #k bob,carol :enough");
        // Each leaves on its own connection's loop: the two KICKs may come in either order.
        assertThat(java.util.List.of(op.line(), op.line())).containsExactlyInAnyOrder(
                ":op!~op@127.0.0.1 KICK #k bob enough", ":op!~op@127.0.0.1 KICK #k carol enough");
        assertThat(bob.until(line -> line.contains("KICK #k bob"))).last()
                .isEqualTo(":op!~op@127.0.0.1 KICK #k bob enough");
        assertThat(carol.until(line -> line.contains("KICK #k carol"))).last()
                .isEqualTo(":op!~op@127.0.0.1 KICK #k carol enough");
        bob.send("PRIVMSG #k :back?").expectLine(S + "404 bob #k :Cannot send to channel");
        op.send("NAMES #k").expectLine(S + "353 op = #k :@op");
        op.next("366");

        bob.send("JOIN #k").next("366");
        op.expectLine(":bob!~bob@127.0.0.1 JOIN #k");
        bob.send("PART #k :bye");
        op.expectLine(":bob!~bob@127.0.0.1 PART #k :bye");
        op.send("KICK #k op").expectLine(":op!~op@127.0.0.1 KICK #k op :op");
    }

    @Test
    void kickingALineUserTellsThemInTheirFormAndEveryProtocolSeesThemLeave() {
        IrcClient op = joined("op", "#lobby");
        WireClient line = server.connect("line");
        line.send("liner\n");
        op.expectLine(":liner!parley@parley.parley JOIN #lobby");
        TcdClient tcd = server.connectTcd();
        TcdClient.Joined lobby = tcd.join("lobby", "watcher");
        op.next("JOIN");
        line.expect("* watcher joined lobby\n");

        op.send("KICK #lobby liner :be nice");
        line.expect("* kicked from lobby by op (be nice)\n");
        line.expectEof();
        op.expectLine(":op!~op@127.0.0.1 KICK #lobby liner :be nice");
        tcd.expect(TcdMessages.relay(lobby.ref(), "liner", "liner has left this chatroom."));
        op.send("NAMES #lobby").expectLine(S + "353 op = #lobby :@op watcher");
    }
}
