package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -HUP} on the packaged server, as an operator rotating a certificate does it: a new
 * TLS connection gets the new certificate, one opened before goes on chatting, a bad file keeps
 * the last good certificate and says why in one log line, and the process lives on.
 */
class TlsReloadE2E {

    @TempDir
    Path data;
    @TempDir
    Path logs;
    @TempDir
    Path live;
    @TempDir
    Path first;
    @TempDir
    Path second;

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

    private static TcdClient helo(Socket socket, int port, String name) {
        TcdClient client = TcdClient.connect(socket, port);
        client.send("HELO " + name + "\n");
        client.expect(TcdMessages.helo(name, port));
        return client;
    }

    @Test
    void sighupGivesNewConnectionsTheNewCertificateAndKeepsTheOpenOnes() throws Exception {
        TlsTestCertificates.make(first, "127.0.0.1");
        TlsTestCertificates.make(second, "127.0.0.1");
        install(first);
        try (ServerProcess server = ServerProcess.jar(data, logs, "serve", "--data", data.toString(), "--bind",
                "127.0.0.1", "--tcd", "off", "--line", "off", "--account", "off", "--directory", "off", "--web", "off", "--admin", "off",
                "--tcd-tls", "0", "--tls-cert", live.resolve("cert.pem").toString(),
                "--tls-key", live.resolve("key.pem").toString())) {
            int port = server.awaitPort("TCD TLS");
            Socket before = TlsClients.trusting(first.resolve("cert.pem")).socket();
            TcdClient old = helo(before, port, "before");

            install(second);
            server.hangUp();

            assertThat(server.awaitLogLine("TLS reloaded")).contains(fingerprintOf(second));
            Socket after = TlsClients.trusting(second.resolve("cert.pem")).socket();
            helo(after, port, "after");
            assertThat(presented(after)).isEqualTo(fingerprintOf(second));
            old.send("HELO still here\n");
            old.expect(TcdMessages.helo("still here", port));
            assertThat(presented(before)).isEqualTo(fingerprintOf(first));

            Files.writeString(live.resolve("cert.pem"), "not a certificate\n");
            server.hangUp();

            assertThat(server.awaitLogLine("TLS reload failed")).contains("still presenting " + live.resolve("cert.pem")
                    + " (SHA-256 " + fingerprintOf(second)).contains("no PEM certificate in it");
            Socket later = TlsClients.trusting(second.resolve("cert.pem")).socket();
            helo(later, port, "later");
            assertThat(presented(later)).isEqualTo(fingerprintOf(second));

            server.terminate();
            assertThat(server.awaitExit()).as("exit code; stderr:%n%s", server.stderr()).isZero();
        }
    }

    @Test
    void underNohupSighupStaysIgnoredAndTheLogSaysToPostReload() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/nohup")), "nohup is not installed");
        TlsTestCertificates.make(first, "127.0.0.1");
        install(first);
        List<String> command = List.of("/usr/bin/nohup", "java", "-jar",
                ServerProcess.home().resolve("server/target/parley.jar").toString(), "serve", "--data", data.toString(),
                "--bind", "127.0.0.1", "--tcd", "off", "--line", "off", "--account", "off", "--directory", "off",
                "--web", "off", "--admin", "off", "--tcd-tls", "0", "--tls-cert", live.resolve("cert.pem").toString(),
                "--tls-key", live.resolve("key.pem").toString());
        try (ServerProcess server = ServerProcess.start(command, data, logs)) {
            int port = server.awaitPort("TCD TLS");

            assertThat(server.awaitLogLine("SIGHUP")).contains("WARN").contains("SIGHUP is ignored in this process"
                    + " (started under nohup?); reload with POST /reload on the admin listener");
            server.hangUp(); // nohup exec'd the JVM: the same process, which the signal does not end
            helo(TlsClients.trusting(first.resolve("cert.pem")).socket(), port, "still here");

            server.terminate();
            assertThat(server.awaitExit()).as("exit code (a SIGHUP that ended it: 129); stderr:%n%s", server.stderr())
                    .isZero();
        }
    }
}
