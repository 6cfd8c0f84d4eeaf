package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replacing the certificate while clients chat: after {@code POST /reload} on the admin listener a
 * new TLS connection is shown the new certificate while one opened before keeps its session and
 * goes on; files that cannot be used keep the last good certificate, and the answer says why.
 */
@Timeout(60)
class TlsReloadTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path live;
    @TempDir
    Path first;
    @TempDir
    Path second;

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.startedByEachTest();

    @BeforeEach
    void start() throws Exception {
        TlsTestCertificates.make(first, "127.0.0.1");
        TlsTestCertificates.make(second, "127.0.0.1");
        install(first);
        server.start(Map.of(
                ServerConfig.TLS_CERTIFICATE, live.resolve("cert.pem").toString(),
                ServerConfig.TLS_KEY, live.resolve("key.pem").toString(),
                ServerConfig.TCD_TLS_PORT, "0",
                ServerConfig.ADMIN_PORT, "0"));
    }

    /** Puts {@code dir}'s certificate and key where the server reads them, as a renewal would. */
    private void install(Path dir) throws Exception {
        Files.copy(dir.resolve("cert.pem"), live.resolve("cert.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dir.resolve("key.pem"), live.resolve("key.pem"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String fingerprintOf(Path dir) throws Exception {
        return TlsContext.read(dir.resolve("cert.pem"), dir.resolve("key.pem")).fingerprint();
    }

    private static String presented(Socket socket) throws Exception {
        return TlsContext.sha256Fingerprint((X509Certificate) ((SSLSocket) socket).getSession().getPeerCertificates()[0]);
    }

    private HttpResponse<String> postReload() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.parley().adminPort() + "/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A TCD client on the TLS port through {@code socket}, past its HELO. */
    private TcdClient helo(Socket socket, String name) {
        int port = server.port("tcd-tls");
        TcdClient client = TcdClient.connect(socket, port);
        client.send("HELO " + name + "\n");
        client.expect(TcdMessages.helo(name, port));
        return client;
    }

    @Test
    void aNewConnectionGetsTheNewCertificateAndAnOpenOneGoesOn() throws Exception {
        Socket before = TlsClients.trusting(first.resolve("cert.pem")).socket();
        TcdClient old = helo(before, "before");
        install(second);

        HttpResponse<String> reloaded = postReload();

        assertThat(reloaded.statusCode()).isEqualTo(200);
        assertThat(reloaded.body()).startsWith("TLS reloaded, new connections get ").contains(fingerprintOf(second));
        Socket after = TlsClients.trusting(second.resolve("cert.pem")).socket();
        helo(after, "after");
        assertThat(presented(after)).isEqualTo(fingerprintOf(second));
        assertThat(presented(before)).isEqualTo(fingerprintOf(first));
        old.send("HELO still here\n");
        old.expect(TcdMessages.helo("still here", server.port("tcd-tls")));
    }

    @Test
    void opensslSeesTheNewCertificateAfterTheReload() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")) || Files.isExecutable(Path.of("/bin/openssl")),
                "openssl is not installed");
        install(second);
        assertThat(postReload().statusCode()).isEqualTo(200);

        // What docs/operations.md tells an operator to run to see the certificate a server presents.
        Process openssl = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + server.port("tcd-tls"),
                "-CAfile", second.resolve("cert.pem").toString(), "-verify_return_error", "-verify_ip", "127.0.0.1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        openssl.getOutputStream().close(); // no input: it prints the session and leaves
        String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(openssl.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(openssl.exitValue()).as("verified against the new certificate:%n%s", out).isZero();
        int begin = out.indexOf("-----BEGIN CERTIFICATE-----");
        int end = out.indexOf("-----END CERTIFICATE-----") + "-----END CERTIFICATE-----".length();
        X509Certificate shown = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(out.substring(begin, end).getBytes(StandardCharsets.US_ASCII)));
        assertThat(TlsContext.sha256Fingerprint(shown)).isEqualTo(fingerprintOf(second));
    }

    @Test
    void aKeyThatCannotBeReadKeepsTheLastGoodCertificateAndSaysWhy() throws Exception {
        install(second);
        Files.writeString(live.resolve("key.pem"), "not a key\n");

        HttpResponse<String> refused = postReload();

        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.body()).startsWith("TLS reload failed, still presenting " + live.resolve("cert.pem")
                + " (SHA-256 " + fingerprintOf(first)).contains("cannot read the TLS key " + live.resolve("key.pem")
                + ": no PEM private key in it").endsWith("\n").hasLineCount(1);
        Socket socket = TlsClients.trusting(first.resolve("cert.pem")).socket();
        helo(socket, "later");
        assertThat(presented(socket)).isEqualTo(fingerprintOf(first));
    }

    @Test
    void aCertificateAndKeyThatDoNotBelongTogetherAreRefused() throws Exception {
        Files.copy(second.resolve("key.pem"), live.resolve("key.pem"), StandardCopyOption.REPLACE_EXISTING);

        HttpResponse<String> refused = postReload();

        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.body()).contains("is not the key of the certificate");
        Socket socket = TlsClients.trusting(first.resolve("cert.pem")).socket();
        helo(socket, "later");
        assertThat(presented(socket)).isEqualTo(fingerprintOf(first));
    }

    @Test
    void reloadAnswersOnlyPost() throws Exception {
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.parley().adminPort() + "/reload")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void aGetWhoseTargetSpellsThePostActionDoesNotReload() throws Exception {
        install(second);

        // "POST%20/reload" decodes to "POST /reload": the way the table names the POST action.
        String answer;
        try (Socket admin = new Socket("127.0.0.1", server.parley().adminPort())) {
            admin.getOutputStream().write(("GET POST%20/reload HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            answer = new String(admin.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }

        assertThat(answer).startsWith("HTTP/1.1 404 ");
        Socket socket = TlsClients.trusting(first.resolve("cert.pem")).socket();
        helo(socket, "later");
        assertThat(presented(socket)).isEqualTo(fingerprintOf(first));
    }
}
