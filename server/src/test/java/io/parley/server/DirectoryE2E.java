package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a user runs it: {@code parley serve --directory 0}, then
 * {@code parley client directory 127.0.0.1 <port>} with its commands piped in (so on a dumb
 * terminal), as the handout's steps 1-4 do by hand.
 */
class DirectoryE2E {

    private static final long TIMEOUT_MS = 30_000;

    @TempDir
    Path work;

    private Process server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroy();
            server.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
    }

    private static List<String> parley(String... arguments) {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path jar = Path.of(System.getProperty("parley.home", ".."), "server", "target", "parley.jar");
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    @Test
    void serveAndTheDirectoryClientFromTheCommandLine() throws Exception {
        server = new ProcessBuilder(parley("serve", "--data", work.resolve("data").toString(), "--bind", "127.0.0.1",
                "--tcd", "off", "--line", "off", "--account", "off", "--directory", "0", "--admin", "off"))
                .redirectError(work.resolve("server.log").toFile()).start();
        BlockingQueue<String> serverLines = lines(server);
        Matcher started = Pattern.compile("Chat Room Directory Server listening on port (\\d+) \\.\\.\\.")
                .matcher(next(serverLines));
        assertThat(started.matches()).as("the server's first line").isTrue();

        Process client = new ProcessBuilder(parley("client", "directory", "127.0.0.1", started.group(1)))
                .redirectErrorStream(true).start();
        try (OutputStream keyboard = client.getOutputStream()) {
            keyboard.write("connect\nmakeroom e2e 239.0.0.1 5000\ngetdir\nbye\nquit\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(client.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)).as("the client ends with its input").isTrue();
        String shown = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(client.exitValue()).isZero();
        assertThat(shown).contains("Connected to the directory server at 127.0.0.1:" + started.group(1),
                "room e2e created", "e2e   239.0.0.1  5000", "Disconnected from the directory server.");
        assertThat(next(serverLines)).matches("Connection from 127\\.0\\.0\\.1:\\d+ opened");
        assertThat(next(serverLines)).matches("Connection from 127\\.0\\.0\\.1:\\d+ closed");

        server.destroy(); // SIGTERM: a clean stop
        assertThat(server.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(server.exitValue()).as("exit code; log:\n" + Files.readString(work.resolve("server.log"))).isZero();
    }

    /** The process's stdout, line by line, as it comes. */
    private static BlockingQueue<String> lines(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reading = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "stdout-" + process.pid());
        reading.setDaemon(true);
        reading.start();
        return lines;
    }

    private static String next(BlockingQueue<String> lines) throws InterruptedException {
        String line = lines.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertThat(line).as("a line within " + TIMEOUT_MS + " ms").isNotNull();
        return line;
    }
}
