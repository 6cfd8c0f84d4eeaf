package io.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.room.ChatMessage;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer remembers each room's last sequence and the last id (SqliteNumbering): the numbers it
 * gives stay those the database holds across a rolled-back transaction, a restart and a message
 * some other connection wrote.
 */
class SqliteNumberingTest {

    @TempDir
    Path data;

    @Test
    void aMessageInATransactionThatRolledBackIsNumberedAgainWithoutAGap() throws Exception {
        try (SqliteStore store = SqliteStore.open(data)) {
            Room room = room(store, "numbers");
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch holding = new CountDownLatch(1);
            // Holds the store thread, so that what follows is taken as one batch.
            store.submit(task(connection -> {
                holding.countDown();
                await(release);
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<RoomEvent> first = post(store, room, "first");
            store.submit(task(connection -> {
                throw new SQLException("this task fails; the batch around it rolls back");
            }));
            CompletableFuture<RoomEvent> second = post(store, room, "second");
            release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS).sequence()).isEqualTo(1);
            assertThat(second.get(10, TimeUnit.SECONDS).sequence()).isEqualTo(2);
            RoomEvent third = post(store, room, "third").get(10, TimeUnit.SECONDS);
            assertThat(third.sequence()).isEqualTo(3);
            assertThat(((RoomEvent.Posted) third).chat().id()).isEqualTo(3);
        }
        assertThat(storedSequences()).isEqualTo("1:1 2:2 3:3");
    }

    @Test
    void numbersGoOnWhereTheyStoppedAfterARestart() throws Exception {
        Room room;
        try (SqliteStore store = SqliteStore.open(data)) {
            room = room(store, "numbers");
            post(store, room, "one").get(10, TimeUnit.SECONDS);
            post(store, room, "two").get(10, TimeUnit.SECONDS);
        }
        try (SqliteStore store = SqliteStore.open(data)) {
            RoomEvent three = post(store, room, "three").get(10, TimeUnit.SECONDS);
            assertThat(three.sequence()).isEqualTo(3);
            assertThat(((RoomEvent.Posted) three).chat().id()).isEqualTo(3);
        }
    }

    @Test
    void aMessageAnotherConnectionWroteIsNotNumberedOver() throws Exception {
        try (SqliteStore store = SqliteStore.open(data)) {
            Room room = room(store, "numbers");
            post(store, room, "ours").get(10, TimeUnit.SECONDS);
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteStore.FILE_NAME));
                    Statement statement = other.createStatement()) {
                statement.executeUpdate("INSERT INTO messages (id, room_ref, seq, sent_at, author, kind, text)"
                        + " VALUES (2, " + room.ref() + ", 2, 0, 'eve', 'CHAT', 'theirs')");
            }
            RoomEvent next = post(store, room, "ours again").get(10, TimeUnit.SECONDS);
            assertThat(next.sequence()).isEqualTo(3);
            assertThat(((RoomEvent.Posted) next).chat().id()).isEqualTo(3);
        }
        assertThat(storedSequences()).isEqualTo("1:1 2:2 3:3");
    }

    private static Room room(SqliteStore store, String name) {
        return new Room(store.rooms().create(name).toCompletableFuture().join().ref(), name);
    }

    /** The stored event, or the failure. */
    private static CompletableFuture<RoomEvent> post(SqliteStore store, Room room, String text) {
        CompletableFuture<RoomEvent> placed = new CompletableFuture<>();
        store.events().append(Drafts.posted(room,
                new ChatMessage(0, Instant.now(), room.ref(), "bob", ChatMessage.Kind.CHAT, text)),
                (event, failure) -> {
                    if (failure == null) {
                        placed.complete(event);
                    } else {
                        placed.completeExceptionally(failure);
                    }
                });
        return placed;
    }

    /** "id:seq" of every stored message, in id order. */
    private String storedSequences() throws SQLException {
        StringBuilder rows = new StringBuilder();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteStore.FILE_NAME));
                Statement statement = connection.createStatement();
                var result = statement.executeQuery("SELECT id, seq FROM messages ORDER BY id")) {
            while (result.next()) {
                rows.append(rows.isEmpty() ? "" : " ").append(result.getLong(1)).append(':').append(result.getLong(2));
            }
        }
        return rows.toString();
    }

    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private static StoreWriter.Task task(Work work) {
        return new StoreWriter.Task() {
            @Override
            public void run(Connection connection) throws SQLException {
                work.run(connection);
            }

            @Override
            public void done(Throwable failure) {}
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
