package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcModule;
import io.parley.testing.WireClient;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Names and presence across the nodes of a cluster: full Parley servers in one JVM, each with its
 * own ports and data directory, on one fresh PostgreSQL database and NATS subjects of this test's
 * own. A name online on one node is refused on the others, in each protocol's own form; private
 * messages reach a user on another node; the online lists are the cluster's; a node lists the
 * members other nodes have in a room it opens.
 */
class ClusterPresenceTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String S = ":My.Little.Server ";

    @RegisterExtension
    final TwoNodeCluster cluster = TwoNodeCluster.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    private ServerUnderTest nodeA;
    private ServerUnderTest nodeB;

    @BeforeEach
    void nodes() {
        nodeA = cluster.a();
        nodeB = cluster.b();
    }

    private static IrcClient irc(ServerUnderTest node, String nick) {
        return IrcClient.registered(node.connect("irc"), nick);
    }

    @Test
    void aNickOnlineOnOneNodeIsRefusedOnTheOtherInEveryProtocolsOwnForm() throws InterruptedException {
        IrcClient carol = irc(nodeA, "carol");

        IrcClient ircOnB = new IrcClient(nodeB.connect("irc"));
        ircOnB.send("NICK Carol").expectLine(S + "433 * Carol :Nickname is already in use");

        WireClient lineOnB = nodeB.connect("line");
        lineOnB.send("carol\n");
        assertThat(lineOnB.readToEof()).contains("name \"carol\" is in use by someone online");

        WireClient tcdOnB = nodeB.connect("tcd");
        tcdOnB.send("JOIN_CHATROOM: lobby\nCLIENT_IP: 0\nPORT: 0\nCLIENT_NAME: carol\n");
        tcdOnB.expect("ERROR_CODE: 4\nERROR_DESCRIPTION: name carol is in use by someone online\n");

        // Once carol leaves node a, her nick is free on node b: soon, not at once (node a frees
        // it in PostgreSQL after her connection closed, and nothing tells a client when), so the
        // nick is asked for again until it is given, as a client would.
        carol.send("QUIT :bye");
        carol.readToEof();
        ircOnB.send("USER c 0 * :C");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String answer;
        while (true) {
            List<String> lines = ircOnB.send("NICK carol").until(line -> line.contains(" 433 ") || line.contains(" 001 "));
            answer = lines.get(lines.size() - 1);
            if (!answer.contains(" 433 ") || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(50); // a client's back-off before it asks again, not a wait for the release
        }
        assertThat(answer).startsWith(S + "001 carol ");
    }

    @Test
    void aNameRegisteredOnOneNodeIsReservedOnTheOtherAtOnce() throws Exception {
        // Dora registers on node a and stays logged in there: her name is both registered and
        // online in the cluster, and the registration is the reason every protocol gives (as on
        // a single node), not her being online.
        nodeA.login("dora", PASSWORD);

        IrcClient ircOnB = new IrcClient(nodeB.connect("irc"));
        ircOnB.send("NICK dora").send("USER d 0 * :D");
        assertThat(ircOnB.next("433")).isEqualTo(S + "433 * dora :Nickname is registered to an account;"
                + " log in with SASL to use it");

        WireClient lineOnB = nodeB.connect("line");
        lineOnB.send("Dora\n");
        assertThat(lineOnB.readToEof()).isEqualTo("* name \"Dora\" belongs to a registered account;"
                + " connect with another name\n");

        WireClient tcdOnB = nodeB.connect("tcd");
        tcdOnB.send("JOIN_CHATROOM: lobby\nCLIENT_IP: 0\nPORT: 0\nCLIENT_NAME: DORA\n");
        tcdOnB.expect("ERROR_CODE: 4\nERROR_DESCRIPTION: name DORA belongs to a registered account\n");

        // Her password works on node b too.
        nodeB.login("dora", PASSWORD).close();
    }

    @Test
    void aLoginOfAnAccountOnOneNodeEndsItsLoginOnTheOther() throws Exception {
        AccountWire first = nodeA.login("erin", PASSWORD);
        nodeB.login("erin", PASSWORD);
        assertThat(first.wire.readToEof()).isEqualTo("C BYE replaced by a new login\n");
    }

    @Test
    void privateMessagesReachAUserOnAnotherNodeAndAreKept() throws Exception {
        IrcClient ivan = irc(nodeA, "ivan");
        IrcClient judy = irc(nodeB, "judy");

        ivan.send("PRIVMSG judy :hello from node a");
        judy.expectLine(":ivan!parley@parley.parley PRIVMSG judy :hello from node a");

        AccountWire dora = nodeB.login("dora", PASSWORD);
        dora.wire.send("C PM\n");
        assertThat(dora.wire.readLine()).isEqualTo("C USERS ivan judy"); // the cluster's online users
        dora.wire.send("C TO ivan\n").expect("C KEY ivan -\n");
        dora.wire.send("D hello from node b\n").expect("C OK sent\n");
        ivan.expectLine(":dora!parley@parley.parley PRIVMSG ivan :hello from node b");

        ivan.send("PRIVMSG dora :and back");
        dora.wire.expect("D PM ivan text and back\n");

        dora.wire.send("C CH\n");
        List<String> history = List.of(dora.wire.readLine(), dora.wire.readLine(), dora.wire.readLine());
        assertThat(String.join("\n", history)).containsPattern("D CH \\S+ PM dora ivan text hello from node b")
                .containsPattern("D CH \\S+ PM ivan dora text and back").contains("C OK 2 entries");

        judy.send("PRIVMSG nobody :hi").expectLine(S + "401 judy nobody :No such nick/channel");
    }

    @Test
    void ircOnlineQueriesSeeUsersOfEveryNode() {
        IrcClient ivan = irc(nodeA, "ivan");
        irc(nodeB, "judy");
        WireClient kim = nodeB.connect("line");
        kim.send("kim\n");

        ivan.send("ISON judy kim nobody ivan").expectLine(S + "303 ivan :judy ivan");
        ivan.send("WHOIS judy").expectLine(S + "311 ivan judy parley parley.parley * :judy")
                .expectLine(S + "312 ivan judy My.Little.Server :Parley")
                .expectLine(S + "318 ivan judy :End of /WHOIS list");
        ivan.send("MONITOR + judy,nobody");
        ivan.expectLine(S + "730 ivan :judy!parley@parley.parley");
        ivan.expectLine(S + "731 ivan :nobody");
    }

    @Test
    void aNodeOpeningARoomListsTheMembersOtherNodesHaveInIt() throws Exception {
        // A room created on node a after node b started: node b has never seen it.
        IrcClient ivan = irc(nodeA, "ivan");
        ivan.send("JOIN #fresh");
        ivan.next("366");
        IrcClient judy = irc(nodeB, "judy");
        judy.send("JOIN #fresh");
        List<String> names = judy.until(line -> IrcClient.command(line).equals("366"));
        assertThat(names).anyMatch(line -> line.startsWith(S + "353 judy ") && line.contains("ivan") && line.contains("judy"));

        // A node started after members are in the lobby on node a lists them too.
        WireClient kim = nodeA.connect("line");
        kim.send("kim\n");
        ivan.send("JOIN #lobby");
        ivan.until(line -> IrcClient.command(line).equals("366") );
        ServerUnderTest nodeC = cluster.startNode("c");
        IrcClient leo = irc(nodeC, "leo");
        leo.send("NAMES #lobby");
        String lobby = leo.next("353");
        assertThat(lobby).contains("kim").contains("ivan");
    }
}
