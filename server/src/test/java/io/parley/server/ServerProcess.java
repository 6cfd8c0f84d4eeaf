package io.parley.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged server (or a launcher script) as a separate process, for end-to-end tests: waits
 * on its "listening" lines for the ports, and stops it by KILL_SERVICE, SIGTERM or SIGKILL.
 * {@link #close} kills it if it is still running. The one way {@code *E2E} tests start a server,
 * as {@link ParleyExtension} is for tests in this JVM; they hold it in try-with-resources, since
 * the order in which servers start and stop over one data directory is often what they test.
 *
 * <p>Not thread-safe: the test's thread drives it.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("(\\w+) protocol( \\(TLS\\))? listening on port (\\d+) \\(.*");
    /** Generous: covers a JVM start, and a build if ./parley finds the jar stale. */
    static final long START_TIMEOUT_S = 180;
    static final long EXIT_TIMEOUT_S = 60;

    private final Process process;
    private final Path stderr;
    /** The server's stdout; one reader for the process's life, so no line it buffered is lost. */
    private final BufferedReader out;

    private ServerProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The project root, where the launchers are and under which the jar is built. */
    static Path home() throws IOException {
        return Path.of(System.getProperty("parley.home", "..")).toRealPath();
    }

    /** Runs the packaged jar with {@code args} in {@code workingDirectory}. */
    static ServerProcess jar(Path workingDirectory, Path logs, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("java", "-jar",
                home().resolve("server/target/parley.jar").toString()));
        command.addAll(List.of(args));
        return start(command, workingDirectory, logs);
    }

    static ServerProcess start(List<String> command, Path workingDirectory, Path logs) throws IOException {
        Path stderr = logs.resolve("stderr-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectError(stderr.toFile()).start();
        return new ServerProcess(process, stderr);
    }

    /**
     * Waits until the {@code protocol} listener (e.g. "TCD", "Line", or "TCD TLS" for
     * {@code --tcd-tls}) printed its line; returns its
     * port. The lines before it are read past.
     */
    int awaitPort(String protocol) throws Exception {
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> readUntilPortOf(protocol));
        try {
            return port.get(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + protocol + " listening line within " + START_TIMEOUT_S + " s; stderr:\n"
                    + stderr(), e);
        }
    }

    private int readUntilPortOf(String protocol) {
        try {
            for (String line; (line = out.readLine()) != null; ) {
                Matcher matcher = LISTENING.matcher(line);
                String listener = matcher.matches() ? matcher.group(1) + (matcher.group(2) == null ? "" : " TLS") : null;
                if (protocol.equals(listener)) {
                    return Integer.parseInt(matcher.group(3));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("the server's stdout ended without a " + protocol + " listening line; stderr:\n"
                + stderr());
    }

    /** The next line the server prints on stdout; fails if none comes in time or stdout ends. */
    String nextLine() throws Exception {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String read;
        try {
            read = line.get(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no line on stdout within " + START_TIMEOUT_S + " s; stderr:\n" + stderr(), e);
        }
        if (read == null) {
            throw new AssertionError("the server's stdout ended; stderr:\n" + stderr());
        }
        return read;
    }

    /** The rest of the server's stdout, to its end: call it once the process has exited. */
    String restOfStdout() throws IOException {
        StringBuilder rest = new StringBuilder();
        char[] chunk = new char[4096];
        for (int n = out.read(chunk); n >= 0; n = out.read(chunk)) {
            rest.append(chunk, 0, n);
        }
        return rest.toString();
    }

    /** The process id of the launched command (the JVM, for {@link #jar}). */
    long pid() {
        return process.pid();
    }

    /** Sends SIGHUP, as {@code kill -HUP} does. */
    void hangUp() throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid())).inheritIO().start();
        if (!kill.waitFor(EXIT_TIMEOUT_S, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -HUP " + pid() + " failed");
        }
    }

    /** Waits until the server's stderr (its log) has a line containing {@code text}; returns that line. */
    String awaitLogLine(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXIT_TIMEOUT_S);
        while (System.nanoTime() < deadline) {
            for (String line : stderr().split("\n")) {
                if (line.contains(text)) {
                    return line;
                }
            }
            Thread.sleep(20); // the log is a file: nothing to wait on but its growth
        }
        throw new AssertionError("no log line with \"" + text + "\" within " + EXIT_TIMEOUT_S + " s; stderr:\n"
                + stderr());
    }

    /** Sends SIGTERM. */
    void terminate() {
        process.destroy();
    }

    /** Sends SIGKILL and waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(EXIT_TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** Waits for the process to exit; returns its exit code, or fails if it does not exit in time. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(EXIT_TIMEOUT_S, TimeUnit.SECONDS)) {
            throw new AssertionError("the server did not exit within " + EXIT_TIMEOUT_S + " s; stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
