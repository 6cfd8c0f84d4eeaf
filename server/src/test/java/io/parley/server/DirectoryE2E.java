package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    @TempDir
    Path logs;

    private static List<String> parley(String... arguments) {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path jar = Path.of(System.getProperty("parley.home", ".."), "server", "target", "parley.jar");
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    @Test
    void serveAndTheDirectoryClientFromTheCommandLine() throws Exception {
        try (ServerProcess server = ServerProcess.jar(work, logs, "serve", "--data", work.resolve("data").toString(),
                "--bind", "127.0.0.1", "--tcd", "off", "--line", "off", "--account", "off", "--directory", "0",
                "--web", "off", "--admin", "off")) {
            Matcher started = Pattern.compile("Chat Room Directory Server listening on port (\\d+) \\.\\.\\.")
                    .matcher(server.nextLine());
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
            assertThat(server.nextLine()).matches("Connection from 127\\.0\\.0\\.1:\\d+ opened");
            assertThat(server.nextLine()).matches("Connection from 127\\.0\\.0\\.1:\\d+ closed");

            server.terminate(); // SIGTERM: a clean stop
            assertThat(server.awaitExit()).as("exit code; log:\n" + server.stderr()).isZero();
        }
    }
}
