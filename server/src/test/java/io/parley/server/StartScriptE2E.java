package io.parley.server;

import static io.parley.server.TcdMessages.chat;
import static io.parley.server.TcdMessages.helo;
import static io.parley.server.TcdMessages.relay;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.server.TcdClient.Joined;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's way of running the server, end to end: {@code ./start.sh <port>} on the packaged jar,
 * scored by steps 1 and 8 of the scoring client (HELO, a join and a chat, then KILL_SERVICE, after
 * which the process must exit 0). Run by failsafe after {@code package}; {@code parley.home} is the
 * project root.
 */
class StartScriptE2E {

    private static final Pattern LISTENING = Pattern.compile("TCD protocol listening on port (\\d+) \\(.*\\)");
    /** Generous: covers a JVM start, and a build if ./parley finds the jar stale. */
    private static final long START_TIMEOUT_S = 180;
    private static final long EXIT_TIMEOUT_S = 60;

    /** The server's working directory: start.sh passes no --data, so ./data lands here. */
    @TempDir
    Path workingDirectory;

    @TempDir
    Path logs;

    @Test
    void startShServesTcdAndExitsZeroOnKillService() throws Exception {
        Path home = Path.of(System.getProperty("parley.home", "..")).toRealPath();
        Path stderr = logs.resolve("stderr.log");
        Process process = new ProcessBuilder(home.resolve("start.sh").toString(), "0")
                .directory(workingDirectory.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            int port = listeningPort(process, stderr);

            try (TcdClient base = TcdClient.connect(port); TcdClient client = TcdClient.connect(port)) {
                base.send("HELO BASE_TEST\n");
                base.expect(helo("BASE_TEST", port));
                Joined room = client.join("room1", "client1");
                client.send(chat(room.ref(), room.joinId(), "client1", "hello world from client 1"));
                client.expect(relay(room.ref(), "client1", "hello world from client 1"));

                base.send("KILL_SERVICE\n");
                base.expectEof();
                client.expectEof();
            }
            assertThat(process.waitFor(EXIT_TIMEOUT_S, TimeUnit.SECONDS)).as("the server exited").isTrue();
            assertThat(process.exitValue()).as("exit code; stderr:%n%s", read(stderr)).isZero();
            assertThat(workingDirectory.resolve("data").resolve("parley.db")).isRegularFile();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(EXIT_TIMEOUT_S, TimeUnit.SECONDS);
            }
        }
    }

    /** Waits for the server's "listening" line on stdout and returns its port. */
    private static int listeningPort(Process process, Path stderr) throws Exception {
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.matches()) {
                        return Integer.parseInt(matcher.group(1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new AssertionError("the server's stdout ended without a listening line; stderr:\n" + read(stderr));
        });
        try {
            return port.get(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no listening line within " + START_TIMEOUT_S + " s; stderr:\n" + read(stderr), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
