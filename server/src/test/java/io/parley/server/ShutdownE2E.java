package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server stopped the two hard ways: SIGTERM (clients are told, the store is closed,
 * exit 0) and SIGKILL in the middle of traffic (after a restart, every message a sender saw
 * echoed is in history exactly once, and the database passes its integrity check).
 */
class ShutdownE2E {

    @TempDir
    Path data;

    @TempDir
    Path logs;

    private ServerProcess serve() throws Exception {
        return ServerProcess.jar(data, logs, "serve", "--data", data.toString(), "--bind", "127.0.0.1",
                "--tcd", "off", "--line", "0", "--account", "off", "--directory", "off", "--web", "off", "--admin", "off");
    }

    @Test
    void sigtermTellsClientsClosesTheStoreAndExitsZero() throws Exception {
        try (ServerProcess server = serve()) {
            int port = server.awaitPort("Line");
            try (WireClient client = WireClient.connect(port)) {
                client.send("alice\nbye soon\n").expect("alice: bye soon\n");

                server.terminate();

                client.expect("* server shutting down\n").expectEof();
            }
            assertThat(server.awaitExit()).as("exit code; stderr:%n%s", server.stderr()).isZero();
            assertThat(server.stderr()).contains("Store closed");
        }
        assertThat(data.resolve("parley.db-wal")).as("the write-ahead log, folded in at close").doesNotExist();
    }

    @Test
    void afterSigkillEveryEchoedMessageIsInHistoryOnce() throws Exception {
        List<String> echoed = new ArrayList<>();
        try (ServerProcess server = serve()) {
            int port = server.awaitPort("Line");
            try (WireClient sender = WireClient.connect(port)) {
                sender.send("sender\n");
                AtomicBoolean sending = new AtomicBoolean(true);
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    for (int n = 0; sending.get(); n++) {
                        sender.send("message " + n + "\n");
                    }
                });
                for (int n = 0; n < 300; n++) {
                    String echo = sender.readLine();
                    assertThat(echo).isEqualTo("sender: message " + n);
                    echoed.add("message " + n);
                }
                server.kill(); // mid-traffic: the writer is still sending
                sending.set(false);
                writer.handle((ignored, failure) -> null).get(ServerProcess.EXIT_TIMEOUT_S, TimeUnit.SECONDS);
            }
        }
        try (ServerProcess restarted = serve()) {
            restarted.awaitPort("Line");
            restarted.terminate();
            assertThat(restarted.awaitExit()).isZero();
        }

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("parley.db"));
                Statement query = db.createStatement()) {
            try (ResultSet check = query.executeQuery("PRAGMA integrity_check")) {
                check.next();
                assertThat(check.getString(1)).isEqualTo("ok");
            }
            Map<String, Integer> stored = new HashMap<>();
            try (ResultSet rows = query.executeQuery("SELECT text FROM messages WHERE author = 'sender'")) {
                while (rows.next()) {
                    stored.merge(rows.getString(1), 1, Integer::sum);
                }
            }
            for (String message : echoed) {
                assertThat(stored.get(message)).as("copies of %s in history", message).isEqualTo(1);
            }
        }
    }
}
