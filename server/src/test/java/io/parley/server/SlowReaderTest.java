package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * line.md point 8: a member that never reads is dropped once its outbound buffer passes the cap;
 * the others keep receiving everything.
 */
class SlowReaderTest {

    /** Large enough that the talker, reading as fast as a test thread can, is never dropped. */
    private static final int CAP = 1024 * 1024;
    /** Far more than the cap plus the kernel's socket buffers on loopback. */
    private static final int MESSAGES = 12_000;

    @TempDir
    Path data;

    private ParleyServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(data, Map.of(ServerConfig.MAX_PENDING_OUTPUT_BYTES, Integer.toString(CAP)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aMemberThatNeverReadsIsDroppedAndTheOthersGetEverything() throws Exception {
        Socket tinyWindow = new Socket();
        tinyWindow.setReceiveBufferSize(4096);
        try (WireClient sleeper = WireClient.connect(tinyWindow, server.port("line"));
                WireClient talker = WireClient.connect(server.port("line"))) {
            sleeper.send("sleeper\nawake\n").expect("sleeper: awake\n");
            talker.send("talker\nready\n").expect("talker: ready\n");

            String text = "x".repeat(1000);
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < MESSAGES; i++) {
                    talker.send(i + " " + text + "\n");
                }
            });
            for (int i = 0; i < MESSAGES; i++) {
                assertThat(talker.readLine()).isEqualTo("talker: " + i + " " + text);
            }
            sending.get(WireClient.TIMEOUT_MS, TimeUnit.MILLISECONDS);

            int sleeperGot = sleeper.drainLinesUntilEof();
            assertThat(sleeperGot).as("lines the sleeper received before it was dropped").isLessThan(MESSAGES);
        }
    }
}
