package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.client.ClientTls;
import io.parley.client.account.AccountClient;
import io.parley.client.account.AccountTarget;
import io.parley.client.account.ClientHome;
import io.parley.client.directory.DirectoryClient;
import io.parley.client.directory.DirectoryClientSettings;
import io.parley.testing.ScriptedTerminal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal clients with {@code --tls} against a server's TLS ports: given the self-signed
 * certificate with {@code --tls-ca} they connect and work; without it, or dialling a name the
 * certificate does not have, they say why in one line instead of a stack trace.
 */
@Timeout(60)
class TlsTerminalClientsTest {

    @TempDir
    Path certificates;
    @TempDir
    Path home;

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.startedByEachTest();
    private final ScriptedTerminal screen = new ScriptedTerminal();
    private Thread client;

    @BeforeEach
    void start() throws Exception {
        TlsTestCertificates.make(certificates, "127.0.0.1");
        server.start(Map.of(
                ServerConfig.TLS_CERTIFICATE, certificates.resolve("cert.pem").toString(),
                ServerConfig.TLS_KEY, certificates.resolve("key.pem").toString(),
                ServerConfig.DIRECTORY_TLS_PORT, "0",
                ServerConfig.ACCOUNT_TLS_PORT, "0"));
    }

    @AfterEach
    void stop() throws Exception {
        screen.endInput();
        if (client != null) {
            client.join(ScriptedTerminal.TIMEOUT_MS);
        }
        screen.close();
    }

    private ClientTls trustingTheServersCertificate() throws IOException {
        return ClientTls.verifying(Optional.of(certificates.resolve("cert.pem")));
    }

    private void directoryClient(ClientTls tls) {
        DirectoryClientSettings settings = new DirectoryClientSettings("127.0.0.1", server.port("directory-tls"), "mel",
                Optional.empty(), DirectoryClientSettings.FIRST_REPLY_TIMEOUT, tls);
        client = new Thread(() -> new DirectoryClient(screen.terminal(), settings).run(), "directory-client");
        client.start();
        screen.expect("parley> ");
    }

    @Test
    void theDirectoryClientGivenTheCertificateWorksOverTls() throws Exception {
        directoryClient(trustingTheServersCertificate());

        screen.typeLine("connect");
        screen.expect("Connected to the directory server at 127.0.0.1:" + server.port("directory-tls") + ".");
        screen.typeLine("makeroom secure 239.0.0.9 5000");

        screen.expect("secure");
        assertThat(screen.screenText()).doesNotContain("Exception");
    }

    @Test
    void withoutTheCertificateTheDirectoryClientSaysItIsNotTrusted() throws Exception {
        directoryClient(ClientTls.verifying(Optional.empty())); // the system's trust store

        screen.typeLine("connect");

        String said = screen.expect("--tls-ca FILE");
        assertThat(said).contains("Cannot connect to 127.0.0.1:" + server.port("directory-tls")
                + ": the server's TLS certificate is not trusted: nothing in the system's trust store vouches for it;"
                + " give the CA (or the server's self-signed cert.pem) with --tls-ca FILE");
        assertThat(screen.screenText()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aCertificateForAnotherNameIsRefusedInOneLine() throws Exception {
        // The certificate names 127.0.0.1 only; the client dials it as localhost.
        assertThatThrownBy(() -> trustingTheServersCertificate().connect("localhost", server.port("account-tls"), 10_000))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("the server's TLS certificate is not for localhost (")
                .hasMessageEndingWith("); connect with a name the certificate has")
                .message().doesNotContain("\n");
    }

    @Test
    void aPlaintextPortIsToldApartFromAnUntrustedCertificate() {
        assertThatThrownBy(() -> trustingTheServersCertificate().connect("127.0.0.1", server.port("directory"), 10_000))
                .isInstanceOf(IOException.class)
                .message().contains("is it a plaintext port?").doesNotContain("\n");
    }

    @Test
    void theAccountClientLogsInOverTls() throws Exception {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        AccountClient account = new AccountClient(new AccountTarget("127.0.0.1", server.port("account-tls"), "alice"),
                new ClientHome(home), false, screen.terminal(), trustingTheServersCertificate());
        client = new Thread(() -> exit.complete(account.run()), "account-client");
        client.start();

        screen.expect("Enter password: ");
        screen.typeLine("alice-password");
        screen.expect("BM: Broadcast Messaging");
        screen.typeLine("EX");

        assertThat(exit.get(ScriptedTerminal.TIMEOUT_MS, TimeUnit.MILLISECONDS)).isEqualTo(AccountClient.EXIT_OK);
        assertThat(Files.exists(home.resolve("keys/alice.pem"))).isTrue();
    }

    @Test
    void theAccountClientWithoutTheCertificateSaysWhyAndFails() throws Exception {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        AccountClient account = new AccountClient(new AccountTarget("127.0.0.1", server.port("account-tls"), "alice"),
                new ClientHome(home), false, screen.terminal(), ClientTls.verifying(Optional.empty()));
        client = new Thread(() -> exit.complete(account.run()), "account-client");
        client.start();

        assertThat(exit.get(ScriptedTerminal.TIMEOUT_MS, TimeUnit.MILLISECONDS)).isEqualTo(AccountClient.EXIT_FAILED);
        assertThat(screen.expect("--tls-ca FILE")).contains("Cannot connect to 127.0.0.1:" + server.port("account-tls")
                + ": the server's TLS certificate is not trusted");
    }
}
