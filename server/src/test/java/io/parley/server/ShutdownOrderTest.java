package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 finding 17: the shutdown notice goes out after the reply to the request in progress,
 * so a client that pairs each reply with its request in order reads the notice as the answer to
 * a request of its own, never in place of one.
 */
class ShutdownOrderTest {

    @TempDir
    Path data;

    @Test
    void theNoticeFollowsTheReplyToTheRequestInProgress() throws Exception {
        // The join waits for the store, which another process holds locked for longer than the
        // stop takes to be asked; it then fails, well within the stop's wait for the notices.
        ParleyServer server = TestServer.start(data, Map.of(ServerConfig.STORE_BUSY_TIMEOUT_MS, "500"));
        CompletableFuture<Void> stopped = null;
        try (TcdClient client = TcdClient.connect(server.port("tcd"));
                Connection intruder = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("parley.db"));
                Statement lock = intruder.createStatement()) {
            lock.execute("BEGIN EXCLUSIVE");
            // One write, so one read on the server: the join is in progress (waiting for the
            // store) once the HELO is answered, before the stop can reach the connection.
            client.send("HELO first\n" + TcdMessages.join("newroom", "tom"));
            client.expect(TcdMessages.helo("first", server.port("tcd")));

            stopped = CompletableFuture.runAsync(server::stop);

            // The join's own reply (the store could not take it), then the notice.
            client.expect("ERROR_CODE: 7\n");
            assertThat(client.readLine()).startsWith("ERROR_DESCRIPTION: ");
            client.expect("ERROR_CODE: 11\nERROR_DESCRIPTION: server shutting down\n");
            client.expectEof();
            lock.execute("ROLLBACK");
        } finally {
            if (stopped == null) {
                server.stop();
            } else {
                stopped.get(30, TimeUnit.SECONDS);
            }
        }
    }
}
