package io.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.room.ChatMessage;
import io.parley.core.room.Room;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write-ahead log is copied into the database file by the checkpoint thread, not by commits. */
class WalCheckpointerTest {

    private static final int MESSAGES = 4_000;
    /** 4,000 messages of 500 characters: about 2 MB, fewer pages than SQLite's own automatic checkpoint waits for. */
    private static final String TEXT = "x".repeat(500);

    @TempDir
    Path data;

    @Test
    void theDatabaseFileReceivesWhatWasWrittenWithoutTheWriterCheckpointing() throws Exception {
        Path file = data.resolve(SqliteStore.FILE_NAME);
        try (SqliteStore store = SqliteStore.open(data)) {
            long before = Files.size(file);
            writeMessages(store);
            // Under 1,000 pages of log, so SQLite's own automatic checkpoint never ran: only the
            // checkpoint thread can have put the messages into the file. Polled, with a deadline.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (Files.size(file) < before + MESSAGES * TEXT.length() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Files.size(file)).as("the database file after the checkpoint thread's runs")
                    .isGreaterThanOrEqualTo(before + (long) MESSAGES * TEXT.length());
        }
    }

    @Test
    void aCheckpointCopiesTheWholeLogAndKeepsEveryMessage() throws Exception {
        try (SqliteStore store = SqliteStore.open(data)) {
            writeMessages(store);
            WalCheckpointer.Result result = store.checkpoint();
            assertThat(result.checkpointedFrames()).isEqualTo(result.logFrames());
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteStore.FILE_NAME));
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM messages")) {
            count.next();
            assertThat(count.getInt(1)).isEqualTo(MESSAGES);
        }
    }

    @Test
    void theWriterCheckpointsOnlyAtTheBackstop() throws Exception {
        try (SqliteStore store = SqliteStore.open(data)) {
            CompletableFuture<Integer> pages = new CompletableFuture<>();
            store.submit(new StoreWriter.Task() {
                @Override
                public void run(Connection connection) throws java.sql.SQLException {
                    try (Statement statement = connection.createStatement();
                            ResultSet row = statement.executeQuery("PRAGMA wal_autocheckpoint")) {
                        row.next();
                        pages.complete(row.getInt(1));
                    }
                }

                @Override
                public void done(Throwable failure) {
                    if (failure != null) {
                        pages.completeExceptionally(failure);
                    }
                }
            });
            assertThat(pages.get(10, TimeUnit.SECONDS)).isEqualTo(WalCheckpointer.WRITER_BACKSTOP_PAGES);
        }
    }

    private static void writeMessages(SqliteStore store) throws Exception {
        Room lobby = new Room(store.rooms().create("lobby").toCompletableFuture().join().ref(), "lobby");
        CompletableFuture<Throwable> last = null;
        for (long id = 1; id <= MESSAGES; id++) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            store.events().append(Drafts.posted(lobby,
                    new ChatMessage(id, Instant.now(), lobby.ref(), "bob", ChatMessage.Kind.CHAT, TEXT)),
                    Drafts.outcome(outcome::complete));
            last = outcome;
            if (id % 500 == 0) { // the write queue holds about 2 MB: wait for each 250 KB written
                assertThat(last.get(30, TimeUnit.SECONDS)).as("a write's failure").isNull();
            }
        }
        assertThat(last.get(30, TimeUnit.SECONDS)).as("the last write's failure").isNull();
    }
}
