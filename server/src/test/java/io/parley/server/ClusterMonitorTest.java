package io.parley.server;

import io.parley.protocol.irc.IrcModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IRC MONITOR across the nodes of a cluster (full servers in one JVM on one fresh PostgreSQL
 * database and NATS subjects of the test's own): a watcher on one node hears at once when the
 * nick it watches comes online on the other node (730) and when it goes (731).
 */
class ClusterMonitorTest {

    private static final String S = ":My.Little.Server ";

    @RegisterExtension
    final TwoNodeCluster cluster = TwoNodeCluster.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    @Test
    void aWatcherHearsTheNickComeAndGoOnTheOtherNode() {
        IrcClient watcher = IrcClient.registered(cluster.a().connect("irc"), "watcher");
        watcher.send("MONITOR + friend").expectLine(S + "731 watcher :friend");

        IrcClient friend = IrcClient.registered(cluster.b().connect("irc"), "friend");
        watcher.expectLine(S + "730 watcher :friend!parley@parley.parley");

        friend.send("QUIT :bye");
        friend.readToEof();
        watcher.expectLine(S + "731 watcher :friend");
        // The watcher goes on: its list still holds the nick, now offline.
        watcher.send("MONITOR S").expectLine(S + "731 watcher :friend");
    }
}
