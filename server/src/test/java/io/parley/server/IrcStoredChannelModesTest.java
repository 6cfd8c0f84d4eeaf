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

        IrcClient troll = IrcClient.registered(server, "troll");
        troll.send("JOIN #vault sesame").expectLine(S + "474 troll #vault :Cannot join channel (+b)");
        IrcClient stranger = IrcClient.registered(server, "stranger");
        stranger.send("JOIN #vault sesame").expectLine(S + "473 stranger #vault :Cannot join channel (+i)");
        IrcClient friend = IrcClient.registered(server, "friend");
        friend.send("JOIN #vault").expectLine(S + "475 friend #vault :Cannot join channel (+k)");
        // The invite exception lets friend past +i; the key is still needed. The first in is its operator.
        friend.send("JOIN #vault sesame").expectLine(":friend!~friend@127.0.0.1 JOIN #vault");
        friend.expectLine(S + "353 friend = #vault :@friend");
        friend.next("366");
        friend.send("MODE #vault").expectLine(S + "324 friend #vault +iklnt sesame 5");
        friend.next("329");
        friend.send("MODE #vault b");
        assertThat(friend.line()).matches(":My\\.Little\\.Server 367 friend #vault troll!\\*@\\* op!~op@127\\.0\\.0\\.1 [0-9]+");
        friend.expectLine(S + "368 friend #vault :End of channel ban list");

        // What is lifted is lifted for good too.
        friend.send("MODE #vault -kb * troll!*@*").expectLine(":friend!~friend@127.0.0.1 MODE #vault -kb * troll!*@*");
        nothingMore(friend);
        server.restart();
        IrcClient again = IrcClient.registered(server, "friend");
        again.send("JOIN #vault").expectLine(":friend!~friend@127.0.0.1 JOIN #vault");
        again.next("366");
        again.send("MODE #vault").expectLine(S + "324 friend #vault +ilnt 5");
    }
}
