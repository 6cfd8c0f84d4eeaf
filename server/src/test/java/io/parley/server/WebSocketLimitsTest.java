package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The TCP listeners' protections hold for a WebSocket at {@code /socket} too (issue 15: "same
 * limits as the TCP listener"): a flooder's reads are paused for its request rate while it is
 * still served, and a client that stops reading should be dropped once its pending output passes
 * the cap while everyone else gets everything (disabled: it is not yet, see docs/web.md). The frame size and per-address caps are in
 * {@link WebListenerTest}. The socket carries the line protocol here, so a TCP line user shares
 * the room.
 */
class WebSocketLimitsTest {

    private static final int CAP = 256 * 1024;
    /** Far more than the cap plus the kernel's socket buffers on loopback. */
    private static final int MESSAGES = 12_000;

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.startedByEachTest();

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private void start(String... keysAndValues) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(ServerConfig.WEB_SOCKET_PROTOCOL, "line", ServerConfig.ADMIN_PORT, "0"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            settings.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        server.start(settings);
    }

    @Test
    void aWebSocketFlooderIsSlowedAndStillServedWhileOthersTalk() throws Exception {
        start();
        try (WebSocketTestClient flooder = WebSocketTestClient.connect(server.port("web"), "text.ircv3.net", Map.of());
                WireClient polite = server.connect("line")) {
            flooder.send("flooder").send("ready");
            assertThat(flooder.nextText()).isEqualTo("flooder: ready");
            polite.send("polite\n");
            AtomicBoolean flooding = new AtomicBoolean(true);
            threads.execute(() -> {
                while (flooding.get()) {
                    flooder.send("flood"); // blocks while the server does not read: TCP pushes back
                }
            });
            try {
                awaitThrottled("web");
                polite.send("still talking beside it\n");
                readUntil(polite, "polite: still talking beside it");
            } finally {
                flooding.set(false);
            }
            // The flooder was slowed, not dropped: it hears the polite line after its own flood.
            String heard;
            do {
                heard = flooder.nextText();
                assertThat(heard).as("what the flooder hears").doesNotStartWith("* flooder");
            } while (!heard.equals("polite: still talking beside it"));
        }
    }

    @Test
    @Disabled("Known problem (docs/web.md, 'Known problems'): the sleeper is never dropped; its output stays just"
            + " under the cap and the lines past the first ~900 never reach it")
    void aWebSocketThatStopsReadingIsDroppedAndTheOthersGetEverything() throws Exception {
        // The talker floods on purpose; its rate limit is raised so only the sleeper is under test.
        start(ServerConfig.MAX_PENDING_OUTPUT_BYTES, Integer.toString(CAP),
                ServerConfig.MAX_REQUESTS_PER_SECOND, "1000000", ServerConfig.REQUEST_BURST, "1000000",
                ServerConfig.MAX_WAITING_REQUESTS, "1000000");
        try (WireClient talker = server.connect("line")) {
            talker.send("talker\nready\n");
            readUntil(talker, "talker: ready");
            Socket sleeper = sleepingWebSocket("sleeper");
            readUntil(talker, "* sleeper joined lobby");

            boolean sleeperLeft = false;
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
                        sleeperLeft = true;
                        line = talker.readLine(); // the sleeper was dropped: presence, not a message
                    }
                    assertThat(line).isEqualTo("talker: " + i + " " + text);
                }
            }
            sleeper.close();
            assertThat(sleeperLeft).as("the sleeper was dropped").isTrue();
            assertThat(Scrape.of(server.parley()).value("parley_slow_reader_disconnects_total{protocol=\"web\"}"))
                    .as("the sleeper, and only it, in the metrics").isEqualTo(1);
        }
    }

    /**
     * A WebSocket (text.ircv3.net) with a small receive window that says its name and then never
     * reads again: a plain socket, so nothing below the test reads for it.
     */
    private Socket sleepingWebSocket(String name) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", server.port("web")));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /socket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: text.ircv3.net\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("the upgrade's answer").isNotNegative();
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        byte[] payload = name.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[6 + payload.length]; // FIN + text, masked with the key 0 0 0 0
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(payload, 0, frame, 6, payload.length);
        out.write(frame);
        out.flush();
        return socket;
    }

    /** Waits until the server has paused a {@code protocol} connection's reads for its request rate. */
    private void awaitThrottled(String protocol) throws Exception {
        String series = "parley_flood_throttles_total{protocol=\"" + protocol + "\"}";
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WireClient.TIMEOUT_MS);
        while (Scrape.of(server.parley()).value(series) < 1) {
            assertThat(System.nanoTime() - deadline).as("the flooder's reads paused for its rate within %d ms",
                    WireClient.TIMEOUT_MS).isNegative();
        }
    }

    private static void readUntil(WireClient line, String wanted) {
        while (!line.readLine().equals(wanted)) {
            // other lines of the room
        }
    }
}
