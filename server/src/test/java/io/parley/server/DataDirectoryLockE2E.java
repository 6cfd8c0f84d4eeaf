package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged servers on one data directory: the second refuses to start, in one line naming the
 * first one's pid, and the first goes on serving. Run by failsafe after {@code package}.
 */
class DataDirectoryLockE2E {

    @TempDir
    Path workingDirectory;

    @TempDir
    Path logs;

    private ServerProcess serve() throws Exception {
        return ServerProcess.jar(workingDirectory, logs, "serve", "--bind", "127.0.0.1", "--tcd", "off",
                "--line", "0", "--account", "off", "--directory", "off", "--web", "off", "--admin", "off");
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryFailsInOneLineAndTheFirstKeepsServing() throws Exception {
        try (ServerProcess first = serve()) {
            int port = first.awaitPort("Line");

            try (ServerProcess second = serve()) {
                assertThat(second.awaitExit()).as("exit code; stderr:%n%s", second.stderr()).isEqualTo(1);
                assertThat(second.stderr()).isEqualTo("data/parley.db is in use by another Parley (pid "
                        + first.pid() + "); use --data DIR" + System.lineSeparator());
            }

            try (WireClient alice = WireClient.connect(port)) {
                alice.send("alice\n").send("still here\n");
                while (!alice.readLine().equals("alice: still here")) {
                    // other lines (a join notice) may come first; readLine fails the test on a timeout
                }
            }
        }
    }
}
