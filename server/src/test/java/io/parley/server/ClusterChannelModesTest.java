package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcModule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IRC channel modes across the nodes of a cluster: two full servers in one JVM on one fresh
 * PostgreSQL database and NATS subjects of this test's own. A ban or key set on one node holds on
 * the other at once, whose members see the MODE line, and a node that opens the channel later
 * reads them from the store; changes made on both nodes at once are all kept.
 */
class ClusterChannelModesTest {

    private static final String S = ":My.Little.Server ";

    @RegisterExtension
    final TwoNodeCluster cluster = TwoNodeCluster.withConfig(IrcModule.SERVER_NAME, "My.Little.Server",
            IrcModule.OPER_NAME, "operuser", IrcModule.OPER_PASSWORD, "operpassword");

    @Test
    void aBanAndAKeySetOnOneNodeHoldOnTheOtherWhoseMembersSeeTheModeLine() {
        IrcClient op = irc(cluster.a(), "op");
        op.send("JOIN #guard").next("366");
        IrcClient watcher = irc(cluster.b(), "watcher");
        watcher.send("JOIN #guard").next("366");
        op.expectLine(":watcher!parley@parley.parley JOIN #guard"); // a user of another node

        op.send("MODE #guard +b troll!*@*").expectLine(":op!~op@127.0.0.1 MODE #guard +b troll!*@*");
        watcher.expectLine(":op!~op@127.0.0.1 MODE #guard +b troll!*@*");
        IrcClient troll = irc(cluster.b(), "troll");
        troll.send("JOIN #guard").expectLine(S + "474 troll #guard :Cannot join channel (+b)");

        op.send("MODE #guard +k sesame").expectLine(":op!~op@127.0.0.1 MODE #guard +k sesame");
        watcher.expectLine(":op!~op@127.0.0.1 MODE #guard +k sesame");
        IrcClient late = irc(cluster.b(), "late");
        late.send("JOIN #guard").expectLine(S + "475 late #guard :Cannot join channel (+k)");
        late.send("JOIN #guard sesame").expectLine(":late!~late@127.0.0.1 JOIN #guard");
        late.next("366");
        watcher.expectLine(":late!~late@127.0.0.1 JOIN #guard");
        op.expectLine(":late!parley@parley.parley JOIN #guard");
        late.send("MODE #guard").expectLine(S + "324 late #guard +knt sesame");
        late.next("329");
        late.send("MODE #guard b").next("367");
        late.expectLine(S + "368 late #guard :End of channel ban list");

        // Lifted on one node, lifted on the other.
        op.send("MODE #guard -b troll!*@*").expectLine(":op!~op@127.0.0.1 MODE #guard -b troll!*@*");
        watcher.expectLine(":op!~op@127.0.0.1 MODE #guard -b troll!*@*");
        troll.send("JOIN #guard sesame").expectLine(":troll!~troll@127.0.0.1 JOIN #guard");
    }

    @Test
    void aNodeOpeningAChannelLaterReadsItsModesFromTheStore() {
        // Node b has never seen #later: it hears of the change but has no copy of the channel yet.
        IrcClient op = irc(cluster.a(), "op");
        op.send("JOIN #later").next("366");
        op.send("MODE #later +bk troll!*@* sesame").expectLine(":op!~op@127.0.0.1 MODE #later +bk troll!*@* sesame");

        IrcClient troll = irc(cluster.b(), "troll");
        troll.send("JOIN #later sesame").expectLine(S + "474 troll #later :Cannot join channel (+b)");
        IrcClient guest = irc(cluster.b(), "guest");
        guest.send("JOIN #later").expectLine(S + "475 guest #later :Cannot join channel (+k)");
        guest.send("JOIN #later sesame").expectLine(":guest!~guest@127.0.0.1 JOIN #later");
    }

    @Test
    void inviteOnlySetOnOneNodeAndModeratedOnTheOtherAtOnceAreBothKeptEverywhere() throws Exception {
        IrcClient opA = irc(cluster.a(), "opa");
        opA.send("JOIN #race").next("366");
        IrcClient opB = irc(cluster.b(), "opb");
        opB.send("OPER operuser operpassword").next("381"); // an operator of the channel on node b too
        opB.send("JOIN #race").next("366");
        opA.expectLine(":opb!parley@parley.parley JOIN #race");
        opA.send("MODE #race +s").expectLine(":opa!~opa@127.0.0.1 MODE #race +s");
        opB.expectLine(":opa!~opa@127.0.0.1 MODE #race +s");

        // Both sent before either node has heard of the other's change.
        opA.send("MODE #race +i");
        opB.send("MODE #race +m");
        List<String> both = List.of(":opa!~opa@127.0.0.1 MODE #race +i", ":opb!~opb@127.0.0.1 MODE #race +m");
        assertThat(List.of(opA.line(), opA.line())).containsExactlyInAnyOrderElementsOf(both);
        assertThat(List.of(opB.line(), opB.line())).containsExactlyInAnyOrderElementsOf(both);

        opA.send("MODE #race").expectLine(S + "324 opa #race +imnst");
        opB.send("MODE #race").expectLine(S + "324 opb #race +imnst");
        // A node started now reads the channel's modes from the store: both changes are there.
        IrcClient fresh = irc(cluster.startNode("c"), "fresh");
        fresh.send("MODE #race").expectLine(S + "324 fresh #race +imnst");
    }

    private static IrcClient irc(ServerUnderTest node, String nick) {
        return IrcClient.registered(node.connect("irc"), nick);
    }
}
