package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One room scenario, run with members on every mix of protocols: a room is the same room
 * whichever protocol its members use, and each member sees every message in its own form and in
 * the same order.
 */
class MixedRoomTest {

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(ServerConfig.LINE_EXTRA_LISTENERS, "0=games");

    /** A member of {@code lobby} on some protocol, seen through what its client reads. */
    private interface Participant {
        String name();

        /** Whether the joiner itself reads anything when its join is done (TCD: JOINED and its announcement). */
        boolean acknowledgesJoin();

        /** Reads the announcement of {@code name}'s join, in this protocol's form; {@code self} when it is this one's. */
        void expectJoin(String name, boolean self);

        void say(String text);

        /** Reads the next room message and asserts it is {@code text} from {@code author}. */
        void expectMessage(String author, String text);
    }

    private Participant join(char protocol, String name, List<Participant> room) {
        WireClient client = server.connect(protocol == 'l' ? "line" : "tcd");
        Participant joiner = protocol == 'l' ? new LineParticipant(client, name) : new TcdParticipant(client, "lobby", name);
        room.add(joiner);
        // Presence, not chat: every member learns of the join in its own protocol's form.
        room.forEach(member -> member.expectJoin(name, member == joiner));
        if (!joiner.acknowledgesJoin()) {
            // A line joiner is told nothing; its first words prove it is in, for everyone.
            everyoneHears(room, joiner, "hi, I am " + name);
        }
        return joiner;
    }

    private static void everyoneHears(List<Participant> room, Participant speaker, String text) {
        speaker.say(text);
        room.forEach(member -> member.expectMessage(speaker.name(), text));
    }

    @ParameterizedTest(name = "members on {0} (l = line, t = TCD)")
    @ValueSource(strings = {"lll", "ttt", "ltl", "tlt", "ltt"})
    void everyMemberSeesEveryMessageInItsOwnForm(String protocols) {
        List<Participant> room = new ArrayList<>();
        for (int i = 0; i < protocols.length(); i++) {
            join(protocols.charAt(i), "m" + i, room);
        }
        for (int round = 0; round < 3; round++) {
            for (Participant speaker : List.copyOf(room)) {
                everyoneHears(room, speaker, "round " + round + " from " + speaker.name() + ": ok?");
            }
        }
    }

    @Test
    void aLineListenerCanServeAnotherRoom() {
        WireClient inLobby = server.connect("line");
        WireClient inGames = server.connect("line:games");
        inLobby.send("alice\nlobby words\n").expect("alice: lobby words\n");
        inGames.send("bob\ngames words\n").expect("bob: games words\n");

        // What its user sees: the games port's room is the room named games, the one a TCD
        // client joins by that name, told by its name when someone joins, and shared both ways.
        TcdParticipant carol = new TcdParticipant(server.connect("tcd"), "games", "carol");
        inGames.expect("* carol joined games\n");
        carol.expectJoin("carol", true);
        carol.say("hello games");
        inGames.expect("carol: hello games\n");
        carol.expectMessage("carol", "hello games");
        inGames.send("hi carol\n").expect("bob: hi carol\n");
        carol.expectMessage("bob", "hi carol");

        // Barrier: alice's second line comes after all of that in the log; had any of it
        // leaked into lobby (bob's words, carol's join or hers), alice would read it first.
        inLobby.send("again\n").expect("alice: again\n");
    }

    private static final class LineParticipant implements Participant {
        private final WireClient client;
        private final String name;

        LineParticipant(WireClient client, String name) {
            this.client = client;
            this.name = name;
            client.send(name + "\n");
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean acknowledgesJoin() {
            return false;
        }

        @Override
        public void expectJoin(String joiner, boolean self) {
            if (!self) {
                client.expect("* " + joiner + " joined lobby\n");
            }
        }

        @Override
        public void say(String text) {
            client.send(text + "\n");
        }

        @Override
        public void expectMessage(String author, String text) {
            client.expect(author + ": " + text + "\n");
        }
    }

    private static final class TcdParticipant implements Participant {
        private final WireClient client;
        private final String name;
        private final String ref;

        /** Joins {@code room} as {@code name}; the join's own announcement is left to {@link #expectJoin}. */
        TcdParticipant(WireClient client, String room, String name) {
            this.client = client;
            this.name = name;
            client.send("JOIN_CHATROOM: " + room + "\nCLIENT_IP: 0\nPORT: 0\nCLIENT_NAME: " + name + "\n");
            assertThat(client.readLine()).isEqualTo("JOINED_CHATROOM: " + room);
            client.readLine(); // SERVER_IP
            client.readLine(); // PORT
            this.ref = client.readLine().substring("ROOM_REF: ".length());
            client.readLine(); // JOIN_ID
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean acknowledgesJoin() {
            return true;
        }

        @Override
        public void expectJoin(String joiner, boolean self) {
            expectMessage(joiner, joiner + " has joined this chatroom.");
        }

        @Override
        public void say(String text) {
            client.send("CHAT: " + ref + "\nJOIN_ID: 0\nCLIENT_NAME: " + name + "\nMESSAGE: " + text + "\n\n");
        }

        @Override
        public void expectMessage(String author, String text) {
            client.expect("CHAT: " + ref + "\nCLIENT_NAME: " + author + "\nMESSAGE: " + text + "\n\n");
        }
    }
}
