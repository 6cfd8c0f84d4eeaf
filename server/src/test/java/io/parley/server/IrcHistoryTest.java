package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.irc.IrcMessage;
import io.parley.protocol.irc.IrcModule;
import io.parley.testing.WireClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IRCv3 draft/chathistory over real sockets: a channel's messages come back from the store with the
 * msgid and time they had live, after a restart too, for messages of every protocol; a client that
 * reconnects fills its gap with AFTER; bad requests get FAIL.
 */
class IrcHistoryTest {

    private static final String CAPS = "message-tags server-time echo-message batch draft/chathistory";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(IrcModule.SERVER_NAME, "My.Little.Server");

    /** What a client keeps of a message: msgid, time and text. */
    record Seen(String msgid, String time, String text) {
        static Seen of(IrcMessage line) {
            assertThat(line.command()).as(line.toLine()).isEqualTo("PRIVMSG");
            assertThat(line.tags()).as(line.toLine()).containsKeys("msgid", "time");
            return new Seen(line.tags().get("msgid"), line.tags().get("time"), line.param(1));
        }
    }

    @Test
    void aChannelsHistoryComesBackWithItsMsgidsAndTimesAfterARestart() throws Exception {
        IrcClient alice = IrcCaps.registered(server, "alice", CAPS);
        alice.send("JOIN #hist");
        alice.next("366");
        List<Seen> echoes = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            alice.send("PRIVMSG #hist :message " + i);
            echoes.add(Seen.of(IrcCaps.next(alice)));
        }
        assertThat(echoes).extracting(Seen::msgid).doesNotHaveDuplicates();
        assertThat(history(alice, "CHATHISTORY LATEST #hist * 10", "#hist")).isEqualTo(echoes);
        alice.close();

        server.restart();

