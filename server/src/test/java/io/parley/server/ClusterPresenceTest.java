package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcModule;
import io.parley.testing.WireClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names and presence across the nodes of a cluster: full Parley servers in one JVM, each with its
 * own ports and data directory, on one fresh PostgreSQL database and NATS subjects of this test's
 * own. A name online on one node is refused on the others, in each protocol's own form; private
 * messages reach a user on another node; the online lists are the cluster's; a node lists the
 * members other nodes have in a room it opens.
 */
class ClusterPresenceTest {

    private static final String POSTGRES = "127.0.0.1:5432";
    private static final String PASSWORD = "correct horse battery";
    private static final String S = ":My.Little.Server ";

    @TempDir
    Path dataA;
    @TempDir
    Path dataB;
    @TempDir
    Path dataC;

    private final String database = "parley_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private final String prefix = "test" + UUID.randomUUID().toString().replace("-", "");
    private ServerUnderTest nodeA;
    private ServerUnderTest nodeB;
    private ServerUnderTest nodeC;

    @BeforeEach
    void start() throws Exception {
        requireNats();
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        nodeA = ServerUnderTest.start(dataA, node("a"));
        nodeB = ServerUnderTest.start(dataB, node("b"));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            for (ServerUnderTest node : new ServerUnderTest[] {nodeA, nodeB, nodeC}) {
                if (node != null) {
                    node.close();
                }
            }
        } finally {
            try (Connection admin = admin(); Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private Map<String, String> node(String name) {
        Map<String, String> settings = new HashMap<>();
        settings.put(ServerConfig.STORE_URL, "postgresql://" + POSTGRES + "/" + database + "?user=postgres");
        settings.put(ServerConfig.BUS_URL, "nats://127.0.0.1:4222");
        settings.put(ServerConfig.NODE_NAME, name);
        settings.put(ServerConfig.BUS_SUBJECT_PREFIX, prefix);
        settings.put(IrcModule.SERVER_NAME, "My.Little.Server");
        return settings;
    }

    private static IrcClient irc(ServerUnderTest node, String nick) {
        IrcClient client = new IrcClient(node.connect("irc"));
        client.send("NICK " + nick).send("USER " + nick + " 0 * :" + nick + " Real");
        client.until(line -> IrcClient.command(line).equals("376") || IrcClient.command(line).equals("422"));
        return client;
    }

    @Test
    void aNickOnlineOnOneNodeIsRefusedOnTheOtherInEveryProtocolsOwnForm() {
        IrcClient carol = irc(nodeA, "carol");

        IrcClient ircOnB = new IrcClient(nodeB.connect("irc"));
        ircOnB.send("NICK Carol").expectLine(S + "433 * Carol :Nickname is already in use");

        WireClient lineOnB = nodeB.connect("line");
        lineOnB.send("carol\n");
        assertThat(lineOnB.readToEof()).contains("name \"carol\" is in use by someone online");

        WireClient tcdOnB = nodeB.connect("tcd");
        tcdOnB.send("JOIN_CHATROOM: lobby\nCLIENT_IP: 0\nPORT: 0\nCLIENT_NAME: carol\n");
        tcdOnB.expect("ERROR_CODE: 4\nERROR_DESCRIPTION: name carol is in use by someone online\n");

        // Once carol leaves node a, her nick is free on node b.
        carol.send("QUIT :bye");
        carol.readToEof();
        ircOnB.send("NICK carol").send("USER c 0 * :C");
        assertThat(ircOnB.next("001")).startsWith(S + "001 carol ");
    }

    @Test
    void aNameRegisteredOnOneNodeIsReservedOnTheOtherAtOnce() throws Exception {
        nodeA.login("dora", PASSWORD).close(); // registers dora on node a

        IrcClient ircOnB = new IrcClient(nodeB.connect("irc"));
        ircOnB.send("NICK dora").send("USER d 0 * :D");
        assertThat(ircOnB.next("433")).isEqualTo(S + "433 * dora :Nickname is registered to an account;"
                + " log in with SASL to use it");

        WireClient lineOnB = nodeB.connect("line");
        lineOnB.send("Dora\n");
        // Refused either way; the reason is "registered" once node b has heard of the account, and
        // can be "in use" while its refusal of the IRC nick above is still being undone.
        assertThat(lineOnB.readToEof()).containsAnyOf("name \"Dora\" belongs to a registered account",
                "name \"Dora\" is in use by someone online");

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
        nodeC = ServerUnderTest.start(dataC, node("c"));
        IrcClient leo = irc(nodeC, "leo");
        leo.send("NAMES #lobby");
        String lobby = leo.next("353");
        assertThat(lobby).contains("kim").contains("ivan");
    }

    private static Connection admin() throws SQLException {
        try {
            return DriverManager.getConnection("jdbc:postgresql://" + POSTGRES + "/postgres?user=postgres");
        } catch (SQLException e) {
            throw new SQLException("this test needs PostgreSQL on " + POSTGRES + " with trust auth for user postgres;"
                    + " start it with `pg_ctlcluster --skip-systemctl-redirect 15 main start`", e);
        }
    }

    private static void requireNats() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 4222), 2000);
        } catch (IOException e) {
            throw new IOException("this test needs a NATS server on 127.0.0.1:4222", e);
        }
    }
}
