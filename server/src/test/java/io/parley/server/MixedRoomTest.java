package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One room scenario, run with members on every mix of protocols: a room is the same room
 * whichever protocol its members use, and each member sees every message in its own form and in
 * the same order.
 */
class MixedRoomTest {

    @TempDir
    Path data;

    private ParleyServer server;
    private final List<WireClient> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(data, Map.of(ServerConfig.LINE_EXTRA_LISTENERS, "0=games"));
    }

    @AfterEach
    void stop() {
        sockets.forEach(WireClient::close);
        server.stop();
    }

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
        WireClient client = WireClient.connect(server.port(protocol == 'l' ? "line" : "tcd"));
        sockets.add(client);
        Participant joiner = protocol == 'l' ? new LineParticipant(client, name) : new TcdParticipant(client, name);
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
        WireClient inLobby = WireClient.connect(server.port("line"));
        WireClient inGames = WireClient.connect(server.port("line:games"));
        sockets.add(inLobby);
        sockets.add(inGames);
        inLobby.send("alice\nlobby words\n").expect("alice: lobby words\n");
        inGames.send("bob\ngames words\n").expect("bob: games words\n");

        // Barrier: alice's second line comes after bob's words in the log; had bob's words
        // leaked into lobby, alice would read them first.
        inLobby.send("again\n").expect("alice: again\n");
        assertThat(server.port("line:games")).isNotEqualTo(server.port("line"));
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

        TcdParticipant(WireClient client, String name) {
            this.client = client;
            this.name = name;
            client.send("JOIN_CHATROOM: lobby\nCLIENT_IP: 0\nPORT: 0\nCLIENT_NAME: " + name + "\n");
            assertThat(client.readLine()).isEqualTo("JOINED_CHATROOM: lobby");
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
