package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --<protocol>-tls} listeners over real sockets: a JDK client that trusts only the
 * certificate {@code parley tls self-signed} wrote speaks TCD and the line protocol through
 * them; a plaintext client and a TLS 1.1 client are turned away at the handshake.
 */
@Timeout(60)
class TlsListenersTest {

    @TempDir
    Path certificates;

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.startedByEachTest();
    private TlsClients clients;
    private final ByteArrayOutputStream status = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        TlsTestCertificates.make(certificates, "127.0.0.1");
        clients = TlsClients.trusting(certificates.resolve("cert.pem"));
        server.start(Map.of(
                ServerConfig.TLS_CERTIFICATE, certificates.resolve("cert.pem").toString(),
                ServerConfig.TLS_KEY, certificates.resolve("key.pem").toString(),
                ServerConfig.TCD_TLS_PORT, "0",
                ServerConfig.LINE_TLS_PORT, "0",
                ServerConfig.DIRECTORY_TLS_PORT, "0",
                ServerConfig.ACCOUNT_TLS_PORT, "0",
                ServerConfig.ADMIN_PORT, "0"), new PrintStream(status, true, StandardCharsets.UTF_8));
    }

    @Test
    void eachTlsListenerSaysSoInItsStatusLine() {
        assertThat(status.toString(StandardCharsets.UTF_8))
                .contains("TCD protocol (TLS) listening on port " + server.port("tcd-tls") + " (127.0.0.1)")
                .contains("Line protocol (TLS) listening on port " + server.port("line-tls") + " (127.0.0.1), room lobby")
                .contains("Chat Room Directory Server (TLS) listening on port " + server.port("directory-tls") + " ...");
    }

    @Test
    void aDirectoryRoomMadeOverTlsIsListedToAPlaintextClient() {
        WireClient secure = WireClient.connect(clients.socket(), server.port("directory-tls"));
        secure.send("makeroom secret 239.0.0.7 5000\n").expect("OK room secret created\n");

        WireClient plain = WireClient.connect(server.port("directory"));
        plain.send("getdir\n").expect("OK 1\n");
        assertThat(plain.readLine()).startsWith("secret ");
    }

    @Test
    void tcdOverTls13HelloAndJoinAnswerAsInPlaintext() {
        int port = server.port("tcd-tls");
        Socket socket = clients.socket();
        TcdClient client = TcdClient.connect(socket, port);

        client.send("HELO over tls\n");
        client.expect(TcdMessages.helo("over tls", port));
        TcdClient.Joined joined = client.join("secure", "alice");

        assertThat(((SSLSocket) socket).getSession().getProtocol()).isEqualTo("TLSv1.3");

        // The room is the one a plaintext client joins by that name; each sees the other.
        TcdClient plain = server.connectTcd();
        assertThat(plain.join("secure", "bob").ref()).as("the room's ref in plaintext").isEqualTo(joined.ref());
        client.expect(TcdMessages.joinedAnnouncement(joined.ref(), "bob"));
    }

    @Test
    void tls12IsAcceptedToo() {
        int port = server.port("tcd-tls");
        Socket socket = clients.socket("TLSv1.2");
        TcdClient client = TcdClient.connect(socket, port);

        client.send("HELO twelve\n");
        client.expect(TcdMessages.helo("twelve", port));
        assertThat(((SSLSocket) socket).getSession().getProtocol()).isEqualTo("TLSv1.2");
        assertThat(((SSLSocket) socket).getSession().getCipherSuite()).contains("_GCM_");
    }

    @Test
    void aLineChatReachesPlaintextAndTlsMembersOfTheSameRoom() {
        WireClient alice = WireClient.connect(clients.socket(), server.port("line-tls")).send("alice\n");
        alice.send("(alice is here)\n").expect("alice: (alice is here)\n");
        WireClient bob = WireClient.connect(server.port("line")).send("bob\n");
        bob.send("(bob is here)\n").expect("bob: (bob is here)\n");
        alice.expect("* bob joined lobby\n").expect("bob: (bob is here)\n");

        alice.send("hello over tls\n");

        alice.expect("alice: hello over tls\n");
        bob.expect("alice: hello over tls\n");
    }

    @Test
    void accountUsersOnTheTlsAndThePlaintextPortSeeEachOtherOnline() throws Exception {
        AccountWire alice = AccountWire.login(clients.socket(), server.port("account-tls"), "alice", "alice-password");
        AccountWire bob = AccountWire.login(server.port("account"), "bob", "bob-password-1");

        alice.wire.send("C PM\n").expect("C USERS bob\n");
        bob.wire.send("C PM\n").expect("C USERS alice\n");
    }

    @Test
    void aPlaintextClientOnTheTlsPortIsClosedAtOnceWithoutAReply() throws IOException {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("127.0.0.1", server.port("tcd-tls")), 5000);
            // Well under the handshake timeout: the server closes on the first bytes, not on the clock.
            plain.setSoTimeout((int) TlsContext.HANDSHAKE_TIMEOUT_MS / 2);
            plain.getOutputStream().write("HELO plain\n".getBytes(StandardCharsets.US_ASCII));

            String received = new String(plain.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(received).doesNotContain("HELO").doesNotContain("StudentID");
        }
    }

    @Test
    void aFailedHandshakeIsCountedForItsProtocol() throws Exception {
        Scrape before = Scrape.of(server.parley());
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("127.0.0.1", server.port("tcd-tls")), 5000);
            plain.getOutputStream().write("HELO plain\n".getBytes(StandardCharsets.US_ASCII));
            plain.getInputStream().readAllBytes(); // until the server closes, after counting
        }
        WireClient.connect(clients.socket(), server.port("line-tls")).send("alice\n").send("hi\n").expect("alice: hi\n");

        Scrape after = Scrape.of(server.parley());

        assertThat(after.since(before, "parley_tls_handshakes_failed_total{protocol=\"tcd\"}")).isEqualTo(1);
        assertThat(after.text).contains("parley_tls_handshakes_failed_total{protocol=\"line\"} 0.0");
    }

    @Test
    void aConnectAndCloseProbeIsNotAFailedHandshake() throws Exception {
        String tcd = "{protocol=\"tcd\"}";
        Scrape before = Scrape.of(server.parley());
        for (int i = 0; i < 3; i++) {
            try (Socket probe = new Socket()) { // what a load balancer's check or nc -z does
                probe.connect(new InetSocketAddress("127.0.0.1", server.port("tcd-tls")), 5000);
            }
        }
        // The server closes a probe's connection after its handshake's outcome: wait for that.
        long deadline = System.nanoTime() + 10_000_000_000L;
        Scrape seen;
        do {
            seen = Scrape.of(server.parley());
        } while ((seen.since(before, "parley_connections_accepted_total" + tcd) < 3
                || seen.value("parley_connections_open" + tcd) > 0) && System.nanoTime() < deadline);
        assertThat(seen.since(before, "parley_connections_accepted_total" + tcd)).isEqualTo(3);
        assertThat(seen.value("parley_connections_open" + tcd)).isZero();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("127.0.0.1", server.port("tcd-tls")), 5000);
            plain.getOutputStream().write("HELO plain\n".getBytes(StandardCharsets.US_ASCII));
            plain.getInputStream().readAllBytes(); // until the server closes, after counting
        }

        Scrape after = Scrape.of(server.parley());

        assertThat(after.since(before, "parley_tls_handshakes_failed_total" + tcd)).isEqualTo(1);
    }

    @Test
    void aTls11ClientGetsAProtocolVersionAlertAndNoServerHello() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port("tcd-tls")), 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(TLS11_CLIENT_HELLO);

            byte[] reply = socket.getInputStream().readAllBytes();

            // A TLS alert record (21) at fatal level (2) saying protocol_version (70), then the end.
            assertThat(reply).hasSizeGreaterThanOrEqualTo(7);
            assertThat(reply[0]).as("record type: alert, not a ServerHello's handshake (22)").isEqualTo((byte) 21);
            assertThat(reply[5]).as("alert level: fatal").isEqualTo((byte) 2);
            assertThat(reply[6]).as("alert: protocol_version").isEqualTo((byte) 70);
        }
    }

    /**
     * A ClientHello that offers TLS 1.1 at most, written out by hand: the JDK's own client will
     * not send one, since TLS 1.1 is disabled in the JDK.
     */
    private static final byte[] TLS11_CLIENT_HELLO = clientHello11();

    private static byte[] clientHello11() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {3, 2}); // client_version: TLS 1.1
        body.writeBytes(new byte[32]); // random
        body.write(0); // no session id
        // TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, TLS_RSA_WITH_AES_128_CBC_SHA
        body.writeBytes(new byte[] {0, 4, (byte) 0xc0, 0x13, 0, 0x2f});
        body.writeBytes(new byte[] {1, 0}); // compression: null only
        byte[] hello = body.toByteArray();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes(new byte[] {22, 3, 1, 0, (byte) (hello.length + 4)}); // handshake record
        record.writeBytes(new byte[] {1, 0, 0, (byte) hello.length}); // ClientHello
        record.writeBytes(hello);
        return record.toByteArray();
    }
}
