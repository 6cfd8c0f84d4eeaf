package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.crypto.RsaKeys;
import io.parley.protocol.irc.IrcModule;
import io.parley.testing.WireClient;
import java.security.PublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One set of names and one user count across a cluster, for every protocol: two full servers in
 * one JVM on one fresh PostgreSQL database and NATS subjects of this test's own. A name a line or
 * TCD user chats under on one node is refused as an IRC nick on the other (and shared with the
 * other node's line and TCD users, as on one node); two look-alike registrations on two nodes at
 * once do not both succeed; LUSERS counts, and WHO lists, the users of every node.
 */
class ClusterNamesTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String S = ":My.Little.Server ";

    @RegisterExtension
    final TwoNodeCluster cluster = TwoNodeCluster.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    @Test
    void aNameLineAndTcdUsersChatUnderIsRefusedAsANickOnTheOtherNodeUntilTheyAllLeave() {
        IrcClient watcher = irc(cluster.b(), "watcher");
        watcher.send("JOIN #lobby").next("366");

        WireClient lineOnA = cluster.a().connect("line");
        lineOnA.send("Lou\n");
        watcher.until(line -> line.startsWith(":Lou!") && IrcClient.command(line).equals("JOIN"));

        IrcClient ircOnB = new IrcClient(cluster.b().connect("irc"));
        ircOnB.send("NICK lou").expectLine(S + "433 * lou :Nickname is already in use");

        // Line and TCD users share names among themselves, on any node, as on one node.
        WireClient tcdOnB = cluster.b().connect("tcd");
        tcdOnB.send("JOIN_CHATROOM: lobby\nCLIENT_IP: 0\nPORT: 0\nCLIENT_NAME: lou\n");
        assertThat(tcdOnB.readLine()).isEqualTo("JOINED_CHATROOM: lobby");

        // The line user leaves node a; the TCD user on node b still holds the name there.
        lineOnA.close();
        watcher.until(line -> line.startsWith(":Lou!") && !IrcClient.command(line).equals("JOIN"));
        IrcClient ircOnA = new IrcClient(cluster.a().connect("irc"));
        ircOnA.send("NICK LOU").expectLine(S + "433 * LOU :Nickname is already in use");

        // Once the last of them leaves, the nick is free on the other node.
        tcdOnB.close();
        watcher.until(line -> line.startsWith(":lou!") && !IrcClient.command(line).equals("JOIN"));
        assertThat(nickOnceFree(ircOnA, "lou")).startsWith(S + "001 lou ");
    }

    @Test
    void ofTwoLookalikeRegistrationsOnTwoNodesAtOnceOneIsToldTheNameIsTaken() throws Exception {
        for (int round = 0; round < 3; round++) {
            AccountSignup onA = AccountSignup.start(cluster.a().connect("account"), "alice" + round);
            AccountSignup onB = AccountSignup.start(cluster.b().connect("account"), "aIice" + round); // capital I
            onA.sendPassword();
            onB.sendPassword();
            List<String> replies = List.of(onA.wire.readLine(), onB.wire.readLine());
            assertThat(replies).as("round " + round).filteredOn(reply -> reply.startsWith("C OK welcome ")).hasSize(1);
            assertThat(replies).as("round " + round).filteredOn(reply -> reply.startsWith("C ERR 409 ")
                    && reply.endsWith(" is, or looks like, a name registered meanwhile; connect again with another"))
                    .hasSize(1);
            onA.wire.close();
            onB.wire.close();
        }
    }

    @Test
    void lusersCountsAndWhoListsTheUsersOfEveryNode() throws Exception {
        IrcClient ivan = irc(cluster.a(), "ivan");
        ivan.send("JOIN #lobby").next("366");
        IrcClient judy = irc(cluster.b(), "judy");
        judy.send("JOIN #lobby").next("366");
        ivan.until(line -> line.startsWith(":judy!") && IrcClient.command(line).equals("JOIN"));
        WireClient kim = cluster.b().connect("line");
        kim.send("kim\n");
        ivan.until(line -> line.startsWith(":kim!") && IrcClient.command(line).equals("JOIN"));
        AccountWire dora = cluster.b().login("dora", PASSWORD);

        ivan.send("LUSERS");
        assertThat(ivan.next("251")).isEqualTo(S + "251 ivan :There are 3 users and 0 invisible on 1 servers"); // ivan, judy, dora
        ivan.next("255");
        assertThat(ivan.line()).isEqualTo(S + "265 ivan 1 1 :Current local users 1, max 1");
        assertThat(ivan.line()).isEqualTo(S + "266 ivan 3 3 :Current global users 3, max 3");

        ivan.send("WHO #lobby");
        List<String> who = ivan.until(line -> IrcClient.command(line).equals("315"));
        assertThat(who).contains(S + "352 ivan #lobby parley parley.parley My.Little.Server judy H :0 judy",
                S + "352 ivan #lobby parley parley.parley My.Little.Server kim H :0 kim");
        assertThat(who).anyMatch(line -> line.startsWith(S + "352 ivan #lobby ") && line.contains(" ivan H"));

        ivan.send("WHO judy");
        ivan.expectLine(S + "352 ivan * parley parley.parley My.Little.Server judy H :0 judy")
                .expectLine(S + "315 ivan judy :End of WHO list");
        dora.wire.close();
    }

    /**
     * Registers with {@code nick}, asking again while it is refused (another node frees its names
     * on a thread of its own, just after its users leave); the 001 line.
     */
    private static String nickOnceFree(IrcClient client, String nick) {
        client.send("USER " + nick + " 0 * :" + nick);
        for (int attempt = 0; attempt < 100; attempt++) {
            client.send("NICK " + nick);
            String reply = client.line();
            if (!reply.startsWith(S + "433 ")) {
                return reply;
            }
        }
        throw new AssertionError(nick + " was never freed");
    }

    /** An account-protocol client between USER and PASS of a new name. */
    private record AccountSignup(WireClient wire, PublicKey serverKey) {
        static AccountSignup start(WireClient wire, String name) throws Exception {
            wire.send("C USER " + name + "\n");
            String reply = wire.readLine();
            assertThat(reply).startsWith("C NEW ");
            return new AccountSignup(wire, RsaKeys.fromLine(reply.substring(reply.lastIndexOf(' ') + 1)));
        }

        void sendPassword() throws Exception {
            wire.send("C PASS " + AccountWire.encrypt(PASSWORD, serverKey) + "\n");
        }
    }

    private static IrcClient irc(ServerUnderTest node, String nick) {
        return IrcClient.registered(node.connect("irc"), nick);
    }
}
