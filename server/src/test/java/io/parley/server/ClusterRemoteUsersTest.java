package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.parley.protocol.irc.IrcMessage;
import io.parley.protocol.irc.IrcModule;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Commands about a user of another node, on two full Parley servers in one JVM over one fresh
 * PostgreSQL database and NATS subjects of this test's own. Such a command looks the user up in
 * the cluster's directory off the event loop, and its replies still come in the order the
 * commands were sent; a guest (an IRC nick no account owns) who receives a private message from
 * another node finds it in its own history, as on one node; one sent during a rolling upgrade by
 * a node of the first cluster release (no guest tokens) reaches the guest live too.
 */
class ClusterRemoteUsersTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String S = ":My.Little.Server ";
    private static final String CAPS = "message-tags server-time echo-message batch draft/chathistory";

    @RegisterExtension
    final TwoNodeCluster cluster = TwoNodeCluster.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    @Test
    void repliesAboutAUserOfAnotherNodeComeInTheOrderTheCommandsWereSent() {
        IrcClient judy = capped(cluster.b(), "judy", "echo-message");
        IrcClient ivan = capped(cluster.a(), "ivan", "echo-message");

        // Sent at once: each waits for the one before, whatever its look-up costs.
        ivan.send("PRIVMSG judy :one").send("WHOIS judy").send("ISON judy nobody ivan").send("MONITOR + judy,nobody")
                .send("PRIVMSG nobody :lost").send("NOTICE judy :two").send("PING :done");

        ivan.expectLine(":ivan!~ivan@127.0.0.1 PRIVMSG judy :one"); // the echo
        ivan.expectLine(S + "311 ivan judy parley parley.parley * :judy")
                .expectLine(S + "312 ivan judy My.Little.Server :Parley")
                .expectLine(S + "318 ivan judy :End of /WHOIS list")
                .expectLine(S + "303 ivan :judy ivan")
                .expectLine(S + "730 ivan :judy!parley@parley.parley")
                .expectLine(S + "731 ivan :nobody")
                .expectLine(S + "401 ivan nobody :No such nick/channel");
        ivan.expectLine(":ivan!~ivan@127.0.0.1 NOTICE judy :two"); // the echo
        ivan.expectLine(S + "PONG My.Little.Server done");

        judy.expectLine(":ivan!parley@parley.parley PRIVMSG judy :one");
        judy.expectLine(":ivan!parley@parley.parley PRIVMSG judy :two");
    }

    @Test
    void nicksClaimedInTheClustersDirectoryAreAnsweredInTheOrderTheCommandsWereSent() {
        IrcClient judy = capped(cluster.a(), "judy", "echo-message");

        // Sent at once: each NICK's claim is answered off the loop, and each command waits for the one before.
        IrcClient kim = new IrcClient(cluster.b().connect("irc"));
        kim.send("NICK judy").send("NICK kim").send("USER kim 0 * :Kim").send("NICK Lou").send("NICK judy").send("PING :done");

        assertThat(kim.next("433")).endsWith(" judy :Nickname is already in use"); // held on node a
        assertThat(kim.next("001")).contains(" kim :Welcome");
        assertThat(kim.next("251")).isEqualTo(S + "251 kim :There are 2 users and 0 invisible on 1 servers"); // judy, kim
        kim.until(line -> IrcClient.command(line).equals("376") || IrcClient.command(line).equals("422"));
        kim.expectLine(":kim!~kim@127.0.0.1 NICK Lou")
                .expectLine(S + "433 Lou judy :Nickname is already in use")
                .expectLine(S + "PONG My.Little.Server done");

        judy.send("ISON lou kim");
        judy.expectLine(S + "303 judy :Lou");
    }

    @Test
    void aGuestReceivingAPrivateMessageFromAnotherNodeFindsItInItsOwnHistory() throws Exception {
        IrcClient ivan = capped(cluster.a(), "ivan", CAPS);
        IrcClient judy = capped(cluster.b(), "judy", CAPS);

        ivan.send("PRIVMSG judy :hello guest on b");
        IrcMessage echo = IrcCaps.next(ivan);
        IrcMessage delivered = IrcCaps.next(judy);
        assertThat(delivered.tags()).containsEntry("msgid", echo.tags().get("msgid"));

        // An account user on node b writes to the guest on node a, through the cluster too.
        AccountWire dora = cluster.b().login("dora", PASSWORD);
        dora.wire.send("C PM\n");
        assertThat(dora.wire.readLine()).isEqualTo("C USERS ivan judy");
        dora.wire.send("C TO ivan\n").expect("C KEY ivan -\n");
        dora.wire.send("D hello ivan\n").expect("C OK sent\n");
        IrcMessage fromDora = IrcCaps.next(ivan);
        assertThat(fromDora.param(1)).isEqualTo("hello ivan");

        assertThat(history(judy, "ivan")).as("the guest on b, in its own history").containsExactly(
                "PRIVMSG judy hello guest on b " + echo.tags().get("msgid"));
        assertThat(history(ivan, "judy")).as("the guest on a, its sent message").containsExactly(
                "PRIVMSG judy hello guest on b " + echo.tags().get("msgid"));
        assertThat(history(ivan, "dora")).as("the guest on a, a message from an account on b").containsExactly(
                "PRIVMSG ivan hello ivan " + fromDora.tags().get("msgid"));

        // Another guest who takes the nick later does not read it.
        judy.send("QUIT");
        judy.readToEof();
        IrcClient nextJudy = capped(cluster.b(), "judy", CAPS);
        assertThat(history(nextJudy, "ivan")).as("another guest called judy").isEmpty();
    }

    @Test
    void aGuestReceivesAPrivateMessageFromANodeOfTheFirstClusterReleaseDuringARollingUpgrade() throws Exception {
        IrcClient judy = capped(cluster.b(), "judy", "echo-message");

        // What a node of the first release sends b for its user ivan: version 1, no id, no guest tokens.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeLong(1_700_000_000L);
            out.writeInt(0);
            for (String text : List.of("ivan", "judy")) {
                writeString(out, text);
            }
            out.writeBoolean(false);
            writeString(out, "hello from an old node");
        }
        try (Connection nats = Nats.connect(TwoNodeCluster.NATS_URL)) {
            nats.publish(cluster.subjectPrefix() + ".node.b.pm", bytes.toByteArray());
            nats.flush(Duration.ofSeconds(5));
        }

        judy.expectLine(":ivan!parley@parley.parley PRIVMSG judy :hello from an old node");
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /** {@code CHATHISTORY LATEST <with> * 10}: each message as "COMMAND target text msgid". */
    private static List<String> history(IrcClient client, String with) {
        client.send("CHATHISTORY LATEST " + with + " * 10");
        List<IrcMessage> batch = IrcCaps.batch(client);
        return batch.subList(1, batch.size()).stream()
                .map(line -> line.command() + " " + line.param(0) + " " + line.param(1) + " " + line.tags().get("msgid"))
                .toList();
    }

    /** Connects to {@code node}'s IRC listener, asks for {@code caps} and registers as {@code nick} (a guest). */
    private static IrcClient capped(ServerUnderTest node, String nick, String caps) {
        return IrcCaps.registered(node.connect("irc"), nick, caps);
    }
}
