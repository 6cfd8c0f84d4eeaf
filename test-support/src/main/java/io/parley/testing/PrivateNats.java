package io.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@code nats-server} of the test's own, on a free port of 127.0.0.1, that the test may stop
 * (SIGKILL) and start again on the same port: for tests that must take NATS away from a cluster
 * without touching the machine's shared one on 4222. The binary is {@code /usr/sbin/nats-server}
 * (Debian's package) unless {@code NATS_SERVER} names another. Plain NATS, no JetStream.
 *
 * <p>Not thread-safe: the test's thread drives it. {@link #close} stops it.
 */
public final class PrivateNats implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final int port;
    private final Path log;
    private Process process;

    private PrivateNats(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    /** Starts one; its log goes to a file under {@code logs}. */
    public static PrivateNats start(Path logs) {
        PrivateNats nats = new PrivateNats(FreePort.pick(), logs.resolve("nats-" + System.nanoTime() + ".log"));
        nats.start();
        return nats;
    }

    public static String binary() {
        String named = System.getenv("NATS_SERVER");
        return named != null && !named.isBlank() ? named : "/usr/sbin/nats-server";
    }

    /** {@code nats://127.0.0.1:PORT}. */
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts it again (after {@link #kill}), on the same port; returns once it accepts connections. */
    public void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        if (!Files.isExecutable(Path.of(binary()))) {
            throw new AssertionError("no nats-server at " + binary() + " (install Debian's nats-server, or set NATS_SERVER)");
        }
        try {
            process = new ProcessBuilder(binary(), "-a", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FreePort.await(port, true, START_TIMEOUT, "nats-server on port " + port);
    }

    /** SIGKILL: every connection drops at once, as in a crash. Returns once the port refuses. */
    public void kill() {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        FreePort.await(port, false, START_TIMEOUT, "nats-server on port " + port);
    }

    @Override
    public void close() {
        kill();
    }
}
