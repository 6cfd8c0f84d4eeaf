package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.DefaultEventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ServerTls} says on its own: a refused reload's one line, and the expiry check it repeats. */
@Timeout(30)
class ServerTlsTest {

    @TempDir
    Path dir;

    /** A clock whose time the test sets. */
    private static final class SetClock extends Clock {
        volatile Instant now;

        SetClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void aRefusedReloadLogsOneLineAndKeepsTheCertificate() throws Exception {
        TlsTestCertificates.make(dir, "localhost");
        List<String> warnings = new CopyOnWriteArrayList<>();
        ServerTls tls = new ServerTls(dir.resolve("cert.pem"), dir.resolve("key.pem"), Clock.systemUTC(), warnings::add);
        String fingerprint = tls.identity().fingerprint();
        Files.delete(dir.resolve("cert.pem"));

        assertThatThrownBy(() -> tls.reload().join()).isInstanceOf(CompletionException.class)
                .hasRootCauseInstanceOf(StartupException.class);

        assertThat(warnings).singleElement().asString()
                .startsWith("TLS reload failed, still presenting " + dir.resolve("cert.pem") + " (SHA-256 " + fingerprint)
                .contains("cannot read the TLS certificate " + dir.resolve("cert.pem") + ": no such file")
                .doesNotContain("\n");
        assertThat(tls.identity().fingerprint()).isEqualTo(fingerprint);
    }

    @Test
    void theExpiryIsCheckedAgainOnSchedule() throws Exception {
        TlsTestCertificates.make(dir, "localhost");
        Instant notAfter = TlsContext.read(dir.resolve("cert.pem"), dir.resolve("key.pem")).certificate().getNotAfter()
                .toInstant();
        SetClock clock = new SetClock(notAfter.minus(Duration.ofDays(30)));
        BlockingQueue<String> warnings = new LinkedBlockingQueue<>();
        ServerTls tls = new ServerTls(dir.resolve("cert.pem"), dir.resolve("key.pem"), clock, warnings::add);
        assertThat(warnings).as("nothing to say a month ahead").isEmpty();
        DefaultEventLoopGroup loop = new DefaultEventLoopGroup(1);
        try {
            clock.now = notAfter.minus(Duration.ofDays(3).plusHours(1)); // the days pass
            // The server checks daily; a millisecond here stands for a day.
            tls.checkExpiryDaily(loop, Duration.ofMillis(1));

            String warning = warnings.poll(20, TimeUnit.SECONDS);

            assertThat(warning).isEqualTo("the TLS certificate " + dir.resolve("cert.pem") + " expires at " + notAfter
                    + ", in 3 days; renew it and reload (kill -HUP, or POST /reload on the admin listener)");
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
