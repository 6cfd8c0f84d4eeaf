package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * line.md point 8: a member that never reads is dropped once its outbound buffer passes the cap;
 * the others keep receiving everything.
 */
class SlowReaderTest {

    private static final int CAP = 256 * 1024;
    /** Far more than the cap plus the kernel's socket buffers on loopback. */
    private static final int MESSAGES = 12_000;

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.startedByEachTest();

    @BeforeEach
    void start() throws Exception {
        // The talker floods on purpose; raise its rate limit so only the sleeper is under test.
        server.start(Map.of(ServerConfig.MAX_PENDING_OUTPUT_BYTES, Integer.toString(CAP),
                ServerConfig.MAX_REQUESTS_PER_SECOND, "1000000", ServerConfig.REQUEST_BURST, "1000000",
                ServerConfig.MAX_WAITING_REQUESTS, "1000000", ServerConfig.ADMIN_PORT, "0"));
    }

    @Test
    void aMemberThatNeverReadsIsDroppedAndTheOthersGetEverything() throws Exception {
        Socket tinyWindow = new Socket();
        tinyWindow.setReceiveBufferSize(4096);
        try (WireClient sleeper = WireClient.connect(tinyWindow, server.port("line"));
                WireClient talker = WireClient.connect(server.port("line"))) {
            sleeper.send("sleeper\nawake\n").expect("sleeper: awake\n");
            talker.send("talker\nready\n").expect("talker: ready\n");

            // The talker keeps up with its own echoes a hundred lines at a time, so only the
            // sleeper falls behind, by far more than its cap and the kernel's buffers.
            String text = "x".repeat(1000);
            for (int sent = 0; sent < MESSAGES; sent += 100) {
                StringBuilder burst = new StringBuilder();
                for (int i = sent; i < sent + 100; i++) {
                    burst.append(i).append(' ').append(text).append('\n');
                }
                talker.send(burst.toString());
                for (int i = sent; i < sent + 100; i++) {
                    String line = talker.readLine();
                    if (line.equals("* sleeper left lobby")) {
                        line = talker.readLine(); // the sleeper was dropped: presence, not a message
                    }
                    assertThat(line).isEqualTo("talker: " + i + " " + text);
                }
            }

            int sleeperGot = sleeper.drainLinesUntilEof();
            assertThat(sleeperGot).as("lines the sleeper received before it was dropped").isLessThan(MESSAGES);
            assertThat(Scrape.of(server.parley()).value("parley_slow_reader_disconnects_total{protocol=\"line\"}"))
                    .as("the sleeper, and only it, in the metrics").isEqualTo(1);
        }
    }
}
