package io.parley.server;

import static io.parley.server.TcdMessages.chat;
import static io.parley.server.TcdMessages.helo;
import static io.parley.server.TcdMessages.relay;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.server.TcdClient.Joined;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's way of running the server, end to end: {@code ./start.sh <port>} on the packaged jar,
 * scored by steps 1 and 8 of the scoring client (HELO, a join and a chat, then KILL_SERVICE, after
 * which the process must exit 0). Run by failsafe after {@code package}; {@code parley.home} is the
 * project root.
 */
class StartScriptE2E {

    /** The server's working directory: start.sh keeps its store in ./data/tcd-<port> under it. */
    @TempDir
    Path workingDirectory;

    @TempDir
    Path logs;

    @Test
    void startShServesTcdAndExitsZeroOnKillService() throws Exception {
        List<String> command = List.of(ServerProcess.home().resolve("start.sh").toString(), "0");
        try (ServerProcess server = ServerProcess.start(command, workingDirectory, logs)) {
            int port = server.awaitPort("TCD");

            try (TcdClient base = TcdClient.connect(port); TcdClient client = TcdClient.connect(port)) {
                base.send("HELO BASE_TEST\n");
                base.expect(helo("BASE_TEST", port));
                Joined room = client.join("room1", "client1");
                client.send(chat(room.ref(), room.joinId(), "client1", "hello world from client 1"));
                client.expect(relay(room.ref(), "client1", "hello world from client 1"));

                base.send("KILL_SERVICE\n");
                base.expectEof();
                client.expect("ERROR_CODE: 11\nERROR_DESCRIPTION: server shutting down\n");
                client.expectEof();
            }
            assertThat(server.awaitExit()).as("exit code; stderr:%n%s", server.stderr()).isZero();
            assertThat(workingDirectory.resolve("data/tcd-0/parley.db")).as("the port's own store").isRegularFile();
        }
    }
}
