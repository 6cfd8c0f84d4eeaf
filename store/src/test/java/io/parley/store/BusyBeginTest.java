package io.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.room.ChatMessage;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
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

/**
 * A store transaction that could not begin (another process held the lock past the busy timeout)
 * must leave nothing behind: with the driver's IMMEDIATE mode, sqlite-jdbc flipped its autocommit
 * flag anyway, the next batch ran each statement in SQLite's autocommit mode, its commit failed,
 * and the per-task retry wrote every task a second time.
 */
class BusyBeginTest {

    @TempDir
    Path data;

    @Test
    void aMessageWrittenAfterALockTimeoutIsStoredOnce() throws Exception {
        try (SqliteStore store = SqliteStore.open(data, 200)) {
            Room lobby = new Room(store.rooms().create("lobby").toCompletableFuture().join().ref(), "lobby");
            try (Connection intruder = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("parley.db"));
                    Statement lock = intruder.createStatement()) {
                lock.execute("BEGIN IMMEDIATE");
                Throwable busy = append(store, post(lobby, "while locked")).get(10, TimeUnit.SECONDS);
                assertThat(busy).as("refused while another process holds the lock").isNotNull();
                lock.execute("ROLLBACK");
            }
            CompletableFuture<RoomEvent> placed = new CompletableFuture<>();
            store.events().append(post(lobby, "after the lock went"), (event, error) -> {
                if (error != null) {
                    placed.completeExceptionally(error);
                } else {
                    placed.complete(event);
                }
            });
            RoomEvent event = placed.get(10, TimeUnit.SECONDS);
            try (Connection check = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("parley.db"));
                    Statement count = check.createStatement();
                    ResultSet rows = count.executeQuery("SELECT COUNT(*) FROM messages WHERE text = 'after the lock went'")) {
                rows.next();
                assertThat(rows.getInt(1)).as("rows holding the message").isEqualTo(1);
            }
            assertThat(event.sequence()).as("the first message stored in the room").isEqualTo(1);
        }
    }

    /**
     * sqlite-jdbc's commit() in a driver transaction runs "commit;" and at once the next
     * "begin immediate;": the writer would take the write lock again after every batch, so another
     * process could not write between batches, and a commit could wait out the busy timeout and
     * fail after its batch was durable. The probe runs on the store thread right after the commit
     * ({@link StoreMetrics#committed}), with no wait for the lock.
     */
    @Test
    void theWriterHoldsNoLockOnceABatchHasCommitted() throws Exception {
        CompletableFuture<Throwable> probed = new CompletableFuture<>();
        StoreMetrics probe = new StoreMetrics() {
            @Override
            public void committed(int tasks, long nanos) {
                if (probed.isDone()) {
                    return;
                }
                try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("parley.db"));
                        Statement statement = other.createStatement()) {
                    statement.execute("PRAGMA busy_timeout = 0");
                    statement.execute("BEGIN IMMEDIATE");
                    statement.execute("ROLLBACK");
                    probed.complete(null);
                } catch (java.sql.SQLException e) {
                    probed.complete(e);
                }
            }
        };
        try (SqliteStore store = SqliteStore.open(data, 200, SqliteStore.DEFAULT_MAX_QUEUED_BYTES, probe)) {
            store.rooms().create("lobby").toCompletableFuture().join();
            assertThat(probed.get(10, TimeUnit.SECONDS)).as("another writer right after a commit").isNull();
        }
    }

    private static RoomEvent.Posted post(Room room, String text) {
        return Drafts.posted(room, new ChatMessage(0, Instant.now(), room.ref(), "bob", ChatMessage.Kind.CHAT, text));
    }

    private static CompletableFuture<Throwable> append(SqliteStore store, RoomEvent event) {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        store.events().append(event, Drafts.outcome(outcome::complete));
        return outcome;
    }
}
