package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.WireClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley backup} as an operator runs it: a second process beside a packaged server that
 * holds the data directory's lock. The backup does not need that lock, and the server it copies
 * serves on. Run by failsafe after {@code package}.
 */
class BackupE2E {

    @TempDir
    Path workingDirectory;

    @TempDir
    Path logs;

    @Test
    void aBackupProcessCopiesTheStoreOfARunningServerWithoutItsLock() throws Exception {
        try (ServerProcess server = ServerProcess.jar(workingDirectory, logs, "serve", "--bind", "127.0.0.1",
                "--tcd", "off", "--line", "0", "--account", "off", "--directory", "off", "--web", "off", "--admin", "off")) {
            int port = server.awaitPort("Line");
            try (WireClient alice = WireClient.connect(port)) {
                alice.send("alice\nkept in the backup\n");
                while (!alice.readLine().equals("alice: kept in the backup")) {
                    // a join notice may come first; readLine fails the test on a timeout
                }

                Process backup = new ProcessBuilder("java", "-jar",
                        ServerProcess.home().resolve("server/target/parley.jar").toString(),
                        "backup", "--data", "data", "--out", "copy.db")
                        .directory(workingDirectory.toFile()).redirectErrorStream(true).start();
                String output = new String(backup.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(backup.waitFor(ServerProcess.EXIT_TIMEOUT_S, TimeUnit.SECONDS)).isTrue();

                assertThat(backup.exitValue()).as(output).isZero();
                assertThat(output).matches("Backed up data/parley\\.db to copy\\.db \\(\\d+ bytes\\)\\R");
                assertThat(Files.size(workingDirectory.resolve("copy.db"))).isPositive();
                try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + workingDirectory.resolve("copy.db"));
                        ResultSet rows = db.createStatement().executeQuery(
                                "SELECT text FROM messages WHERE author = 'alice'")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("kept in the backup");
                }

                alice.send("still serving\n");
                while (!alice.readLine().equals("alice: still serving")) {
                    // as above
                }
            }
        }
    }
}
