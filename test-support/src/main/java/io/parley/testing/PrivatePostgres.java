package io.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own ({@code initdb} in a temporary directory, trust auth for
 * user {@code postgres}, on a free port of 127.0.0.1) that the test may crash
 * ({@code pg_ctl stop -m immediate}) and start again: for tests that must take the store of
 * record away from a cluster without touching the machine's shared server on 5432.
 *
 * <p>PostgreSQL refuses to run as root: when the tests run as root, its commands run as the
 * {@code postgres} user ({@code runuser -u postgres}), which owns the directory. The binaries are
 * those of the newest {@code /usr/lib/postgresql/<version>/bin} unless {@code PG_BIN} names a
 * directory. Durable as in production ({@code fsync} on; {@code initdb -N} only skips syncing
 * the fresh cluster's files).
 *
 * <p>Not thread-safe: the test's thread drives it. {@link #close} stops it and deletes its files.
 */
public final class PrivatePostgres implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final Path data;
    private final int port;
    private boolean running;

    private PrivatePostgres(Path directory, int port) {
        this.directory = directory;
        this.data = directory.resolve("data");
        this.port = port;
    }

    /** Makes a fresh cluster and starts it. */
    public static PrivatePostgres start() {
        try {
            Path directory = Files.createTempDirectory("parley-pg-");
            if (asRoot()) {
                run(List.of("chown", "postgres:postgres", directory.toString()));
            }
            PrivatePostgres postgres = new PrivatePostgres(directory, FreePort.pick());
            postgres.pg("initdb", "-D", postgres.data.toString(), "-U", "postgres", "--auth=trust", "-N",
                    "-E", "UTF8", "--locale=C");
            postgres.start0();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code postgresql://127.0.0.1:PORT/DATABASE?user=postgres}: what {@code --store} takes. */
    public String url(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /** The JDBC URL of {@code database}, for the test's own checks. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /** Crashes it ({@code -m immediate}: no checkpoint, every connection dropped); returns once the port refuses. */
    public void crash() {
        pg("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
        running = false;
        FreePort.await(port, false, TIMEOUT, "PostgreSQL on port " + port);
    }

    /** Starts it again on the same port, after {@link #crash}; returns once it takes connections. */
    public void restart() {
        start0();
    }

    private void start0() {
        pg("pg_ctl", "-D", data.toString(), "-l", directory.resolve("log").toString(), "-w", "-t",
                Long.toString(TIMEOUT.toSeconds()), "-o",
                "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1", "start");
        running = true;
    }

    private void pg(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin().resolve(program).toString());
        command.addAll(List.of(args));
        run(command);
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static Path bin() {
        String named = System.getenv("PG_BIN");
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString())))
                    .orElseThrow(() -> new AssertionError("no PostgreSQL server under /usr/lib/postgresql (set PG_BIN)"));
        } catch (IOException | NumberFormatException e) {
            throw new AssertionError("no PostgreSQL server under /usr/lib/postgresql (set PG_BIN): " + e, e);
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (" + process.exitValue() + "):\n"
                        + new String(output, java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            if (running) {
                crash();
            }
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary directory: the system cleans it up anyway
            }
        }
    }
}
