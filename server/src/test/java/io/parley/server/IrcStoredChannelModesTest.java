package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A channel's modes outlive a restart of a single server (same data directory): its key, limit,
 * bans, invite exceptions and {@code +i} hold for everyone who joins after it, and what is lifted
 * stays lifted. Over real sockets; a PING whose PONG must come next is the barrier for "stored".
 */
class IrcStoredChannelModesTest {

    private static final String S = ":My.Little.Server ";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    private static void nothingMore(IrcClient client) {
        client.send("PING barrier").expectLine(S + "PONG My.Little.Server barrier");
    }

    @Test
    void aChannelsKeyLimitBansAndInviteExceptionsOutliveARestart() throws Exception {
        IrcClient op = IrcClient.registered(server, "op");
        op.send("JOIN #vault").next("366");
        op.send("MODE #vault +kbIl sesame troll!*@* friend!*@* 5");
        op.expectLine(":op!~op@127.0.0.1 MODE #vault +kbIl sesame troll!*@* friend!*@* 5");
        op.send("MODE #vault +i").expectLine(":op!~op@127.0.0.1 MODE #vault +i");
        nothingMore(op);

        server.restart();

        // Empty, the channel refuses only the banned; its first joiner needs neither key nor
        // invitation and is its operator (nobody else could let anyone in).
        IrcClient troll = IrcClient.registered(server, "troll");
        troll.send("JOIN #vault sesame").expectLine(S + "474 troll #vault :Cannot join channel (+b)");
        IrcClient first = IrcClient.registered(server, "first");
        first.send("JOIN #vault").expectLine(":first!~first@127.0.0.1 JOIN #vault");
        first.expectLine(S + "353 first = #vault :@first");
        first.next("366");
        first.send("MODE #vault").expectLine(S + "324 first #vault +iklnt sesame 5");
        first.next("329");
        // With someone in it, its +i, +k and invite exceptions hold again.
        IrcClient stranger = IrcClient.registered(server, "stranger");
        stranger.send("JOIN #vault sesame").expectLine(S + "473 stranger #vault :Cannot join channel (+i)");
        IrcClient friend = IrcClient.registered(server, "friend");
        friend.send("JOIN #vault").expectLine(S + "475 friend #vault :Cannot join channel (+k)");
        friend.send("JOIN #vault sesame").expectLine(":friend!~friend@127.0.0.1 JOIN #vault");
        friend.expectLine(S + "353 friend = #vault :@first friend");
        friend.next("366");
        first.expectLine(":friend!~friend@127.0.0.1 JOIN #vault");
        first.send("MODE #vault +o friend").expectLine(":first!~first@127.0.0.1 MODE #vault +o friend");
        friend.expectLine(":first!~first@127.0.0.1 MODE #vault +o friend");
        friend.send("MODE #vault b");
        assertThat(friend.line()).matches(":My\\.Little\\.Server 367 friend #vault troll!\\*@\\* op!~op@127\\.0\\.0\\.1 [0-9]+");
        friend.expectLine(S + "368 friend #vault :End of channel ban list");

        // What is lifted is lifted for good too.
        friend.send("MODE #vault -kb * troll!*@*").expectLine(":friend!~friend@127.0.0.1 MODE #vault -kb * troll!*@*");
        nothingMore(friend);
        first.expectLine(":friend!~friend@127.0.0.1 MODE #vault -kb * troll!*@*");
        server.restart();
        IrcClient again = IrcClient.registered(server, "friend");
        again.send("JOIN #vault").expectLine(":friend!~friend@127.0.0.1 JOIN #vault");
        again.next("366");
        again.send("MODE #vault").expectLine(S + "324 friend #vault +ilnt 5");
    }

    @Test
    void anEmptiedInviteOnlyChannelIsRefoundedByItsNextJoinerButStillRefusesTheBanned() throws Exception {
        IrcClient op = IrcClient.registered(server, "op");
        op.send("JOIN #club").next("366");
        op.send("MODE #club +ikb sesame troll!*@*").expectLine(":op!~op@127.0.0.1 MODE #club +ikb sesame troll!*@*");
        IrcClient guest = IrcClient.registered(server, "guest");
        op.send("INVITE guest #club").next("341");
        guest.next("INVITE");
        guest.send("JOIN #club sesame").expectLine(":guest!~guest@127.0.0.1 JOIN #club");
        guest.next("366");
        op.expectLine(":guest!~guest@127.0.0.1 JOIN #club");
        guest.send("PART #club").expectLine(":guest!~guest@127.0.0.1 PART #club");
        op.expectLine(":guest!~guest@127.0.0.1 PART #club");
        op.send("PART #club").expectLine(":op!~op@127.0.0.1 PART #club");
        nothingMore(op);

        IrcClient troll = IrcClient.registered(server, "troll");
        troll.send("JOIN #club").expectLine(S + "474 troll #club :Cannot join channel (+b)");
        IrcClient newcomer = IrcClient.registered(server, "newcomer");
        newcomer.send("JOIN #club").expectLine(":newcomer!~newcomer@127.0.0.1 JOIN #club");
        newcomer.expectLine(S + "353 newcomer = #club :@newcomer");
        newcomer.next("366");
        newcomer.send("MODE #club").expectLine(S + "324 newcomer #club +iknt sesame");
        // Still banned with someone in it, and +i holds again for the next one.
        troll.send("JOIN #club").expectLine(S + "474 troll #club :Cannot join channel (+b)");
        IrcClient late = IrcClient.registered(server, "late");
        late.send("JOIN #club sesame").expectLine(S + "473 late #club :Cannot join channel (+i)");
    }
}
