package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley tls self-signed}: a certificate clients can check the host against, and a private key. */
class TlsSelfSignedCommandTest {

    @TempDir
    Path dir;

    private int run(StringWriter err, String... args) {
        return Main.commandLine().setOut(new PrintWriter(new StringWriter(), true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void writesA90DayEcdsaCertificateForTheHostAndAnOwnerOnlyKey() throws Exception {
        Path out = dir.resolve("tls");
        assertThat(run(new StringWriter(), "tls", "self-signed", "--host", "chat.example.org", "--out", out.toString()))
                .isZero();

        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(out.resolve("cert.pem"))) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(2, "chat.example.org"));
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(certificate.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // serverAuth
        Duration validity = Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        assertThat(validity).isEqualTo(Duration.ofDays(90));
        assertThat(certificate.getNotBefore().toInstant()).isBefore(Instant.now());
        certificate.verify(certificate.getPublicKey()); // self-signed, by the key next to it
        assertThat(Files.readString(out.resolve("key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("key.pem"))))
                .isEqualTo("rw-------");
        TlsContext.load(out.resolve("cert.pem"), out.resolve("key.pem")); // the server takes them
    }

    @Test
    void anIpAddressBecomesAnIpAddressName() throws Exception {
        assertThat(run(new StringWriter(), "tls", "self-signed", "--host", "127.0.0.1", "--out", dir.toString())).isZero();

        try (InputStream in = Files.newInputStream(dir.resolve("cert.pem"))) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(7, "127.0.0.1"));
        }
    }

    @Test
    void neverOverwritesAnExistingKey() throws Exception {
        Files.writeString(dir.resolve("key.pem"), "the operator's real key\n");
        StringWriter err = new StringWriter();

        assertThat(run(err, "tls", "self-signed", "--host", "localhost", "--out", dir.toString())).isEqualTo(1);

        assertThat(err.toString()).isEqualTo(dir.resolve("key.pem") + " already exists; move it away, or give --out"
                + " another directory" + System.lineSeparator());
        assertThat(Files.readString(dir.resolve("key.pem"))).isEqualTo("the operator's real key\n");
        assertThat(dir.resolve("cert.pem")).doesNotExist();
    }
}
