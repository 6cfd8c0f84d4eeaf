package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcModule;
import io.parley.testing.WireClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dead node's names are freed with its lease: node a (the packaged jar, a real process) holds
 * an IRC nick; node b (in this JVM) refuses it; after {@code kill -9} of node a, once node b
 * announced a's users as gone (the lease ran out and b claimed it), the nick is free on node b.
 * On the machine's PostgreSQL (a database of its own) and NATS (subjects of its own).
 */
class ClusterNamesE2E {

    private static final String S = ":My.Little.Server ";

    @RegisterExtension
    final TwoNodeCluster cluster =
            TwoNodeCluster.nodesStartedByEachTest(IrcModule.SERVER_NAME, "My.Little.Server");

    @TempDir
    Path work;

    private ServerProcess nodeA;

    /** Node a is a process of its own: stopped here, before the cluster drops its database. */
    @AfterEach
    void stopNodeA() throws Exception {
        if (nodeA != null) {
            nodeA.close();
        }
    }

    /** The IRC listener's port, from its status line ({@code IRC listening on port N (...)}). */
    private static int ircPort(ServerProcess node) throws Exception {
        java.util.regex.Pattern listening = java.util.regex.Pattern.compile("IRC listening on port (\\d+) .*");
        while (true) {
            java.util.regex.Matcher matcher = listening.matcher(node.nextLine());
            if (matcher.matches()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
    }

    @Test
    void aKilledNodesNickIsFreeOnTheOtherNodeOnceItsUsersAreAnnouncedGone() throws Exception {
        Path dataA = Files.createDirectories(work.resolve("data-a"));
        Files.writeString(work.resolve("a.conf"), ServerConfig.BUS_SUBJECT_PREFIX + " = " + cluster.subjectPrefix()
                + "\n" + IrcModule.SERVER_NAME + " = My.Little.Server\n");
        nodeA = ServerProcess.jar(dataA, work, ListenerFlags.serve("off", "--config", work.resolve("a.conf").toString(),
                "--data", dataA.toString(), "--bind", "127.0.0.1", "--irc", "0", "--admin", "off",
                "--store", cluster.storeUrl(), "--bus", TwoNodeCluster.NATS_URL, "--node", "a"));
        int ircA = ircPort(nodeA);

        ServerUnderTest nodeB = cluster.startNode("b");

        IrcClient kim = new IrcClient(WireClient.connect(ircA));
        kim.send("NICK kim").send("USER kim 0 * :Kim");
        kim.next("001");
        kim.send("JOIN #lobby");
        kim.next("366");

        IrcClient watcher = new IrcClient(nodeB.connect("irc"));
        watcher.send("NICK watcher").send("USER w 0 * :W");
        watcher.next("001");
        watcher.send("JOIN #lobby");
        assertThat(watcher.until(line -> IrcClient.command(line).equals("366")))
                .anyMatch(line -> IrcClient.command(line).equals("353") && line.contains("kim"));

        IrcClient other = new IrcClient(nodeB.connect("irc"));
        other.send("NICK kim").expectLine(S + "433 * kim :Nickname is already in use");

        nodeA.kill(); // kill -9: node a cannot say goodbye
        // Node b claims a's lease once it ran out and announces its users gone: kim's QUIT (a leave).
        watcher.until(line -> line.startsWith(":kim!")
                && (IrcClient.command(line).equals("PART") || IrcClient.command(line).equals("QUIT")));
        other.send("NICK kim").send("USER k 0 * :K");
        assertThat(other.next("001")).startsWith(S + "001 kim ");
    }
}
