package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --tls} options the bench cannot honour are refused before any connection, in one line:
 * a line run over TLS in several rooms (rooms 2..n would be the plaintext extra listeners), and
 * {@code --tls} without {@code --port} (the default ports are the plaintext ones).
 */
class TlsOptionsTest {

    private final StringWriter err = new StringWriter();

    private int bench(String... args) {
        return new CommandLine(new BenchCommand()).setErr(new PrintWriter(err, true)).execute(args);
    }

    /** The error picocli printed first, before the usage help. */
    private String error() {
        return err.toString().lines().findFirst().orElse("");
    }

    @Test
    void aLineRunOverTlsInSeveralRoomsIsRefused() {
        int exit = bench("--protocol", "line", "--workload", "W3", "--port", "7721", "--rooms", "2",
                "--connections", "4", "--senders", "1", "--tls");

        assertThat(exit).isEqualTo(2);
        assertThat(error()).isEqualTo("--tls with --protocol line takes --rooms 1: the line protocol has one TLS port"
                + " (--line-tls), serving line.room; rooms 2.. would be plaintext ports");
    }

    @Test
    void tlsWithoutAPortIsRefused() {
        int exit = bench("--protocol", "tcd", "--workload", "W3", "--tls");

        assertThat(exit).isEqualTo(2);
        assertThat(error()).isEqualTo("--tls needs --port: give the server's --tcd-tls port (the default port, 7710,"
                + " is plaintext)");
    }

    @Test
    void aLineRunOverTlsWithoutAPortIsRefusedForThePort() {
        int exit = bench("--protocol", "line", "--workload", "W3", "--rooms", "1", "--connections", "4",
                "--senders", "1", "--tls");

        assertThat(exit).isEqualTo(2);
        assertThat(error()).startsWith("--tls needs --port: give the server's --line-tls port");
    }
}
