package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dist/parley.service: systemd accepts it, and it keeps what operations.md promises (reload by
 * SIGHUP, a clean SIGTERM counted as success, the data directory the only place it writes).
 */
class SystemdUnitTest {

    private static final Path UNIT = Path.of("..", "dist", "parley.service");

    @TempDir
    Path dir;

    @Test
    void theUnitSaysWhatTheDocsPromise() throws Exception {
        List<String> lines = Files.readAllLines(UNIT);

        assertThat(lines).contains(
                "User=parley",
                "ExecStart=/usr/bin/java @/opt/parley/jvm.options $PARLEY_JAVA_OPTS -jar /opt/parley/parley.jar serve --config"
                        + " /etc/parley/parley.conf --data /var/lib/parley",
                "ExecReload=/bin/kill -HUP $MAINPID",
                "SuccessExitStatus=143",
                "Restart=on-failure",
                "NoNewPrivileges=yes",
                "ProtectSystem=strict",
                "ReadWritePaths=/var/lib/parley",
                "PrivateTmp=yes",
                "StateDirectoryMode=0700");
        assertThat(lines).anyMatch(line -> line.matches("LimitNOFILE=\\d{5,}"));
    }

    @Test
    void systemdAnalyzeVerifyFindsNothing() throws Exception {
        Path copy = Files.copy(UNIT, dir.resolve("parley.service")); // verify wants a unit file name it can load
        Process verify;
        try {
            verify = new ProcessBuilder("systemd-analyze", "verify", copy.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("systemd-analyze is not installed here");
            return;
        }
        String said = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(verify.exitValue()).as(said).isZero();
        assertThat(said).as("systemd-analyze's warnings").isEmpty();
    }
}
