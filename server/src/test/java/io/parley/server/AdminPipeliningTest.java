package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that pipelines scrape after scrape to the admin listener and never reads an answer,
 * over real sockets: the server keeps at most about one answer for it, and others are still answered.
 */
class AdminPipeliningTest {

    /** Requests pipelined in one write: under the HTTP codec's own limit (128), far over the admin one. */
    private static final int PIPELINED = 100;
    /** Writes of {@link #PIPELINED} requests: their answers (some 14 KB each) are 8 MB. */
    private static final int WAVES = 6;
    /** A few scrape answers (each some 14 KB): far under the hundred the client asked for. */
    private static final long PENDING_BOUND = 128 * 1024;

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.withConfig(Map.of(ServerConfig.ADMIN_PORT, "0"));

    /**
     * Asks {@code /livez} on more connections than there are event loops (connections are spread
     * over the loops in turn): the one sharing the attacker's loop is answered after what the
     * attacker's requests queued there.
     */
    private void probeEveryEventLoop() {
        for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors() + 2; i++) {
            try (WireClient probe = WireClient.connect(server.parley().adminPort())) {
                probe.send("GET /livez HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                assertThat(probe.readLine()).isEqualTo("HTTP/1.1 200 OK\r");
            }
        }
    }

    @Test
    void aClientThatPipelinesScrapesAndNeverReadsCostsAboutOneAnswerAndOthersAreStillAnswered() throws Exception {
        String scrape = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n";
        try (SocketChannel attacker = SocketChannel.open()) {
            attacker.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            attacker.connect(new InetSocketAddress("127.0.0.1", server.parley().adminPort()));
            // In waves, each under the HTTP codec's own limit on requests not yet answered (128):
            // together their answers are more than the kernel's buffers take.
            for (int wave = 0; wave < WAVES; wave++) {
                ByteBuffer requests = ByteBuffer.wrap(scrape.repeat(PIPELINED).getBytes(StandardCharsets.US_ASCII));
                try {
                    while (requests.hasRemaining()) {
                        attacker.write(requests);
                    }
                } catch (IOException cutOff) {
                    break; // the server closed it
                }
                probeEveryEventLoop();
            }
            assertThat(server.parley().pendingOutputBytes())
                    .as("bytes pending on the server for %d scrapes never read", PIPELINED * WAVES)
                    .isLessThanOrEqualTo(PENDING_BOUND);
        }
    }
}
