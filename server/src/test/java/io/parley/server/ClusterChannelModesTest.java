package io.parley.server;

import io.parley.protocol.irc.IrcModule;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IRC channel modes across the nodes of a cluster: two full servers in one JVM on one fresh
 * PostgreSQL database and NATS subjects of this test's own. A ban or key set on one node holds on
 * the other at once, whose members see the MODE line, and a node that opens the channel later
 * reads them from the store.
 */
class ClusterChannelModesTest {

    private static final String POSTGRES = "127.0.0.1:5432";
    private static final String S = ":My.Little.Server ";

    @TempDir
    Path dataA;
    @TempDir
    Path dataB;

    private final String database = "parley_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private final String prefix = "test" + UUID.randomUUID().toString().replace("-", "");
    private ServerUnderTest nodeA;
    private ServerUnderTest nodeB;

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
            for (ServerUnderTest node : new ServerUnderTest[] {nodeA, nodeB}) {
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

    @Test
    void aBanAndAKeySetOnOneNodeHoldOnTheOtherWhoseMembersSeeTheModeLine() {
        IrcClient op = irc(nodeA, "op");
        op.send("JOIN #guard").next("366");
        IrcClient watcher = irc(nodeB, "watcher");
        watcher.send("JOIN #guard").next("366");
        op.expectLine(":watcher!parley@parley.parley JOIN #guard"); // a user of another node

        op.send("MODE #guard +b troll!*@*").expectLine(":op!~op@127.0.0.1 MODE #guard +b troll!*@*");
        watcher.expectLine(":op!~op@127.0.0.1 MODE #guard +b troll!*@*");
        IrcClient troll = irc(nodeB, "troll");
        troll.send("JOIN #guard").expectLine(S + "474 troll #guard :Cannot join channel (+b)");

        op.send("MODE #guard +k sesame").expectLine(":op!~op@127.0.0.1 MODE #guard +k sesame");
        watcher.expectLine(":op!~op@127.0.0.1 MODE #guard +k sesame");
        IrcClient late = irc(nodeB, "late");
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
        IrcClient op = irc(nodeA, "op");
        op.send("JOIN #later").next("366");
        op.send("MODE #later +bk troll!*@* sesame").expectLine(":op!~op@127.0.0.1 MODE #later +bk troll!*@* sesame");

        IrcClient troll = irc(nodeB, "troll");
        troll.send("JOIN #later sesame").expectLine(S + "474 troll #later :Cannot join channel (+b)");
        IrcClient guest = irc(nodeB, "guest");
        guest.send("JOIN #later").expectLine(S + "475 guest #later :Cannot join channel (+k)");
        guest.send("JOIN #later sesame").expectLine(":guest!~guest@127.0.0.1 JOIN #later");
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
