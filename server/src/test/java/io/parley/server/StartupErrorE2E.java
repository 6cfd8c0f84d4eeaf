package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server with a port already taken: the whole of its stderr (logs included) is one
 * line naming the port, its protocol and the fix, nothing is printed as listening, and nothing
 * is written to the store. Run by failsafe after {@code package}.
 */
class StartupErrorE2E {

    @TempDir
    Path workingDirectory;

    @TempDir
    Path logs;

    @Test
    void aPortInUseIsOneLineOnStderrAndExitCodeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            try (ServerProcess server = ServerProcess.jar(workingDirectory, logs, "serve", "--bind", "127.0.0.1",
                    "--tcd", "0", "--line", "0", "--account", "0", "--directory", Integer.toString(port),
                    "--web", "off", "--admin", "off")) {
                int exitCode = server.awaitExit(); // fails if it does not exit
                String stderr = server.stderr();
                String stdout = server.restOfStdout();

                assertThat(stderr).isEqualTo("cannot listen on 127.0.0.1 port " + port + " (directory): address already"
                        + " in use; choose another with --directory PORT or turn it off with --directory off"
                        + System.lineSeparator());
                assertThat(exitCode).isEqualTo(1);
                assertThat(stdout).as("nothing listening").isEmpty();
                assertThat(workingDirectory.resolve("data/parley.db")).as("the store untouched").doesNotExist();
            }
        }
    }
}
