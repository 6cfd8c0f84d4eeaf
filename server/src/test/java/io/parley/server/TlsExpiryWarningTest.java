package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up warning about a certificate's dates, at fixed moments of a 90-day certificate's life. */
class TlsExpiryWarningTest {

    @TempDir
    Path dir;

    private X509Certificate certificate;
    private Path file;

    @BeforeEach
    void make() throws Exception {
        TlsTestCertificates.make(dir, "localhost");
        file = dir.resolve("cert.pem");
        try (InputStream in = Files.newInputStream(file)) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    @Test
    void nothingToSayWhileItHasMoreThanTwoWeeksLeft() {
        assertThat(TlsContext.expiryWarning(certificate, file, notAfter().minus(Duration.ofDays(15)))).isEmpty();
    }

    @Test
    void warnsInItsLastTwoWeeks() {
        assertThat(TlsContext.expiryWarning(certificate, file, notAfter().minus(Duration.ofDays(3).plusHours(1))))
                .contains("the TLS certificate " + file + " expires at " + notAfter() + ", in 3 days; renew it and reload (kill -HUP, or POST /reload on the admin listener)");
    }

    @Test
    void warnsOnceExpired() {
        assertThat(TlsContext.expiryWarning(certificate, file, notAfter().plusSeconds(1)))
                .contains("the TLS certificate " + file + " expired at " + notAfter()
                        + "; clients will refuse it: renew it and reload (kill -HUP, or POST /reload on the admin listener)");
    }

    @Test
    void warnsBeforeItIsValid() {
        Instant notBefore = certificate.getNotBefore().toInstant();
        assertThat(TlsContext.expiryWarning(certificate, file, notBefore.minusSeconds(1)))
                .contains("the TLS certificate " + file + " is not valid before " + notBefore
                        + "; clients will refuse it until then: check this machine's clock");
    }
}
