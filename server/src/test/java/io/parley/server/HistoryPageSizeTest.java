package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code CH} of 100,000 empty messages (blank lines of line users, empty TCD messages): each is
 * still a frame, so pages are sized by the frames' bytes, not by the texts' characters. A page
 * counted by text would be the whole history, megabytes queued at once past the reader's
 * outbound cap, and the next lobby message would cut the reader off as a slow reader.
 */
class HistoryPageSizeTest {

    private static final int ENTRIES = 100_000;
    private static final long OUTBOUND_CAP = 1024 * 1024;
    private static final String PASSWORD = "correct horse";

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.startedByEachTest();

    @Test
    void aHistoryOfEmptyMessagesIsPagedWithinTheOutboundCap() throws Exception {
        server.start();
        server.login("alice", PASSWORD).close();
        server.stop();
        StoredLobbyHistory.insert(server.data(), "alice", ENTRIES, i -> "");
        server.start();

        WireClient carol = server.connect("line");
        carol.send("carol\n");
        // A reader with a small window, which reads nothing until a lobby message is delivered.
        Socket socket = new Socket();
        socket.setReceiveBufferSize(16 * 1024);
        WireClient alice = WireClient.connect(socket, server.port("account"));
        StoredLobbyHistory.login(alice, "alice", PASSWORD);
        carol.expect("* alice joined lobby\n");
        alice.send("C CH\n");
        assertThat(alice.readLine()).matches("D CH \\S+ BM bob lobby ");

        carol.send("lobby during CH\n").expect("carol: lobby during CH\n");
        assertThat(server.parley().pendingOutputBytes()).as("bytes queued for the reader mid-CH")
                .isLessThanOrEqualTo(OUTBOUND_CAP);

        int entries = 1;
        List<String> others = new ArrayList<>();
        String line;
        for (line = alice.readLine(); line.startsWith("D "); line = alice.readLine()) {
            if (line.startsWith("D CH ")) {
                assertThat(line).matches("D CH \\S+ BM bob lobby ");
                entries++;
            } else {
                others.add(line);
            }
        }
        assertThat(line).isEqualTo("C OK " + ENTRIES + " entries");
        assertThat(entries).isEqualTo(ENTRIES);
        assertThat(others).containsExactly("D BM carol lobby during CH");
        alice.send("C BM\n").expect("C OK send the message\n");
        alice.close();
        carol.close();
    }
}
