package io.parley.server;

import io.parley.protocol.irc.IrcModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IRC topics across the nodes of a cluster (full servers in one JVM on one fresh PostgreSQL
 * database and NATS subjects of the test's own): a TOPIC set on one node is shown to the
 * channel's members on the other and answered there at once, and a cleared topic is cleared there.
 */
class ClusterTopicTest {

    private static final String S = ":My.Little.Server ";

    @RegisterExtension
    final TwoNodeCluster cluster = TwoNodeCluster.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    @Test
    void aTopicSetOnOneNodeIsShownAndAnsweredOnTheOther() {
        IrcClient setter = IrcClient.registered(cluster.a().connect("irc"), "setter");
        setter.send("JOIN #news").next("366");
        IrcClient reader = IrcClient.registered(cluster.b().connect("irc"), "reader");
        reader.send("JOIN #news").next("366");
        setter.expectLine(":reader!parley@parley.parley JOIN #news"); // b's member is known on a

        setter.send("TOPIC #news :Release on Friday").expectLine(":setter!~setter@127.0.0.1 TOPIC #news :Release on Friday");
        reader.expectLine(":setter!~setter@127.0.0.1 TOPIC #news :Release on Friday");
        reader.send("TOPIC #news").expectLine(S + "332 reader #news :Release on Friday");
        reader.next("333");

        // Someone joining on b later is given the topic too.
        IrcClient late = IrcClient.registered(cluster.b().connect("irc"), "late");
        late.send("JOIN #news").expectLine(":late!~late@127.0.0.1 JOIN #news");
        late.expectLine(S + "332 late #news :Release on Friday");
        reader.expectLine(":late!~late@127.0.0.1 JOIN #news");
        setter.expectLine(":late!parley@parley.parley JOIN #news");

        setter.send("TOPIC #news :").expectLine(":setter!~setter@127.0.0.1 TOPIC #news :");
        reader.expectLine(":setter!~setter@127.0.0.1 TOPIC #news :");
        reader.send("TOPIC #news").expectLine(S + "331 reader #news :No topic is set");
    }
}
