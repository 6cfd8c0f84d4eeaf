package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code CH} of a history far past the outbound cap (100,000 entries, about 10 MiB of frames):
 * the server sends it as fast as the reader reads, without disconnecting it when lobby messages
 * arrive meanwhile, and goes on delivering other rooms' messages while the reply is unfinished.
 */
class HistoryPagingTest {

    private static final int ENTRIES = 100_000;
    /** Makes the reply about 10 MiB: more than the kernel buffers between server and reader can hold. */
    private static final String PADDING = "y".repeat(60);
    private static final String PASSWORD = "correct horse";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.startedByEachTest();

    @Test
    void aMultiMebibyteHistoryReachesAReaderWhileTheServerGoesOn() throws Exception {
        server.start();
        server.login("alice", PASSWORD).close();
        server.stop();
        StoredLobbyHistory.insert(server.data(), "alice", ENTRIES, i -> "entry " + i + " " + PADDING);
        server.start();

        // In lobby before alice logs in (her words come back): she is told of alice's join.
        WireClient carol = server.connect("line").send("carol\n(carol is here)\n").expect("carol: (carol is here)\n");
        TcdClient tom = TcdClient.connect(server.port("tcd"));
        TcdClient una = TcdClient.connect(server.port("tcd"));
        TcdClient.Joined room = tom.join("room1", "tom");
        una.join("room1", "una");

        // A reader with a small window, which reads nothing until the other rooms have moved on.
        Socket socket = new Socket();
        socket.setReceiveBufferSize(16 * 1024);
        WireClient alice = WireClient.connect(socket, server.port("account"));
        StoredLobbyHistory.login(alice, "alice", PASSWORD);
        // Her login is a join, which carol is told of before anything said after it.
        carol.expect("* alice joined lobby\n");
        alice.send("C CH\n");
        String first = alice.readLine();
        assertThat(first).matches("D CH \\S+ BM bob lobby entry 0 y+");

        // The reply is unfinished (it cannot fit in the buffers alice has not read), yet a
        // message to another room is stored and delivered.
        tom.send(TcdMessages.chat(room.ref(), room.joinId(), "tom", "during CH"));
        una.expect(TcdMessages.relay(room.ref(), "tom", "during CH"));
        // A lobby message reaches alice mid-reply: she must not be cut off as a slow reader.
        carol.send("lobby during CH\n").expect("carol: lobby during CH\n");

        int next = 1;
        List<String> others = new ArrayList<>();
        String line;
        for (line = alice.readLine(); line.startsWith("D "); line = alice.readLine()) {
            if (line.startsWith("D CH ")) {
                assertThat(line).endsWith(" BM bob lobby entry " + next + " " + PADDING);
                next++;
            } else {
                others.add(line);
            }
        }
        assertThat(line).isEqualTo("C OK " + ENTRIES + " entries");
        assertThat(next).isEqualTo(ENTRIES);
        assertThat(others).as("the lobby message, delivered while the reply was still on its way (a reply"
                + " queued whole puts it after the count)").containsExactly("D BM carol lobby during CH");

        // Still connected and served.
        alice.send("C BM\n").expect("C OK send the message\n");
        alice.send("D after\n").expect("C OK sent to 1 users\n");
        alice.close();
        tom.close();
        una.close();
    }
}
