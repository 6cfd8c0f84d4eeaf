package io.parley.server;

import static io.parley.server.TcdMessages.chat;
import static io.parley.server.TcdMessages.disconnect;
import static io.parley.server.TcdMessages.error;
import static io.parley.server.TcdMessages.relay;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.server.TcdClient.Joined;
import io.parley.testing.WireClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12 finding 14: a TCD message of many short lines reaches line and account members as one
 * line each, the author's name repeated on every one. Messages past tcd.max-message-lines are
 * refused (ERROR_CODE 12) and reach nobody, and a message's lines count against the sender's
 * request rate, so a flood of multi-line messages is slowed like a flood of lines.
 */
class TcdMessageLinesTest {

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.startedByEachTest();

    @Test
    void aMessageOfTwentyOneThousandLinesIsRefusedAndReachesNobody() throws Exception {
        server.start();
        WireClient lee = server.connect("line");
        lee.send("lee\nhi\n").expect("lee: hi\n");
        TcdClient alice = TcdClient.connect(server.port("tcd"));
        try {
            Joined lobby = alice.join("lobby", "alice");

            alice.send(chat(lobby.ref(), lobby.joinId(), "alice", "x\n".repeat(21_000).strip()));
            alice.expect(error(12, "message has more than 100 lines; nothing was sent"));
            alice.send(chat(lobby.ref(), lobby.joinId(), "alice", "after"));
            alice.expect(relay(lobby.ref(), "alice", "after"));

            // Whatever lee is shown of alice's arrival, nothing of the refused message comes
            // before the message she sent after it.
            int linesOfTheRefusedMessage = 0;
            for (String line = lee.readLine(); !line.equals("alice: after"); line = lee.readLine()) {
                if (line.equals("alice: x")) {
                    linesOfTheRefusedMessage++;
                }
            }
            assertThat(linesOfTheRefusedMessage).isZero();
        } finally {
            alice.close();
        }
    }

    @Test
    void aMessagesLinesCountAgainstTheRequestRate() throws Exception {
        // 20 requests of burst, one more a second, and at most 3 waiting for the rate.
        server.start(Map.of(ServerConfig.MAX_REQUESTS_PER_SECOND, "1",
                ServerConfig.REQUEST_BURST, "20", ServerConfig.MAX_WAITING_REQUESTS, "3"));
        TcdClient alice = TcdClient.connect(server.port("tcd"));
        try {
            Joined room = alice.join("room", "alice"); // one request of the burst

            // A message of 19 lines takes the rest of the burst, so the HELOs wait for the rate,
            // pile up past 3 and cut the flooder off. Counted as one request, it would leave 18
            // for the HELOs and the DISCONNECT, every one answered.
            alice.send(chat(room.ref(), room.joinId(), "alice", "line\n".repeat(19).strip())
                    + "HELO h1\nHELO h2\nHELO h3\nHELO h4\nHELO h5\n" + disconnect("alice"));

            String got = alice.readToEof();
            assertThat(got).contains(error(8, "too many requests, too fast")).doesNotContain("HELO h");
        } finally {
            alice.close();
        }
    }
}
