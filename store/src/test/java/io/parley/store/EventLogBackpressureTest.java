package io.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.core.StoreBusyException;
import io.parley.core.room.ChatMessage;
import io.parley.core.room.Member;
import io.parley.core.room.Room;
import io.parley.core.room.RoomEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While another connection holds the database, the write queue is bounded by
 * {@code store.max-queued-bytes} for joins as for posts (a JOIN loop must not grow it without
 * bound); a leave is always queued, since a member who is gone must leave.
 */
class EventLogBackpressureTest {

    /** Far longer than the test: nothing queued is written until the lock goes. */
    private static final int BUSY_TIMEOUT_MS = 600_000;
    private static final long MAX_QUEUED_BYTES = 8192;

    @TempDir
    Path data;

    @Test
    void aFullQueueRefusesJoinsAtOnceButKeepsLeaves() throws Exception {
        try (SqliteStore store = SqliteStore.open(data, BUSY_TIMEOUT_MS, MAX_QUEUED_BYTES)) {
            Room lobby = new Room(store.rooms().create("lobby").toCompletableFuture().join().ref(), "lobby");
            List<CompletableFuture<Throwable>> queued = new ArrayList<>();
            try (Connection intruder = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("parley.db"));
                    Statement lock = intruder.createStatement()) {
                lock.execute("BEGIN EXCLUSIVE");
                // Short posts until one is refused: the queue then has less room than one of them,
                // which is 256 bytes of overhead and 8 of text, so at most one join still fits.
                for (long id = 1; ; id++) {
                    assertThat(id).as("posts before the queue is full").isLessThan(1000);
                    CompletableFuture<Throwable> outcome = append(store, Drafts.posted(lobby,
                            new ChatMessage(id, Instant.now(), lobby.ref(), "bob", ChatMessage.Kind.CHAT, "x")));
                    if (outcome.isDone()) {
                        assertThat(outcome.join()).isInstanceOf(StoreBusyException.class);
                        break;
                    }
                    queued.add(outcome);
                }
                int refused = 0;
                for (String name : List.of("ann", "cid")) {
                    CompletableFuture<Throwable> join = append(store, Drafts.joined(lobby, refused, name));
                    if (join.isDone()) {
                        assertThat(join.join()).isInstanceOf(StoreBusyException.class);
                        refused++;
                    } else {
                        queued.add(join);
                    }
                }
                assertThat(refused).as("joins refused at once").isPositive();
                CompletableFuture<Throwable> leave = append(store, Drafts.left(lobby, 3, "dee"));
                assertThat(leave).as("a leave is queued, not refused").isNotDone();
                queued.add(leave);
                lock.execute("ROLLBACK");
            }
            for (CompletableFuture<Throwable> outcome : queued) {
                assertThat(outcome.get(10, TimeUnit.SECONDS)).as("written once the lock went").isNull();
            }
        }
    }

    private static CompletableFuture<Throwable> append(SqliteStore store, RoomEvent event) {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        store.events().append(event, Drafts.outcome(outcome::complete));
        return outcome;
    }
}
