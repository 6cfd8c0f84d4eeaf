package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -HUP} on the packaged server started with {@code --config}, as an operator changing
 * a limit does it: the edited file's lower per-address cap refuses the next connection, the log
 * has one line saying what changed and what needs a restart, a file with a mistake keeps the
 * running values with one warning naming it, and the process lives on.
 */
class ConfigReloadE2E {

    @TempDir
    Path data;
    @TempDir
    Path logs;
    @TempDir
    Path etc;

    @Test
    void sighupAppliesTheEditedFileAndSaysWhatNeedsARestart() throws Exception {
        Path config = etc.resolve("parley.conf");
        Path motd = etc.resolve("motd.txt");
        Files.writeString(motd, "first day\n");
        Files.writeString(config, "connection.max-per-address = 256\nirc.motd = " + motd + "\n");
        try (ServerProcess server = ServerProcess.jar(data, logs, ListenerFlags.serve("off", "--config", config.toString(),
                "--data", data.toString(), "--bind", "127.0.0.1", "--admin", "off", "--line", "0", "--irc", "0",
                // Each refusal and registration timeout logged, for a failure's message.
                "--log-level", "info, io.parley.server.ConnectionGuard=debug"))) {
            int line = server.awaitPort("Line");
            try (WireClient alice = WireClient.connect(line); WireClient bob = WireClient.connect(line)) {
                alice.send("alice\n");
                bob.send("bob\n");

                Files.writeString(motd, "second day\n");
                Files.writeString(config, "connection.max-per-address = 2\nirc.motd = " + motd
                        + "\ntcd.student-id = someone\nirc.port = 6668\n");
                server.hangUp();

                assertThat(server.awaitLogLine("reloaded ")).contains(" INFO ").endsWith("reloaded " + config
                        + ": connection.max-per-address 256 -> 2, irc.motd changed; needs a restart: tcd.student-id"
                        + " parley -> someone"); // irc.port: --irc wins over the file
                expectRefused(server, line);

                Files.writeString(config, "connection.max-per-address = many\n");
                server.hangUp();

                assertThat(server.awaitLogLine("not reloaded")).contains(" WARN ").contains("not reloaded, keeping the"
                        + " running settings: connection.max-per-address in " + config + " must be a whole number");
                expectRefused(server, line);
                alice.send("still here\n"); // open connections go on
            }
            server.terminate();
            assertThat(server.awaitExit()).as("exit code; stderr:%n%s", server.stderr()).isZero();
        }
    }

    /** A third connection from the address is refused, in the protocol's form; a failure shows the server's log. */
    private static void expectRefused(ServerProcess server, int line) throws Exception {
        try (WireClient third = WireClient.connect(line)) {
            third.expect("* too many connections from your address\n").expectEof();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nthe server's log:\n" + server.stderr(), e);
        }
    }
}
