package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The TCP listeners' protections hold for a WebSocket at {@code /socket} too (issue 15: "same
 * limits as the TCP listener"): a flooder's reads are paused for its request rate while it is
 * still served, and a client that stops reading is dropped once its pending output passes the cap
 * while everyone else gets everything. The frame size and per-address caps are in
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
    void aWebSocketThatStopsReadingIsDroppedAndTheOthersGetEverything() throws Exception {
        // The talker floods on purpose; its rate limit is raised so only the sleeper is under test.
        start(ServerConfig.MAX_PENDING_OUTPUT_BYTES, Integer.toString(CAP),
                ServerConfig.MAX_REQUESTS_PER_SECOND, "1000000", ServerConfig.REQUEST_BURST, "1000000",
                ServerConfig.MAX_WAITING_REQUESTS, "1000000");
        try (WireClient talker = server.connect("line")) {
            talker.send("talker\nready\n");
            readUntil(talker, "talker: ready");
            try (Socket sleeper = sleepingWebSocket("sleeper")) {
                readUntil(talker, "* sleeper joined lobby");
                talkPastTheSleeper(talker, sleeper);
            }
        }
    }

    /**
     * The talker says {@link #MESSAGES} lines while the sleeper reads nothing: the talker gets them
     * all, the sleeper is cut off, and what reached it before is the room's lines in order.
     */
    private void talkPastTheSleeper(WireClient talker, Socket sleeper) throws Exception {
        // The talker keeps up with its own echoes a hundred lines at a time, so only the
        // sleeper falls behind, by far more than its cap and the kernel's buffers.
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
        assertThat(sleeperLeft).as("the sleeper was dropped").isTrue();
        assertThat(Scrape.of(server.parley()).value("parley_slow_reader_disconnects_total{protocol=\"web\"}"))
                .as("the sleeper, and only it, in the metrics").isEqualTo(1);

        // Waking up, the sleeper reads the room's lines from the first, in order and without
        // a hole, up to where it was cut off, and then the end of the connection.
        sleeper.setSoTimeout(WireClient.TIMEOUT_MS);
        DataInputStream in = new DataInputStream(new BufferedInputStream(sleeper.getInputStream()));
        int got = 0;
        for (String line = nextText(in); line != null; line = nextText(in)) {
            assertThat(line).isEqualTo("talker: " + got + " " + text);
            got++;
        }
        assertThat(got).as("lines the sleeper received before it was dropped").isBetween(1, MESSAGES - 1);
    }

    /**
     * The next text message from the server (unmasked, unfragmented), or null at the end of the
     * connection: a frame it cuts short is no message, as a browser would have it.
     */
    private static String nextText(DataInputStream in) throws Exception {
        try {
            int opcode = in.readUnsignedByte();
            int length = in.readUnsignedByte();
            long size = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
            byte[] payload = new byte[Math.toIntExact(size)];
            in.readFully(payload);
            assertThat(opcode).as("a whole text frame").isEqualTo(0x81);
            return new String(payload, StandardCharsets.UTF_8);
        } catch (EOFException end) {
            return null;
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