        IrcClient back = IrcCaps.registered(server, "alice", CAPS);
        back.send("JOIN #hist");
        back.next("366");
        assertThat(history(back, "CHATHISTORY LATEST #hist * 10", "#hist")).as("the same ids and times after a restart")
                .isEqualTo(echoes);
        assertThat(history(back, "CHATHISTORY LATEST #hist * 2", "#hist")).isEqualTo(echoes.subList(3, 5));
        String third = echoes.get(2).msgid();
        assertThat(history(back, "CHATHISTORY LATEST #hist msgid=" + third + " 10", "#hist")).isEqualTo(echoes.subList(3, 5));
        assertThat(history(back, "CHATHISTORY BEFORE #hist msgid=" + third + " 10", "#hist")).isEqualTo(echoes.subList(0, 2));
        assertThat(history(back, "CHATHISTORY BEFORE #hist msgid=" + third + " 1", "#hist")).isEqualTo(echoes.subList(1, 2));
        assertThat(history(back, "CHATHISTORY AFTER #hist msgid=" + third + " 10", "#hist")).isEqualTo(echoes.subList(3, 5));
        assertThat(history(back, "CHATHISTORY AFTER #hist msgid=" + third + " 1", "#hist")).isEqualTo(echoes.subList(3, 4));
        assertThat(history(back, "CHATHISTORY AROUND #hist msgid=" + third + " 3", "#hist")).isEqualTo(echoes.subList(1, 4));
        assertThat(history(back, "CHATHISTORY AROUND #hist msgid=" + third + " 1", "#hist")).isEqualTo(echoes.subList(2, 3));
        String first = echoes.get(0).msgid();
        String last = echoes.get(4).msgid();
        assertThat(history(back, "CHATHISTORY BETWEEN #hist msgid=" + first + " msgid=" + last + " 10", "#hist"))
                .isEqualTo(echoes.subList(1, 4));
        assertThat(history(back, "CHATHISTORY BETWEEN #hist msgid=" + last + " msgid=" + first + " 2", "#hist"))
                .as("backwards from the later one").isEqualTo(echoes.subList(2, 4));
        // Times are milliseconds: two messages may share one, so compare with what the times say.
        Instant thirdTime = Instant.parse(echoes.get(2).time());
        assertThat(history(back, "CHATHISTORY AFTER #hist timestamp=" + echoes.get(2).time() + " 10", "#hist"))
                .isEqualTo(echoes.stream().filter(seen -> Instant.parse(seen.time()).isAfter(thirdTime)).toList());
        assertThat(history(back, "CHATHISTORY BEFORE #hist timestamp=" + echoes.get(2).time() + " 10", "#hist"))
                .isEqualTo(echoes.stream().filter(seen -> Instant.parse(seen.time()).isBefore(thirdTime)).toList());
        // AROUND a time: the one message before it, then the first two at or after it (several may
        // share the third's millisecond: then those are the first ones of that millisecond).
        List<Seen> earlier = echoes.stream().filter(seen -> Instant.parse(seen.time()).isBefore(thirdTime)).toList();
        List<Seen> fromThen = echoes.stream().filter(seen -> !Instant.parse(seen.time()).isBefore(thirdTime)).toList();
        List<Seen> around = new ArrayList<>(earlier.subList(Math.max(0, earlier.size() - 1), earlier.size()));
        around.addAll(fromThen.subList(0, Math.min(2, fromThen.size())));
        assertThat(history(back, "CHATHISTORY AROUND #hist timestamp=" + echoes.get(2).time() + " 3", "#hist"))
                .isEqualTo(around);
    }

    @Test
    void messagesOfTcdAndLineUsersAreInTheLobbysHistoryWithTheMsgidTheyHadLive() {
        IrcClient irc = IrcCaps.registered(server, "ircuser", CAPS);
        irc.send("JOIN #lobby");
        irc.next("366");
        WireClient line = server.connect("line");
        line.send("liner\n");
        irc.next("JOIN");
        line.send("hi from line\n");
        Seen fromLine = Seen.of(IrcCaps.next(irc));
        TcdClient tcd = server.connectTcd();
        TcdClient.Joined lobby = tcd.join("lobby", "tcd user");
        irc.next("JOIN");
        tcd.send(TcdMessages.chat(lobby.ref(), lobby.joinId(), "tcd user", "hi from TCD"));
        IrcMessage live = IrcCaps.next(irc);
        assertThat(live.source()).isEqualTo("`tcd`20`user!parley@parley.parley");
        Seen fromTcd = Seen.of(live);
        assertThat(fromLine.text()).isEqualTo("hi from line");

        assertThat(history(irc, "CHATHISTORY LATEST #lobby * 10", "#lobby")).containsExactly(fromLine, fromTcd);
        irc.send("CHATHISTORY LATEST #lobby * 1");
        List<IrcMessage> batch = IrcCaps.batch(irc);
        assertThat(batch.get(1).source()).isEqualTo("`tcd`20`user!parley@parley.parley");
    }

    @Test
    void eachLineOfAMultiLineMessageHasAnIdOfItsOwnThatStillNamesTheMessage() {
        IrcClient irc = IrcCaps.registered(server, "ircuser", CAPS);
        irc.send("JOIN #lobby");
        irc.next("366");
        TcdClient tcd = server.connectTcd();
        TcdClient.Joined lobby = tcd.join("lobby", "tom");
        irc.next("JOIN");
        tcd.send(TcdMessages.chat(lobby.ref(), lobby.joinId(), "tom", "before"));
        Seen before = Seen.of(IrcCaps.next(irc));

        tcd.send(TcdMessages.chat(lobby.ref(), lobby.joinId(), "tom", "first line\nsecond line"));
        Seen first = Seen.of(IrcCaps.next(irc));
        Seen second = Seen.of(IrcCaps.next(irc));

        assertThat(List.of(first.text(), second.text())).containsExactly("first line", "second line");
        assertThat(second.msgid()).as("IRCv3: every message a client sees has its own id").isEqualTo(first.msgid() + ".2");
        assertThat(history(irc, "CHATHISTORY LATEST #lobby * 10", "#lobby")).containsExactly(before, first, second);
        assertThat(history(irc, "CHATHISTORY BEFORE #lobby msgid=" + second.msgid() + " 10", "#lobby"))
                .as("a line's id names its message").containsExactly(before);
    }

    @Test
    void aClientThatReconnectsFillsItsGapAfterTheLastMessageItSaw() {
        IrcClient alice = IrcCaps.registered(server, "alice", CAPS);
        IrcClient bob = IrcClient.registered(server, "bob");
        alice.send("JOIN #gap");
        alice.next("366");
        bob.send("JOIN #gap");
        bob.next("366");
        alice.next("JOIN");
        bob.send("PRIVMSG #gap :before the gap");
        Seen lastSeen = Seen.of(IrcCaps.next(alice));
        alice.send("QUIT");
        alice.readToEof();
        bob.next("QUIT");
        bob.send("PRIVMSG #gap :missed one").send("PRIVMSG #gap :missed two").send("PING barrier");
        bob.next("PONG");

        IrcClient again = IrcCaps.registered(server, "alice", CAPS);
        again.send("JOIN #gap");
        again.next("366");
        assertThat(history(again, "CHATHISTORY AFTER #gap msgid=" + lastSeen.msgid() + " 100", "#gap"))
                .extracting(Seen::text).containsExactly("missed one", "missed two");
    }

    @Test
    void badRequestsGetFailReplies() {
        IrcClient alice = IrcCaps.registered(server, "alice", CAPS);
        IrcClient bob = IrcClient.registered(server, "bob");
        bob.send("JOIN #bobs");
        bob.next("366");
        alice.send("JOIN #mine");
        alice.next("366");
        String s = ":My.Little.Server ";
        alice.send("CHATHISTORY").expectLine(s + "FAIL CHATHISTORY NEED_MORE_PARAMS * :Missing parameters");
        alice.send("CHATHISTORY LATEST #mine *").expectLine(s + "FAIL CHATHISTORY NEED_MORE_PARAMS LATEST :Missing parameters");
        alice.send("CHATHISTORY SIDEWAYS #mine * 10").expectLine(s + "FAIL CHATHISTORY INVALID_PARAMS SIDEWAYS :Unknown subcommand");
        alice.send("CHATHISTORY LATEST #mine * 0").expectLine(s + "FAIL CHATHISTORY INVALID_PARAMS LATEST 0 :Invalid limit");
        alice.send("CHATHISTORY BEFORE #mine yesterday 10")
                .expectLine(s + "FAIL CHATHISTORY INVALID_PARAMS BEFORE yesterday :Invalid message reference");
        alice.send("CHATHISTORY BEFORE #mine msgid=nope 10")
                .expectLine(s + "FAIL CHATHISTORY INVALID_PARAMS BEFORE nope :Unknown message id");
        alice.send("CHATHISTORY LATEST #nosuch * 10")
                .expectLine(s + "FAIL CHATHISTORY INVALID_TARGET LATEST #nosuch :You are not in that channel");
        alice.send("CHATHISTORY LATEST #bobs * 10")
                .expectLine(s + "FAIL CHATHISTORY INVALID_TARGET LATEST #bobs :You are not in that channel");
        assertThat(history(alice, "CHATHISTORY LATEST bob * 10", "bob")).as("no messages with bob").isEmpty();
        alice.send("PRIVMSG #mine :something");
        Seen said = Seen.of(IrcCaps.next(alice));
        alice.send("CHATHISTORY TARGETS timestamp=2000-01-01T00:00:00.000Z timestamp=2200-01-01T00:00:00.000Z 10");
        List<IrcMessage> targets = IrcCaps.batch(alice);
        assertThat(targets.get(0).params()).containsExactly(targets.get(0).param(0), "draft/chathistory-targets");
        assertThat(targets.subList(1, targets.size())).extracting(IrcMessage::params)
                .containsExactly(List.of("TARGETS", "#mine", said.time()));
        alice.send("CHATHISTORY TARGETS timestamp=2000-01-01T00:00:00.000Z timestamp=" + said.time() + " 10");
        assertThat(IrcCaps.batch(alice)).as("the bounds are exclusive").hasSize(1);
    }

    /** Sends a CHATHISTORY command and reads its batch. */
    private static List<Seen> history(IrcClient client, String command, String target) {
        client.send(command);
        List<IrcMessage> batch = IrcCaps.batch(client);
        assertThat(batch.get(0).params().subList(1, batch.get(0).params().size())).containsExactly("chathistory", target);
        return batch.subList(1, batch.size()).stream().map(Seen::of).toList();
    }
}
