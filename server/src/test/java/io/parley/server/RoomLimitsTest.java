package io.parley.server;

import static io.parley.server.TcdMessages.chat;
import static io.parley.server.TcdMessages.error;
import static io.parley.server.TcdMessages.join;
import static io.parley.server.TcdMessages.joinedAnnouncement;
import static io.parley.server.TcdMessages.leave;
import static io.parley.server.TcdMessages.left;
import static io.parley.server.TcdMessages.leftAnnouncement;
import static io.parley.server.TcdMessages.relay;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rooms per address and in all, directory rooms per address, and what deleteroom removes
 * (issue 12, finding 17): one address can no longer fill the server with rooms.
 */
class RoomLimitsTest {

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.startedByEachTest();

    private void start(Map<String, String> settings) throws Exception {
        server.start(settings);
    }

    /** Joins {@code room} over TCD and returns its ref (after JOINED and the announcement). */
    private static int joined(WireClient tcd, String room, String name) {
        tcd.send(join(room, name));
        assertThat(tcd.readLine()).isEqualTo("JOINED_CHATROOM: " + room);
        tcd.readLine(); // SERVER_IP
        tcd.readLine(); // PORT
        int ref = Integer.parseInt(tcd.readLine().substring("ROOM_REF: ".length()));
        tcd.readLine(); // JOIN_ID
        tcd.expect(joinedAnnouncement(ref, name));
        return ref;
    }

    @Test
    void oneAddressCreatesAtMostItsShareOfRoomsPerWindowOverTcd() throws Exception {
        start(Map.of(ServerConfig.ROOMS_MAX_NEW_PER_ADDRESS, "3"));
        WireClient attacker = server.connectFrom("127.0.0.2", "tcd");
        for (int i = 0; i < 3; i++) {
            joined(attacker, "new" + i, "a");
        }

        attacker.send(join("new3", "a"));
        attacker.expect(error(14, "too many new rooms from your address (3 per 3600 s); try again later"));

        // Rooms that exist can still be joined, and another address can still create rooms.
        WireClient neighbour = server.connectFrom("127.0.0.3", "tcd");
        int new0 = joined(neighbour, "new0", "n");
        attacker.expect(joinedAnnouncement(new0, "n"));
        int new3 = joined(neighbour, "new3", "n");
        assertThat(joined(attacker, "new3", "a")).isEqualTo(new3);
    }

    @Test
    void noClientCreatesARoomOnceTheServerHoldsItsLimit() throws Exception {
        start(Map.of(ServerConfig.ROOMS_MAX, "2"));
        WireClient one = server.connectFrom("127.0.0.2", "tcd");
        WireClient two = server.connectFrom("127.0.0.3", "tcd");
        joined(one, "first", "one");
        joined(two, "second", "two");

        two.send(join("third", "two"));
        two.expect(error(14, "the server holds its limit of 2 rooms; join an existing room"));
        joined(two, "first", "two");
    }

    @Test
    void oneAddressHoldsAtMostItsShareOfDirectoryRoomsAndDeletingFreesAPlace() throws Exception {
        start(Map.of(ServerConfig.DIRECTORY_MAX_ROOMS_PER_ADDRESS, "2"));
        WireClient crds = server.connectFrom("127.0.0.2", "directory");
        crds.send("makeroom a 239.0.0.1 5000\n").expect("OK room a created\n");
        crds.send("makeroom b 239.0.0.2 5000\n").expect("OK room b created\n");

        crds.send("makeroom c 239.0.0.3 5000\n")
                .expect("ERR 429 your address holds its limit of 2 rooms; delete one first\n");
        crds.send("deleteroom a\n").expect("OK room a deleted\n");
        crds.send("makeroom c 239.0.0.3 5000\n").expect("OK room c created\n");
        server.connectFrom("127.0.0.3", "directory").send("makeroom d 239.0.0.4 5000\n").expect("OK room d created\n");
    }

    @Test
    void directoryRoomsCountAgainstTheAddressesRoomCreationsAndTheServersLimit() throws Exception {
        start(Map.of(ServerConfig.ROOMS_MAX_NEW_PER_ADDRESS, "1", ServerConfig.ROOMS_MAX, "2"));
        WireClient crds = server.connectFrom("127.0.0.2", "directory");
        crds.send("makeroom a 239.0.0.1 5000\n").expect("OK room a created\n");
        crds.send("makeroom b 239.0.0.2 5000\n")
                .expect("ERR 429 too many new rooms from your address (1 per 3600 s); try again later\n");
        WireClient other = server.connectFrom("127.0.0.3", "directory");
        other.send("makeroom b 239.0.0.2 5000\n").expect("OK room b created\n");
        server.connectFrom("127.0.0.4", "directory").send("makeroom c 239.0.0.3 5000\n")
                .expect("ERR 507 the server holds its limit of 2 rooms; join an existing room\n");
        crds.send("getdir\n").expect("OK 2\na 239.0.0.1 5000\nb 239.0.0.2 5000\n");
    }

    @Test
    void deleteroomRemovesAnUnusedRoomForGoodSoItsNameIsANewRoomAfterwards() throws Exception {
        start(Map.of(ServerConfig.ROOMS_MAX, "1"));
        WireClient crds = server.connect("directory");
        WireClient tcd = server.connect("tcd");
        crds.send("makeroom lab 239.0.0.1 5000\n").expect("OK room lab created\n");
        int ref = joined(tcd, "lab", "mel");
        tcd.send(leave(ref, 1, "mel")).expect(left(ref, 1)).expect(leftAnnouncement(ref, "mel"));

        crds.send("deleteroom lab\n").expect("OK room lab deleted\n");

        // The room is gone, not just unlisted: the server's one room is free again, and the
        // name, used again, is a new room with a new ref.
        crds.send("makeroom lab2 239.0.0.1 5000\n").expect("OK room lab2 created\n");
        crds.send("deleteroom lab2\n").expect("OK room lab2 deleted\n");
        assertThat(joined(tcd, "lab", "mel")).isNotEqualTo(ref);
    }

    @Test
    void deleteroomOfARoomWithMembersUnlistsItAndTheyChatOn() throws Exception {
        start(Map.of());
        WireClient crds = server.connect("directory");
        WireClient tcd = server.connect("tcd");
        crds.send("makeroom lab 239.0.0.1 5000\n").expect("OK room lab created\n");
        int ref = joined(tcd, "lab", "mel");

        crds.send("deleteroom lab\n").expect("OK room lab deleted\n");

        crds.send("getdir\n").expect("OK 0\n");
        tcd.send(chat(ref, 1, "mel", "still here")).expect(relay(ref, "mel", "still here"));
        assertThat(joined(server.connect("tcd"), "lab", "bo")).isEqualTo(ref);
    }
}
