package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.bench.BenchCommand;
import io.parley.bench.testing.BenchRuns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code parley bench --tls} against a server's TLS ports: given the self-signed certificate with
 * {@code --tls-ca} a small run delivers everything it owes; without it the run stops at the first
 * join and says in one line that the certificate is not trusted.
 */
class BenchTlsTest {

    @TempDir
    Path certificates;
    @TempDir
    Path results;

    @RegisterExtension
    final ParleyExtension server = ParleyExtension.startedByEachTest();

    @BeforeEach
    void start() throws Exception {
        TlsTestCertificates.make(certificates, "127.0.0.1");
        server.start(Map.of(
                ServerConfig.TLS_CERTIFICATE, certificates.resolve("cert.pem").toString(),
                ServerConfig.TLS_KEY, certificates.resolve("key.pem").toString(),
                ServerConfig.TCD_TLS_PORT, "0",
                ServerConfig.LINE_TLS_PORT, "0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcd", "line"})
    void aSmallRunOverTlsDeliversEverything(String protocol) throws Exception {
        BenchRuns.runAndCheck(results.resolve(protocol + ".json"), List.of("--protocol", protocol, "--workload", "W3",
                "--port", Integer.toString(server.port(protocol + "-tls")), "--connections", "8", "--rooms", "1",
                "--senders", "2", "--rate", "100", "--in-flight", "4", "--duration", "1", "--warmup", "0",
                "--tls-ca", certificates.resolve("cert.pem").toString()));
    }

    @Test
    void withoutTheCertificateTheRunStopsSayingItIsNotTrusted() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream before = System.err;
        int exit;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(new BenchCommand()).execute("--protocol", "tcd", "--workload", "W3",
                    "--port", Integer.toString(server.port("tcd-tls")), "--connections", "4", "--rooms", "1",
                    "--senders", "1", "--rate", "10", "--duration", "1", "--warmup", "0", "--tls",
                    "--out", results.resolve("refused.json").toString());
        } finally {
            System.setErr(before);
        }

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("parley bench: a member could not join: ")
                .contains("the server's TLS certificate is not trusted: nothing in the system's trust store vouches"
                        + " for it; give the CA (or the server's self-signed cert.pem) with --tls-ca FILE")
                .doesNotContain("\tat ");
    }
}
