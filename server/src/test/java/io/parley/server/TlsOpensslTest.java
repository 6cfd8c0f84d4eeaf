package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What docs/operations.md shows an operator: {@code openssl s_client -quiet -tls1_3} against a
 * TCD TLS port, verifying the self-signed certificate, gets the HELO reply. Skipped (not failed)
 * where no {@code openssl} is on the PATH.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsOpensslTest {

    @RegisterExtension
    final ParleyExtension parley = ParleyExtension.startedByEachTest();
    @TempDir
    Path certificates;

    @Test
    void opensslSClientOverTls13VerifiesTheCertificateAndGetsTheHeloReply() throws Exception {
        assumeTrue(onPath("openssl"), "openssl is not installed");
        TlsTestCertificates.make(certificates, "127.0.0.1");
        Path certificate = certificates.resolve("cert.pem");
        ParleyServer server = parley.start(Map.of(
                ServerConfig.TLS_CERTIFICATE, certificate.toString(),
                ServerConfig.TLS_KEY, certificates.resolve("key.pem").toString(),
                ServerConfig.TCD_TLS_PORT, "0")).parley();
        int port = server.port("tcd-tls");
        Process openssl = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-tls1_3",
                "-quiet", "-CAfile", certificate.toString(), "-verify_return_error", "-verify_ip", "127.0.0.1")
                .redirectError(certificates.resolve("openssl.err").toFile())
                .start();
        try {
            try (OutputStream in = openssl.getOutputStream()) {
                in.write("HELO from openssl\n".getBytes(StandardCharsets.US_ASCII));
            }
            List<String> lines = new ArrayList<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(openssl.getInputStream(), StandardCharsets.UTF_8));
            while (lines.size() < 4) { // the HELO reply's four lines; s_client -quiet stays connected after
                String line = out.readLine();
                if (line == null) {
                    break;
                }
                lines.add(line);
            }

            assertThat(String.join("\n", lines) + "\n").as(Files.readString(certificates.resolve("openssl.err"))).isEqualTo(TcdMessages.helo("from openssl", port));
        } finally {
            openssl.destroy();
            openssl.waitFor(10, TimeUnit.SECONDS);
            server.stop();
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
