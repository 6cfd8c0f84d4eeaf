package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcMessage;
import io.parley.protocol.irc.IrcModule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Private-message history over IRC, on real sockets: messages between IRC users (and with account
 * users) are stored before they are relayed and come back from CHATHISTORY with a nick target,
 * with the msgid and time they had live, after a restart too; TARGETS lists nicks beside
 * channels; only the two parties read a conversation, and a guest's conversations are its
 * connection's alone.
 */
class IrcPrivateHistoryTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String CAPS = "message-tags server-time echo-message batch draft/chathistory";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    /** What a client keeps of a message: msgid, time, target and text. */
    record Seen(String msgid, String time, String target, String text) {
        static Seen of(IrcMessage line) {
            assertThat(line.command()).as(line.toLine()).isEqualTo("PRIVMSG");
            assertThat(line.tags()).as(line.toLine()).containsKeys("msgid", "time");
            return new Seen(line.tags().get("msgid"), line.tags().get("time"), line.param(0), line.param(1));
        }
    }

    /** Registers over IRC with SASL as the account {@code name}, under the nick {@code name}. */
    private IrcClient loggedIn(String name) {
        IrcClient client = new IrcClient(server.connect("irc"));
        client.send("CAP LS 302").send("NICK " + name).send("USER u 0 * :Real " + name);
        client.next("CAP");
        client.send("CAP REQ :sasl " + CAPS);
        client.next("CAP");
        client.send("AUTHENTICATE PLAIN").expectLine("AUTHENTICATE +");
        client.send("AUTHENTICATE " + IrcSaslTest.plain("", name, PASSWORD));
        client.next("903");
        client.send("CAP END");
        client.until(line -> IrcClient.command(line).equals("422") || IrcClient.command(line).equals("376"));
        return client;
    }

    @Test
    void aConversationComesBackToBothPartiesWithItsLiveIdsAndTimesAfterARestart() throws Exception {
        server.login("alice", PASSWORD).close();
        server.login("bob", PASSWORD).close();
        IrcClient alice = loggedIn("alice");
        IrcClient bob = loggedIn("bob");
        List<Seen> echoes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            IrcClient from = i % 2 == 0 ? alice : bob;
            IrcClient to = i % 2 == 0 ? bob : alice;
            from.send("PRIVMSG " + (i % 2 == 0 ? "bob" : "alice") + " :message " + i);
            Seen echo = Seen.of(IrcCaps.next(from));
            assertThat(Seen.of(IrcCaps.next(to))).as("the delivery is the echo").isEqualTo(echo);
            echoes.add(echo);
        }
        assertThat(echoes).extracting(Seen::msgid).doesNotHaveDuplicates();
        assertThat(history(alice, "CHATHISTORY LATEST bob * 10", "bob")).isEqualTo(echoes);
        assertThat(history(bob, "CHATHISTORY LATEST ALICE * 10", "ALICE")).as("the nick folds").isEqualTo(echoes);
        alice.close();
        bob.close();

        server.restart();

        IrcClient back = loggedIn("alice");
        assertThat(history(back, "CHATHISTORY LATEST bob * 10", "bob")).as("after a restart").isEqualTo(echoes);
        assertThat(history(back, "CHATHISTORY LATEST bob * 2", "bob")).isEqualTo(echoes.subList(4, 6));
        String third = echoes.get(2).msgid();
        assertThat(history(back, "CHATHISTORY BEFORE bob msgid=" + third + " 10", "bob")).isEqualTo(echoes.subList(0, 2));
        assertThat(history(back, "CHATHISTORY AFTER bob msgid=" + third + " 2", "bob")).isEqualTo(echoes.subList(3, 5));
        assertThat(history(back, "CHATHISTORY AROUND bob msgid=" + third + " 3", "bob")).isEqualTo(echoes.subList(1, 4));
        assertThat(history(back, "CHATHISTORY BETWEEN bob msgid=" + echoes.get(0).msgid() + " msgid="
                + echoes.get(5).msgid() + " 10", "bob")).isEqualTo(echoes.subList(1, 5));
        back.send("CHATHISTORY BEFORE bob msgid=p-nope 10")
                .expectLine(":My.Little.Server FAIL CHATHISTORY INVALID_PARAMS BEFORE p-nope :Unknown message id");
    }

    @Test
    void aGuestsConversationIsItsConnectionsAndTheAccountsButNotTheNextHoldersOfItsNick() throws Exception {
        server.login("alice", PASSWORD).close();
        IrcClient alice = loggedIn("alice");
        IrcClient dave = IrcCaps.registered(server, "dave", CAPS);
        alice.send("PRIVMSG dave :hello guest");
        Seen first = Seen.of(IrcCaps.next(alice));
        IrcCaps.next(dave);
        dave.send("PRIVMSG alice :hello alice");
        Seen second = Seen.of(IrcCaps.next(dave));
        IrcCaps.next(alice);

        assertThat(history(alice, "CHATHISTORY LATEST dave * 10", "dave")).containsExactly(first, second);
        assertThat(history(dave, "CHATHISTORY LATEST alice * 10", "alice")).as("the guest, on its connection")
                .containsExactly(first, second);
        dave.send("QUIT");
        dave.readToEof();

        IrcClient nextDave = IrcCaps.registered(server, "dave", CAPS);
        assertThat(history(nextDave, "CHATHISTORY LATEST alice * 10", "alice")).as("another guest called dave").isEmpty();
        nextDave.send("QUIT");
        nextDave.readToEof();
        server.login("dave", PASSWORD).close();
        IrcClient accountDave = loggedIn("dave");
        assertThat(history(accountDave, "CHATHISTORY LATEST alice * 10", "alice")).as("the account registered later")
                .isEmpty();
        IrcClient carol = IrcCaps.registered(server, "carol", CAPS);
        assertThat(history(carol, "CHATHISTORY LATEST alice * 10", "alice")).as("nobody else").isEmpty();
    }

    @Test
    void messagesToOneselfAreKeptOnceAndEchoedAndDelivered() throws Exception {
        server.login("alice", PASSWORD).close();
        IrcClient alice = loggedIn("alice");

        alice.send("PRIVMSG alice :a note to myself");
        Seen echo = Seen.of(IrcCaps.next(alice));
        Seen delivery = Seen.of(IrcCaps.next(alice));

        assertThat(delivery).isEqualTo(echo);
        assertThat(history(alice, "CHATHISTORY LATEST alice * 10", "alice")).containsExactly(echo);
    }

    @Test
    void targetsListChannelsAndNicksByTheirLastMessageInsideTheWindow() throws Exception {
        server.login("alice", PASSWORD).close();
        server.login("bob", PASSWORD).close();
        IrcClient alice = loggedIn("alice");
        IrcClient bob = loggedIn("bob");
        alice.send("JOIN #room");
        alice.next("366");
        alice.send("PRIVMSG #room :in the room");
        Seen inRoom = Seen.of(IrcCaps.next(alice));
        alice.send("PRIVMSG bob :to bob");
        Seen toBob = Seen.of(IrcCaps.next(alice));
        IrcCaps.next(bob);

        assertThat(targets(alice, "timestamp=2000-01-01T00:00:00.000Z timestamp=2200-01-01T00:00:00.000Z 10"))
                .containsExactly(List.of("TARGETS", "#room", inRoom.time()),
                        List.of("TARGETS", "bob", toBob.time()));
        assertThat(targets(bob, "timestamp=2000-01-01T00:00:00.000Z timestamp=2200-01-01T00:00:00.000Z 10"))
                .containsExactly(List.of("TARGETS", "alice", toBob.time()));
        assertThat(targets(alice, "timestamp=2000-01-01T00:00:00.000Z timestamp=" + toBob.time() + " 10"))
                .as("bob's last message is not before the window's end").extracting(params -> params.get(1))
                .doesNotContain("bob");
    }

    @Test
    void privateMessagesWithAnAccountProtocolUserAreInTheIrcUsersHistory() throws Exception {
        server.login("ivan", PASSWORD).close();
        try (AccountWire dora = server.login("dora", PASSWORD)) {
            IrcClient ivan = loggedIn("ivan");
            ivan.send("PRIVMSG dora :hello from IRC");
            Seen sent = Seen.of(IrcCaps.next(ivan));
            dora.wire.expect("D PM ivan text hello from IRC\n");

            dora.wire.send("C PM\n");
            assertThat(dora.wire.readLine()).startsWith("C USERS");
            dora.wire.send("C TO ivan\n").expect("C KEY ivan -\n");
            dora.wire.send("D hello from the account client\n").expect("C OK sent\n");
            Seen received = Seen.of(IrcCaps.next(ivan));

            assertThat(received.text()).isEqualTo("hello from the account client");
            assertThat(history(ivan, "CHATHISTORY LATEST dora * 10", "dora")).containsExactly(sent, received);
        }
    }

    @Test
    void theSenderRedactsAPrivateMessageForBothAndHistoryForgetsIt() throws Exception {
        server.login("alice", PASSWORD).close();
        server.login("bob", PASSWORD).close();
        IrcClient alice = loggedIn("alice");
        IrcClient bob = loggedIn("bob");
        alice.send("CAP REQ draft/message-redaction").next("CAP");
        bob.send("CAP REQ draft/message-redaction").next("CAP");
        alice.send("PRIVMSG bob :kept");
        Seen kept = Seen.of(IrcCaps.next(alice));
        IrcCaps.next(bob);
        alice.send("PRIVMSG bob :regretted");
        String msgid = IrcCaps.next(alice).tags().get("msgid");
        IrcCaps.next(bob);

        bob.send("REDACT bob " + msgid).expectLine(":My.Little.Server FAIL REDACT UNKNOWN_MSGID bob " + msgid
                + " :No such message of yours to bob");
        alice.send("REDACT bob " + msgid + " :a typo");

        String redact = " REDACT bob " + msgid + " :a typo";
        assertThat(IrcCaps.next(alice).toLine()).endsWith(":alice!~u@127.0.0.1" + redact);
        assertThat(IrcCaps.next(bob).toLine()).endsWith(":alice!~u@127.0.0.1" + redact);
        assertThat(history(bob, "CHATHISTORY LATEST alice * 10", "alice")).containsExactly(kept);
    }

    /** Sends a CHATHISTORY command and reads its batch. */
    private static List<Seen> history(IrcClient client, String command, String target) {
        client.send(command);
        List<IrcMessage> batch = IrcCaps.batch(client);
        assertThat(batch.get(0).params().subList(1, batch.get(0).params().size())).containsExactly("chathistory", target);
        return batch.subList(1, batch.size()).stream().map(Seen::of).toList();
    }

    private static List<List<String>> targets(IrcClient client, String range) {
        client.send("CHATHISTORY TARGETS " + range);
        List<IrcMessage> batch = IrcCaps.batch(client);
        return batch.subList(1, batch.size()).stream().map(IrcMessage::params).toList();
    }
}
