package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.parley.testing.WireClient;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The web listener against a real server: its WebSocket at {@code /socket} carrying the line
 * protocol (IRCv3 WebSocket framing and subprotocols), its origin check, its static files and its
 * handling of {@code X-Forwarded-For}, with a real WebSocket client.
 */
class WebListenerTest {

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.startedByEachTest();

    private final List<WebSocketTestClient> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() {
        sockets.forEach(WebSocketTestClient::close);
    }

    /** These tests carry the line protocol, whatever {@code /socket} speaks by default. */
    private void start(Map<String, String> settings) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(Map.of(ServerConfig.WEB_SOCKET_PROTOCOL, "line"));
        all.putAll(settings);
        server.start(all);
    }

    private WebSocketTestClient socket(String subprotocols) throws Exception {
        return socket("127.0.0.1", subprotocols, Map.of());
    }

    private WebSocketTestClient socket(String source, String subprotocols, Map<String, String> headers) throws Exception {
        WebSocketTestClient client = WebSocketTestClient.connect(source, server.port("web"), "/socket", subprotocols, headers);
        sockets.add(client);
        return client;
    }

    @Test
    void aWebSocketUserAndATcpLineUserTalkInTheLobby() throws Exception {
        start(Map.of());
        WebSocketTestClient wally = socket("text.ircv3.net");
        assertThat(wally.status()).isEqualTo(101);
        wally.send("wally").send("hi from the browser");
        assertThat(wally.nextText()).isEqualTo("wally: hi from the browser");

        WireClient larry = server.connect("line").send("larry\nhello\n").expect("larry: hello\n");
        assertThat(wally.nextText()).isEqualTo("* larry joined lobby");
        assertThat(wally.nextText()).isEqualTo("larry: hello");
        wally.send("nice to meet you");
        larry.expect("wally: nice to meet you\n");
        assertThat(wally.nextText()).isEqualTo("wally: nice to meet you");
    }

    @Test
    void theSocketIsOneMoreUserOfTheCarriedProtocolWithItsSettings() throws Exception {
        start(Map.of(ServerConfig.LINE_ROOM, "games"));
        WireClient tcp = server.connect("line").send("tess\nin games\n").expect("tess: in games\n");
        WebSocketTestClient web = socket("text.ircv3.net");
        web.send("wendy").send("me too");
        tcp.expect("* wendy joined games\n").expect("wendy: me too\n");
    }

    @Test
    void anyLineFramedProtocolCanBeCarriedTcdIncluded() throws Exception {
        start(Map.of(ServerConfig.WEB_SOCKET_PROTOCOL, "tcd"));
        WebSocketTestClient web = socket("text.ircv3.net");
        web.send("HELO over a websocket");
        assertThat(web.nextText()).isEqualTo("HELO over a websocket");
        assertThat(web.nextText()).startsWith("IP:");
    }

    @ParameterizedTest(name = "offered {0}: {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "text.ircv3.net,binary.ircv3.net | text.ircv3.net | text",
        "binary.ircv3.net,text.ircv3.net | binary.ircv3.net | binary",
        "example.org/chat,binary.ircv3.net | binary.ircv3.net | binary",
        "none | none | text"})
    void theSubprotocolIsTheClientsFirstChoiceAndNoneMeansText(String offered, String chosen, String frames) throws Exception {
        start(Map.of());
        WebSocketTestClient client = socket(offered);
        assertThat(client.status()).isEqualTo(101);
        assertThat(client.subprotocol()).isEqualTo(chosen);
        client.send("sam").send("which frames?");
        WebSocketTestClient.Frame echo = client.next();
        assertThat(echo.kind()).isEqualTo(frames);
        assertThat(echo.text()).isEqualTo("sam: which frames?");
    }

    @Test
    void aTrailingLineEndIsDroppedAndEveryLineGoesOutAsAMessageWithoutOne() throws Exception {
        start(Map.of());
        WebSocketTestClient client = socket("text.ircv3.net");
        client.send("carla\r\n").send("with crlf\r\n").send("with lf\n");
        assertThat(client.nextText()).isEqualTo("carla: with crlf");
        assertThat(client.nextText()).isEqualTo("carla: with lf");
    }

    @Test
    void invalidUtf8InABinaryMessageIsReplacedAndNeverRelayedInATextFrame() throws Exception {
        start(Map.of());
        WebSocketTestClient reader = socket("text.ircv3.net");
        reader.send("reader").send("ready");
        assertThat(reader.nextText()).isEqualTo("reader: ready");
        WebSocketTestClient writer = socket("binary.ircv3.net");
        writer.sendBinary("writer".getBytes(StandardCharsets.UTF_8));
        assertThat(reader.nextText()).isEqualTo("* writer joined lobby");
        byte[] invalid = {'b', 'a', 'd', ' ', (byte) 0xff, ' ', (byte) 0xc0, (byte) 0xaf, ' ', (byte) 0xed, (byte) 0xa0, (byte) 0x80};
        writer.sendBinary(invalid);

        // The reader's client checks every text frame's UTF-8 (Netty's validator would fail it).
        WebSocketTestClient.Frame relayed = reader.next();
        assertThat(relayed.kind()).isEqualTo("text");
        assertThat(relayed.text()).startsWith("writer: bad ").contains("\uFFFD").doesNotContain("\u00ff");
        assertThat(relayed.text()).isEqualTo("writer: " + new String(invalid, StandardCharsets.UTF_8));
    }

    @Test
    void invalidUtf8InATextMessageClosesTheSocket() throws Exception {
        start(Map.of());
        WebSocketTestClient client = socket("text.ircv3.net");
        client.send("tina");
        client.channelForTests().writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {'x', (byte) 0xff})));
        WebSocketTestClient.Frame close = client.next();
        assertThat(close.kind()).isEqualTo("close");
        assertThat(close.status()).isEqualTo(1007);
    }

    @Test
    void aMessageOverTheLineLimitIsRefused() throws Exception {
        start(Map.of());
        WebSocketTestClient client = socket("text.ircv3.net");
        client.send("olga").send("fits");
        assertThat(client.nextText()).isEqualTo("olga: fits");
        client.send("x".repeat(16 * 1024 + 1)); // within the frame limit (room for CR LF), over the line's
        assertThat(client.nextText()).isEqualTo("* line too long (limit 16384 bytes)");
        assertThat(client.next().kind()).isEqualTo("eof");

        WebSocketTestClient big = socket("text.ircv3.net");
        big.send("bigger").send("x".repeat(16 * 1024 + 3)); // over the frame limit itself
        WebSocketTestClient.Frame close = big.next();
        assertThat(close.kind()).isEqualTo("close");
        assertThat(close.status()).isEqualTo(1009);
    }

    @Test
    void aPageFromAnotherOriginIsRefusedBeforeTheUpgrade() throws Exception {
        start(Map.of());
        int port = server.port("web");
        assertThat(socket("127.0.0.1", "text.ircv3.net", Map.of("Origin", "http://evil.example")).status()).isEqualTo(403);
        assertThat(socket("127.0.0.1", "text.ircv3.net", Map.of("Origin", "http://127.0.0.1:" + port)).status()).isEqualTo(101);
    }

    @Test
    void allowedOriginsCanListPagesOrAllowAll() throws Exception {
        start(Map.of("web.allowed-origins", "https://chat.example.org"));
        assertThat(socket("127.0.0.1", null, Map.of("Origin", "https://chat.example.org")).status()).isEqualTo(101);
        assertThat(socket("127.0.0.1", null, Map.of("Origin", "http://127.0.0.1:" + server.port("web"))).status()).isEqualTo(403);
        server.stop();
        start(Map.of("web.allowed-origins", "*"));
        assertThat(socket("127.0.0.1", null, Map.of("Origin", "http://evil.example")).status()).isEqualTo(101);
    }

    @Test
    void aClientThatDoesNotAnswerPingsIsClosed() throws Exception {
        start(Map.of("web.ping-interval-seconds", "1"));
        WebSocketTestClient silent = socket("text.ircv3.net");
        silent.dontAnswerPings();
        silent.send("sleepy");
        WebSocketTestClient.Frame close = silent.next();
        assertThat(close.kind()).isEqualTo("close");
        assertThat(close.status()).isEqualTo(1008);
        assertThat(silent.pings()).isPositive();
    }

    @Test
    void theWebClientsFilesAreServedWithTheirTypeAValidatorAndSecurityHeaders() throws Exception {
        start(Map.of());
        String index = get("/");
        assertThat(index).startsWith("HTTP/1.1 200 OK\r\n").contains("<title>Parley</title>");
        assertThat(header(index, "content-type")).isEqualTo("text/html; charset=utf-8");
        assertThat(header(index, "content-security-policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(header(index, "x-content-type-options")).isEqualTo("nosniff");
        assertThat(header(index, "referrer-policy")).isEqualTo("no-referrer");
        String etag = header(index, "etag");
        assertThat(etag).isNotEmpty();
        assertThat(request("GET / HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + etag + "\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 304 ");
        assertThat(header(get("/app.js"), "content-type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(header(get("/style.css"), "content-type")).isEqualTo("text/css; charset=utf-8");
        assertThat(get("/missing.html")).startsWith("HTTP/1.1 404 ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/../index.html", "/../web/index.html", "/%2e%2e/web/index.html", "/%2E%2E%2Fweb%2Findex.html",
        "/..%2fweb%2findex.html", "/%252e%252e/web/index.html", "/..\\web\\index.html", "/.%2e/web/index.html",
        "//web/index.html", "/./index.html", "/web/../web/index.html",
        "/../io/parley/protocol/web/WebModule.class", "/../../../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
        "/web", "/.hidden.html", "/index.html%00.js", "/%c0%ae%c0%ae/index.html"})
    void noPathLeavesTheWebFolder(String path) throws Exception {
        start(Map.of());
        String response = get(path);
        assertThat(response).doesNotStartWith("HTTP/1.1 200").doesNotContain("<title>Parley</title>")
                .doesNotContain("root:").doesNotContain("CAFEBABE");
        assertThat(response).matches("(?s)HTTP/1.1 (400|404) .*");
    }

    @Test
    void forwardedForIsBelievedFromATrustedProxyOnly() throws Exception {
        start(Map.of("web.trusted-proxies", "127.0.0.9, 10.0.0.0/8", ServerConfig.MAX_PER_ADDRESS, "1"));
        // Through the proxy: each client is counted under its own address, not the proxy's.
        WebSocketTestClient first = socket("127.0.0.9", null, Map.of("X-Forwarded-For", "203.0.113.7"));
        assertThat(first.status()).isEqualTo(101);
        first.send("viaproxy1").send("in");
        assertThat(first.nextText()).isEqualTo("viaproxy1: in");
        assertThat(socket("127.0.0.9", null, Map.of("X-Forwarded-For", "203.0.113.7")).status()).isEqualTo(503);
        // A client's own made-up entry on the left is not believed: the proxy's entry is.
        assertThat(socket("127.0.0.9", null, Map.of("X-Forwarded-For", "198.51.100.1, 203.0.113.7")).status())
                .isEqualTo(503);
        // Hops that are trusted proxies themselves are skipped.
        assertThat(socket("127.0.0.9", null, Map.of("X-Forwarded-For", "203.0.113.7, 10.1.2.3")).status())
                .isEqualTo(503);
        WebSocketTestClient other = socket("127.0.0.9", null, Map.of("X-Forwarded-For", "203.0.113.8"));
        assertThat(other.status()).isEqualTo(101);
        other.send("viaproxy2").send("in too");
        assertThat(other.nextText()).isEqualTo("viaproxy2: in too");

        // Anyone else's header is ignored: counted under its own address.
        WebSocketTestClient direct = socket("127.0.0.10", null, Map.of("X-Forwarded-For", "203.0.113.20"));
        assertThat(direct.status()).isEqualTo(101);
        direct.send("direct").send("here");
        assertThat(direct.nextText()).isEqualTo("direct: here");
        assertThat(socket("127.0.0.10", null, Map.of("X-Forwarded-For", "203.0.113.21")).status()).isIn(503, -1);
    }

    private String get(String path) throws Exception {
        return request("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    /** Sends a raw request (so no client tidies its path) and reads the answer to the close. */
    private String request(String raw) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port("web"))) {
            socket.setSoTimeout(WireClient.TIMEOUT_MS);
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String header(String response, String name) {
        for (String line : response.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return "";
    }
}
