package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    @Test
    void aPortInUseIsOneLineOnStderrAndExitCodeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Process server = new ProcessBuilder(List.of("java", "-jar",
                    ServerProcess.home().resolve("server/target/parley.jar").toString(), "serve", "--bind", "127.0.0.1",
                    "--tcd", "0", "--line", "0", "--account", "0", "--directory", Integer.toString(port), "--admin", "off"))
                    .directory(workingDirectory.toFile()).start();
            server.getOutputStream().close();

            assertThat(server.waitFor(ServerProcess.EXIT_TIMEOUT_S, TimeUnit.SECONDS)).as("exited").isTrue();
            String stderr = new String(server.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            String stdout = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(stderr).isEqualTo("cannot listen on 127.0.0.1 port " + port + " (directory): address already"
                    + " in use; choose another with --directory PORT or turn it off with --directory off"
                    + System.lineSeparator());
            assertThat(server.exitValue()).isEqualTo(1);
            assertThat(stdout).as("nothing listening").isEmpty();
            assertThat(workingDirectory.resolve("data/parley.db")).as("the store untouched").doesNotExist();
        }
    }
}
